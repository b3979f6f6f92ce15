"""The session screen: what to do now, how long is left, and what comes next, from 3 m away.

It only reflects what the driver reports; it schedules nothing and decides nothing.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QFont, QPixmap, QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from hiptimer.driver import SessionDriver
from hiptimer.plan_text import phase_title
from hiptimer.routine.duration import format_clock, format_elapsed, format_seconds
from hiptimer.routine.progression import top_level
from hiptimer.session.engine import State
from hiptimer.session.events import Event
from hiptimer.session.timeline import Phase, PhaseKind, Timeline
from hiptimer.ui.plain import PlainLabel
from hiptimer.ui.theme import LIGHT, PHASE_COLOURS, Look, phase_key


def countdown_text(seconds: float) -> str:
    """Whole seconds alone under a minute (bigger digits), M:SS above."""
    shown = format_clock(seconds)
    return (shown[2:].lstrip("0") or "0") if shown.startswith("0:") else shown


def side_text(phase: Phase) -> str:
    if phase.side in ("left", "right"):
        return f"{phase.side.capitalize()} side"
    return f"{phase.side[0].upper()}{phase.side[1:]}" if phase.side else ""


class SessionView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.driver: SessionDriver | None = None
        self.timeline: Timeline | None = None
        self.look = LIGHT
        self.font_scale = 1.0
        self._rep: int | None = None
        self._part: str | None = None
        self._banner_key = "idle"
        self._image: QPixmap | None = None

        self.banner = PlainLabel("READY")
        self.banner.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.banner.setObjectName("banner")
        self.exercise = PlainLabel()
        self.exercise.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.exercise.setWordWrap(True)
        self.details = PlainLabel()
        self.details.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.countdown = PlainLabel()
        self.countdown.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.countdown.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.countdown.setMinimumSize(QSize(10, 10))
        self.description = PlainLabel()
        self.description.setWordWrap(True)
        self.description.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.description.setSizePolicy(QSizePolicy.Policy.Preferred,
                                       QSizePolicy.Policy.Expanding)
        self.picture = PlainLabel()
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.picture.hide()
        self.phase_bar = QProgressBar()
        self.phase_bar.setRange(0, 1000)
        self.phase_bar.setTextVisible(False)
        self.next_up = PlainLabel()
        self.next_up.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.routine_bar = QProgressBar()
        self.routine_bar.setRange(0, 1000)
        self.routine_bar.setTextVisible(False)
        self.elapsed = PlainLabel()
        self.remaining = PlainLabel()
        self.remaining.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

        side = QVBoxLayout()
        side.addWidget(self.description, 1)
        side.addWidget(self.picture)
        self.middle = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.middle.addWidget(self.countdown, 3)
        self.middle.addLayout(side, 2)
        totals = QHBoxLayout()
        totals.addWidget(self.elapsed)
        totals.addWidget(self.routine_bar, 1)
        totals.addWidget(self.remaining)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(self.banner)
        layout.addWidget(self.exercise)
        layout.addWidget(self.details)
        layout.addLayout(self.middle, 1)
        layout.addWidget(self.phase_bar)
        layout.addWidget(self.next_up)
        layout.addLayout(totals)
        self.show_idle(None)

    # -- wiring ----------------------------------------------------------------------------

    def attach(self, driver: SessionDriver) -> None:
        """Follow ``driver``'s session from now on."""
        self.driver = driver
        self.timeline = driver.session.timeline
        driver.phase_started.connect(self._on_driver_phase_started)
        driver.second_changed.connect(self._on_driver_second_changed)
        driver.phase_extended.connect(self._on_driver_second_changed)
        driver.rep_started.connect(self._on_driver_rep_started)
        driver.tempo_part_started.connect(self._on_driver_tempo_part_started)
        driver.session_paused.connect(self._on_driver_state_changed)
        driver.session_resumed.connect(self._on_driver_state_changed)
        driver.session_finished.connect(self._on_driver_session_finished)
        driver.session_stopped.connect(self._on_driver_session_stopped)
        self.show_ready()

    def apply_look(self, look: Look, font_scale: float) -> None:
        self.look = look
        self.font_scale = font_scale
        self._restyle()
        self._resize_fonts()

    # -- what is shown ---------------------------------------------------------------------

    def show_idle(self, message: str | None) -> None:
        self._set_banner("idle", "HIPTIMER")
        self.exercise.setText(message or "Choose a routine from the library")
        self.details.setText("Enter or double-click starts it")
        self.countdown.setText("")
        self.description.setText("")
        self._set_image(None)
        self.next_up.setText("")
        self.phase_bar.setValue(0)
        self.routine_bar.setValue(0)
        self.elapsed.setText("")
        self.remaining.setText("")

    def show_ready(self) -> None:
        assert self.timeline is not None
        routine = self.timeline.routine
        self._set_banner("idle", "READY")
        self.exercise.setText(routine.name)
        top = top_level(routine)
        level = f"Level {self.timeline.level} of {top}   ·   " if top else ""
        self.details.setText(f"{level}Press Space to start")
        self.countdown.setText(format_clock(self.timeline.total_seconds))
        self.description.setText(routine.description)
        self._set_image(None)
        first = self.timeline.phases[0]
        self.next_up.setText(f"First: {first.exercise}")
        self.phase_bar.setValue(0)
        self.routine_bar.setValue(0)
        self.elapsed.setText("0:00")
        self.remaining.setText(format_clock(self.timeline.total_seconds))

    def _on_driver_phase_started(self, event: Event) -> None:
        assert self.timeline is not None and event.phase is not None
        phase = event.phase
        self._rep = self._part = None
        self._set_banner(phase_key(phase), phase_title(phase))
        self.exercise.setText(phase.exercise)
        exercise = self.timeline.routine.exercises[phase.exercise_index]
        self.description.setText(exercise.description)
        path = self.timeline.routine.image_path(exercise)
        self._set_image(QPixmap(str(path)) if path is not None else None)
        self.next_up.setText(self._next_text(phase))
        self._refresh()

    def _on_driver_second_changed(self, event: Event) -> None:
        self._refresh()

    def _on_driver_rep_started(self, event: Event) -> None:
        self._rep, self._part = event.value, None
        self._refresh()

    def _on_driver_tempo_part_started(self, event: Event) -> None:
        self._part = event.part
        self._refresh()

    def _on_driver_state_changed(self, event: Event) -> None:
        self._refresh()

    def _on_driver_session_finished(self, event: Event) -> None:
        assert self.timeline is not None
        self._set_banner("done", "DONE")
        self.exercise.setText(self.timeline.routine.name)
        self.details.setText("Well done.")
        self.countdown.setText("✓")
        self.description.setText("")
        self._set_image(None)
        self.next_up.setText("")
        self.phase_bar.setValue(1000)
        self.routine_bar.setValue(1000)
        self.remaining.setText("0:00")

    def _on_driver_session_stopped(self, event: Event) -> None:
        self._set_banner("done", "STOPPED")
        self.details.setText("Press Space to begin again")
        self.countdown.setText("")

    # -- helpers ---------------------------------------------------------------------------

    def _refresh(self) -> None:
        """Redraw the numbers; labels repaint only when their text really changes."""
        if self.driver is None:
            return
        session = self.driver.session
        phase = session.phase
        remaining = session.remaining()
        if remaining is None:
            shown = format_elapsed(session.elapsed_in_phase())
        else:
            shown = countdown_text(remaining)
        _set(self.countdown, shown)
        bits = [side_text(phase)]
        if phase.sets > 1:
            bits.append(f"Set {phase.set} of {phase.sets}")
        if phase.reps is not None:
            rep = f"Rep {self._rep or 1} of {phase.reps}"
            bits.append(rep + (f"  {self._part.upper()}" if self._part else ""))
            if phase.open_ended:
                bits.append("at your own pace: Next when done")
        if session.state is State.PAUSED:
            bits.insert(0, "PAUSED")
        _set(self.details, "   ·   ".join(bit for bit in bits if bit))
        length = session.phase_duration
        done = 0 if not length else int(1000 * (1 - (remaining or 0) / length))
        self.phase_bar.setValue(done)
        total = session.timeline.total_seconds
        left = session.total_remaining()
        self.routine_bar.setValue(int(1000 * (1 - left / total)) if total else 0)
        _set(self.elapsed, format_clock(max(0.0, total - left)))
        _set(self.remaining, f"-{format_clock(left)}")

    def _next_text(self, phase: Phase) -> str:
        assert self.timeline is not None
        phases = self.timeline.phases
        if phase.index + 1 >= len(phases):
            return "Next: done"
        following = phases[phase.index + 1]
        length = "" if following.duration is None else f" {format_seconds(following.duration)}"
        if following.kind is PhaseKind.PREPARE:
            return f"Next: {following.exercise}"
        words = phase_title(following).capitalize()
        side = side_text(following)
        return f"Next: {words}{length}" + (f", {side.lower()}" if side else "")

    def _set_banner(self, key: str, text: str) -> None:
        self._banner_key = key
        self.banner.setText(text)
        self._restyle()

    def _set_image(self, pixmap: QPixmap | None) -> None:
        self._image = pixmap if pixmap is not None and not pixmap.isNull() else None
        self.picture.setVisible(self._image is not None)
        self._scale_image()

    def _scale_image(self) -> None:
        if self._image is None:
            return
        box = QSize(max(10, self.width() // 3), max(10, self.height() // 3))
        self.picture.setPixmap(self._image.scaled(box, Qt.AspectRatioMode.KeepAspectRatio,
                                                  Qt.TransformationMode.SmoothTransformation))

    def _restyle(self) -> None:
        colour = PHASE_COLOURS[self._banner_key]
        self.banner.setStyleSheet(f"background: {colour}; color: white; border-radius: 8px;"
                                  "padding: 4px;")
        self.description.setStyleSheet(f"color: {self.look.muted_text};")
        self.next_up.setStyleSheet(f"color: {self.look.muted_text};")

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        wide = self.width() >= 1.2 * self.height() and self.width() >= 900
        self.middle.setDirection(QBoxLayout.Direction.LeftToRight if wide
                                 else QBoxLayout.Direction.TopToBottom)
        self._resize_fonts()
        self._scale_image()

    def _resize_fonts(self) -> None:
        h, w = max(200, self.height()), max(200, self.width())
        scale = self.font_scale
        wide = self.middle.direction() == QBoxLayout.Direction.LeftToRight
        count_width = w * (0.6 if wide else 1.0)
        _font(self.banner, h * 0.055 * scale, bold=True)
        _font(self.exercise, h * 0.06 * scale, bold=True)
        _font(self.details, h * 0.04 * scale)
        _font(self.countdown, min(h * (0.40 if wide else 0.26), count_width * 0.26) * scale,
              bold=True)
        _font(self.description, max(13.0, h * 0.028 * scale))
        _font(self.next_up, h * 0.035 * scale)
        _font(self.elapsed, h * 0.03 * scale)
        _font(self.remaining, h * 0.03 * scale)


def _set(label: QLabel, text: str) -> None:
    if label.text() != text:
        label.setText(text)


def _font(widget: QWidget, pixels: float, bold: bool = False) -> None:
    font = QFont(widget.font())
    font.setPixelSize(max(8, int(pixels)))
    font.setBold(bold)
    if font != widget.font():
        widget.setFont(font)
