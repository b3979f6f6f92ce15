"""The history window's tables: made, filled, fitted and selected as the window needs them.

The measurements and the totals are few, and their tables hold their rows; the sessions may
be a hundred thousand, and their table shows a model that reads what is shown
(``session_table_model``): it is never fitted to, nor searched through, every row.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeVar

from PySide6.QtCore import QItemSelection, QItemSelectionModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyle,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
)

from hiptimer.base.translation import _, pgettext
from hiptimer.ui.history.session_table_model import ROW_ID, SessionTableModel

AnyTable = TypeVar("AnyTable", bound=QTableView)
Selection = QItemSelectionModel.SelectionFlag


def total_headers() -> list[str]:
    """The headings of the table of totals per routine, in the language installed."""
    return [pgettext("history column", "Routine"), pgettext("history column", "Counted"),
            pgettext("history column", "Not counted"), pgettext("history column", "Work")]


def measurement_headers() -> list[str]:
    """The headings of the table of measurements, in the language installed."""
    return [pgettext("history column", "Measured on"), pgettext("history column", "Side"),
            pgettext("history column", "Internal rotation")]


def table_of(name: str, headers: list[str]) -> QTableWidget:
    """A table of a few rows, its columns as wide as what they show."""
    table = QTableWidget(0, len(headers))
    table.setAccessibleName(name)
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def session_table(model: SessionTableModel) -> QTableView:
    """The table of sessions: rows of one line and one height, columns fitted to what they
    show (``fit_columns``), never by reading every row (a long history whole)."""
    table = QTableView()
    table.setAccessibleName(_("Sessions"))
    table.setModel(model)
    table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
    table.setWordWrap(False)
    table.verticalHeader().hide()
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def fit_columns(table: QTableView, model: SessionTableModel) -> None:
    """Each column as wide as its header and what it has room for (``room_for``); a wider
    cell further down is cut short, and its column can be widened by hand."""
    metrics = table.fontMetrics()
    # The cell's margins, and a little more: a text that fits is never cut short.
    margin = 2 * (table.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None,
                                            table) + 1) + metrics.averageCharWidth()
    header = table.horizontalHeader()
    for column in range(model.columnCount()):
        widest = max((metrics.horizontalAdvance(text) for text in model.room_for(column)),
                     default=0)
        table.setColumnWidth(column, max(widest + margin, header.sectionSizeHint(column)))


def selectable(table: AnyTable) -> AnyTable:
    """Whole rows, several at once (Shift and Ctrl), as a file manager selects."""
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
    return table


def fill(table: QTableWidget, rows: list[list[str]], ids: list[int] | None = None) -> None:
    table.clearSelection()
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            item = QTableWidgetItem(text)
            if ids is not None and c == 0:
                item.setData(ROW_ID, ids[r])
            table.setItem(r, c, item)


def selected_ids(table: QTableWidget) -> list[int]:
    """The ids of the selected rows, top to bottom."""
    rows = sorted(index.row() for index in table.selectionModel().selectedRows())
    return [int(item.data(ROW_ID)) for r in rows if (item := table.item(r, 0)) is not None]


def select_ids(table: QTableWidget, ids: Iterable[int]) -> None:
    """Selects the rows showing ``ids`` (those still shown), the first of them current."""
    wanted = set(ids)
    table.clearSelection()
    first = True
    for r in range(table.rowCount()):
        item = table.item(r, 0)
        if item is None or int(item.data(ROW_ID)) not in wanted:
            continue
        flags = Selection.ClearAndSelect if first else Selection.Select
        table.selectionModel().setCurrentIndex(table.model().index(r, 0),
                                               flags | Selection.Rows)
        first = False


def selected_runs(table: QTableView) -> list[tuple[int, int]]:
    """The runs of rows selected in ``table``: the first and the last row of each."""
    selection = table.selectionModel().selection()
    return [(selection.at(n).top(), selection.at(n).bottom()) for n in range(selection.count())]


def select_rows(table: QTableView, rows: list[int]) -> None:
    """Selects whole ``rows`` of ``table``, the first of them current (and so scrolled to);
    nothing when ``rows`` is empty."""
    table.clearSelection()
    if not rows:
        return
    model = table.model()
    last_column = model.columnCount() - 1
    selection = QItemSelection()
    first = previous = rows[0]
    for row in [*rows[1:], None]:
        if row is not None and row == previous + 1:
            previous = row
            continue
        selection.select(model.index(first, 0), model.index(previous, last_column))
        if row is not None:
            first = previous = row
    table.selectionModel().setCurrentIndex(model.index(rows[0], 0), Selection.NoUpdate)
    table.selectionModel().select(selection, Selection.ClearAndSelect | Selection.Rows)
