"""Plain-text and JSON renderings of the library and of a timeline: the command line's tables,
and the plan the window's library preview and the editor show.

The tables go to a terminal, so every text in them passes through ``escaped``: routine text
is checked when a file is read, but file names are not, and a name holding an escape
sequence must show as ``\\x1b[2J``, not clear the screen. (JSON escapes on its own.)
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from hiptimer.base.local_format import number_text
from hiptimer.base.problem import escaped
from hiptimer.base.translation import N_, _, ngettext, pgettext
from hiptimer.routine.catalogue import Entry, Origin
from hiptimer.routine.duration import format_clock, shown_seconds
from hiptimer.routine.model import Routine, Tempo, TextField
from hiptimer.routine.progression import (
    has_ranges,
    held_back_by_budget,
    level_in_range,
    top_level,
)
from hiptimer.session.timeline import Phase, PhaseKind, Timeline, compile_timeline


def tempo_text(tempo: Tempo) -> str:
    if tempo.self_paced:
        return _("self-paced")
    # Translators: a rep's tempo, its parts in seconds: "2-1-2s".
    return _("{parts}s").format(parts="-".join(number_text(part) for part in tempo.parts))


def what_text(phase: Phase) -> str:
    """What a phase is, as a table says it (the session screen's word, in small letters)."""
    if phase.kind is PhaseKind.PREPARE:
        return pgettext("plan", "get ready")
    if phase.kind is PhaseKind.REST:
        return pgettext("plan", "rest")
    if phase.kind is PhaseKind.SWITCH:
        return pgettext("plan", "switch sides")
    if phase.reps is None:
        return pgettext("plan", "hold")
    assert phase.tempo is not None
    # Translators: the English says "reps" for one rep too; give each form its own word.
    return ngettext("{count} reps, {tempo}", "{count} reps, {tempo}", phase.reps).format(
        count=phase.reps, tempo=tempo_text(phase.tempo))


def side_word(side: str | None, shown: str | None = None) -> str:
    """A phase's side in a table or the terminal's line: "left" or "right" in the language
    installed, a routine's own label as written (``shown``, its text in that language, when
    given); "" for none. ``side`` is the source label, which tells left from right."""
    if side == "left":
        return pgettext("side", "left")
    if side == "right":
        return pgettext("side", "right")
    return (shown or side or "") if side else ""


def total_text(timeline: Timeline) -> str:
    text = shown_seconds(timeline.total_seconds)
    count = timeline.open_ended_count
    if count:
        return ngettext("{length} plus {count} self-paced phase (not counted: they last until "
                        "you move on)",
                        "{length} plus {count} self-paced phases (not counted: they last until "
                        "you move on)", count).format(length=text, count=count)
    return text


def equipment_text(routine: Routine) -> str:
    """What to have at hand before starting, as the plan says it; "" when the routine says
    nothing of it."""
    equipment = routine.text(TextField.EQUIPMENT)
    if not equipment:
        return ""
    return _("You need: {equipment}").format(equipment=escaped(equipment))


PLAN_HEADER = (N_("START"), N_("ROUND"), N_("EXERCISE"), N_("PHASE"), N_("SET"), N_("SIDE"),
               N_("LENGTH"))
"""The plan table's column titles, after "#" (translated as shown)."""


def plan_table(timeline: Timeline) -> str:
    """The timeline as a readable table, with the total at the end."""
    rounds = timeline.routine.rounds > 1
    start, round_, exercise, what, set_, side, length = (_(title) for title in PLAN_HEADER)
    header = ["#", start, *([round_] if rounds else []), exercise, what, set_, side, length]
    rows = [header]
    for phase in timeline.phases:
        rows.append([
            str(phase.index + 1),
            format_clock(phase.offset),
            *([str(phase.round)] if rounds else []),
            escaped(timeline.shown_exercise(phase)),
            what_text(phase),
            f"{phase.set}/{phase.sets}",
            escaped(side_word(phase.side, timeline.shown_side(phase)) or "-"),
            # Translators: the length of a self-paced phase, which lasts until you move on.
            pgettext("length", "open") if phase.duration is None
            else shown_seconds(phase.duration),
        ])
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    lines = [escaped(timeline.routine.text(TextField.NAME))]
    description = timeline.routine.text(TextField.DESCRIPTION)
    if description:
        lines.extend(escaped(line) for line in description.split("\n"))
    if timeline.routine.equipment:
        lines.append(equipment_text(timeline.routine))
    if has_ranges(timeline.routine):
        lines.append(level_text(timeline))
        lines.append(_("Length: {length}").format(length=length_text(timeline)))
    lines.append("")
    for row in rows:
        lines.append("  ".join(cell.ljust(width) for cell, width in zip(row, widths,
                                                                         strict=True)).rstrip())
    lines.append("")
    lines.append(_("Total: {total}").format(total=total_text(timeline)))
    return "\n".join(lines)


def level_text(timeline: Timeline) -> str:
    top = top_level(timeline.routine)
    if timeline.level < top:
        return _("Level {level} of {top}: ranges step up after each completed session").format(
            level=timeline.level, top=top)
    if held_back_by_budget(timeline.routine):
        return _("Level {level} of {top}: as far as the budget lets it grow").format(
            level=top, top=top)
    return _("Level {level} of {top}: the top of every range").format(level=top, top=top)


def top_timeline(timeline: Timeline) -> Timeline:
    """The same routine at its top level (the timeline itself when it is there already)."""
    top = timeline.top_level
    return timeline if timeline.level == top else compile_timeline(timeline.routine, top)


def length_text(timeline: Timeline) -> str:
    """The session's length at this level and at the top one, with the budget that caps it:
    ``10m05s now, 10m57s at the top level (budget 11m)``."""
    def length(of: Timeline) -> str:
        return shown_seconds(of.total_seconds) + ("+" if of.open_ended_count else "")

    text = length(timeline)
    if timeline.top_level:
        text = (_("{length} now, the top level").format(length=text)
                if timeline.level >= timeline.top_level else
                _("{length} now, {top} at the top level").format(
                    length=text, top=length(top_timeline(timeline))))
    if timeline.routine.budget is not None:
        text = _("{length} (budget {budget})").format(
            length=text, budget=shown_seconds(timeline.routine.budget))
    return text


def plan_json(timeline: Timeline) -> dict[str, Any]:
    return {
        "name": timeline.routine.name,
        "equipment": timeline.routine.equipment,
        "level": timeline.level,
        "top_level": top_level(timeline.routine),
        "total_seconds": timeline.total_seconds,
        "top_total_seconds": top_timeline(timeline).total_seconds,
        "budget_seconds": timeline.routine.budget,
        "open_ended_phases": timeline.open_ended_count,
        "phases": [
            {
                "kind": phase.kind.value,
                "exercise": phase.exercise,
                "round": phase.round,
                "set": phase.set,
                "side": phase.side,
                "duration": phase.duration,
                "offset": phase.offset,
                "reps": phase.reps,
            }
            for phase in timeline.phases
        ],
    }


def shown_path(path: object) -> str:
    """A path as a terminal should show it: control characters and the like escaped."""
    return escaped(str(path))


def library_rows(entries: list[Entry],
                 level_of: Callable[[Routine], int] = lambda routine: 0) -> list[dict[str, Any]]:
    """Each entry as a row; lengths at the level ``level_of`` says it is at, and at the top."""
    rows = []
    for entry in entries:
        timeline = top = None
        if entry.routine is not None:
            # A stored level may be above the top of a routine edited since: show the top.
            level = level_in_range(level_of(entry.routine), top_level(entry.routine))
            timeline = compile_timeline(entry.routine, level)
            top = top_timeline(timeline)
        rows.append({
            "name": entry.name,
            "origin": entry.origin.value,
            "valid": entry.valid,
            "level": timeline.level if timeline else None,
            "top_level": timeline.top_level if timeline else None,
            "total_seconds": timeline.total_seconds if timeline else None,
            "top_total_seconds": top.total_seconds if top else None,
            "budget_seconds": entry.routine.budget if entry.routine else None,
            "open_ended_phases": timeline.open_ended_count if timeline else None,
            "exercises": len(entry.routine.exercises) if entry.routine else None,
            "description": entry.routine.description if entry.routine else "",
            "equipment": entry.routine.equipment if entry.routine else "",
            "path": str(entry.path),
            "problems": [str(p) for p in entry.problems],
        })
    return rows


LIBRARY_HEADER = (N_("NAME"), N_("LENGTH"), N_("AT THE TOP"), N_("EXERCISES"), N_("STATUS"),
                  N_("PATH"))
"""The library table's column titles (translated as shown)."""


def origin_word(origin: str) -> str:
    """Where a routine comes from (an ``Origin``'s value), as the library table says it."""
    if origin == Origin.BUILT_IN:
        return pgettext("routine origin", "built-in")
    if origin == Origin.USER:
        return pgettext("routine origin", "user")
    if origin == Origin.OPENED:
        return pgettext("routine origin", "opened")
    return origin


def library_table(entries: list[Entry],
                  level_of: Callable[[Routine], int] = lambda routine: 0) -> str:
    if not entries:
        return _("No routines found.")
    header = [_(title) for title in LIBRARY_HEADER]
    rows = [header]
    data = library_rows(entries, level_of)
    for entry, row in zip(entries, data, strict=True):
        length = top = "-"
        if row["total_seconds"] is not None:
            plus = "+" if row["open_ended_phases"] else ""
            length = shown_seconds(row["total_seconds"]) + plus
            top = shown_seconds(row["top_total_seconds"]) + plus
            if row["budget_seconds"] is not None:
                top = _("{length} (budget {budget})").format(
                    length=top, budget=shown_seconds(row["budget_seconds"]))
        rows.append([
            escaped(entry.shown_name),  # the rows (and ``list --json``) have the source
            length,
            top,
            "-" if row["exercises"] is None else str(row["exercises"]),
            (_("ok ({origin})") if row["valid"] else _("INVALID ({origin})")).format(
                origin=origin_word(row["origin"])),
            shown_path(row["path"]),
        ])
    widths = [max(len(r[i]) for r in rows) for i in range(len(header))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip()
             for r in rows]
    if any(not e.valid for e in entries):
        lines.append("")
        lines.append(_("Run 'hiptimer validate PATH' to see what is wrong with an invalid "
                       "routine."))
    if any(r["open_ended_phases"] for r in data):
        lines.append(_("A length ending in + leaves out self-paced phases."))
    return "\n".join(lines)
