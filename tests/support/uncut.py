"""Words a window shows cut short: a label, button, tick box, list, tab, group title or
column heading given less room than its text needs. German and Spanish words are longer than
English ones, so a window laid out for English may cut them; these say which."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QGroupBox,
    QLabel,
    QTabBar,
    QTableView,
    QWidget,
)


def cut_texts(top: QWidget) -> list[str]:
    """What ``top`` (shown) and the widgets in sight inside it show cut short, each as its
    text; empty when every word is whole."""
    cut: list[str] = []
    for widget in [top, *top.findChildren(QWidget)]:
        if not widget.isVisible() or widget.window() is not top.window():
            continue
        if isinstance(widget, QLabel):
            cut.extend(_cut_label(widget))
        elif isinstance(widget, QAbstractButton | QComboBox):
            if widget.width() < widget.sizeHint().width():
                cut.append(_text_of(widget))
        elif isinstance(widget, QTabBar):
            cut.extend(widget.tabText(tab) for tab in range(widget.count())
                       if widget.tabRect(tab).width() < widget.tabSizeHint(tab).width())
        elif isinstance(widget, QGroupBox):
            title = widget.fontMetrics().horizontalAdvance(widget.title())
            if widget.width() < title:
                cut.append(widget.title())
        elif isinstance(widget, QTableView):
            cut.extend(_cut_headings(widget))
    return cut


def _cut_label(label: QLabel) -> list[str]:
    if not label.text():
        return []
    if label.wordWrap():
        needed = label.heightForWidth(label.width())
        return [label.text()] if label.height() < needed else []
    return [label.text()] if label.width() < label.minimumSizeHint().width() else []


def _cut_headings(table: QTableView) -> list[str]:
    """The column headings narrower than their words (the last, stretched, has the rest)."""
    header = table.horizontalHeader()
    model = table.model()
    return [str(model.headerData(column, header.orientation()))
            for column in range(model.columnCount())
            if not header.isSectionHidden(column)
            and header.sectionSize(column) < header.sectionSizeHint(column)]


def _text_of(widget: QAbstractButton | QComboBox) -> str:
    return widget.currentText() if isinstance(widget, QComboBox) else widget.text()
