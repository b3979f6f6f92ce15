"""The AppStream ``<releases>`` element, made from CHANGELOG.md so that what each version
brought is written once.

The changelog's form is kept strict, so nothing in it is silently left out of the AppStream
data: text before the first version is an introduction; after it come only headings
``## VERSION - YYYY-MM-DD``, newest first, each followed by ``-`` bullets (a bullet may go on
over indented lines). Code spans lose their backticks, since AppStream descriptions carry
plain text. Standard library only, like the installer that uses it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

CHANGELOG = "CHANGELOG.md"
_PACKAGE = Path(__file__).resolve().parents[1]
_HEADING = re.compile(r"## (?P<version>\d+(?:\.\d+)*) - (?P<date>\d{4}-\d{2}-\d{2})")
_BULLET = "- "
_CONTINUATION = "  "


@dataclass(frozen=True)
class Release:
    """One version's section of the changelog."""

    version: str
    date: date
    notes: tuple[str, ...]


class ChangelogError(ValueError):
    """The changelog is not in the form the AppStream data is made from."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(f"{CHANGELOG}:{line}: {message}")


def changelog_file() -> Path:
    """An installed wheel carries the changelog inside the package; a checkout at its top."""
    inside = _PACKAGE / CHANGELOG
    return inside if inside.is_file() else _PACKAGE.parent / CHANGELOG


def read_changelog(text: str) -> list[Release]:
    """Every version's section, in the file's order (newest first)."""
    sections: list[tuple[int, str, date, list[str]]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        heading = _HEADING.fullmatch(line.rstrip())
        if heading:
            try:
                when = date.fromisoformat(heading["date"])
            except ValueError:
                raise ChangelogError(number, f"not a date: {heading['date']}") from None
            sections.append((number, heading["version"], when, []))
        elif line.startswith("#") and (sections or line.startswith("##")):
            raise ChangelogError(number, "a version's heading is '## X.Y.Z - YYYY-MM-DD'")
        elif not sections or not line.strip():
            continue  # the introduction, and blank lines
        elif line.startswith(_BULLET):
            sections[-1][3].append(line[len(_BULLET):].strip())
        elif line.startswith(_CONTINUATION) and sections[-1][3]:
            notes = sections[-1][3]
            notes[-1] = f"{notes[-1]} {line.strip()}"
        else:
            raise ChangelogError(number, "a version's section holds only '- ' bullets")
    for number, version, _, notes in sections:
        if not notes:
            raise ChangelogError(number, f"version {version} says nothing of what it brought")
    return [Release(version, when, tuple(notes)) for _, version, when, notes in sections]


def releases_element(releases: list[Release], indent: str = "  ") -> str:
    """The ``<releases>`` element as it sits one level inside ``<component>``."""

    def line(depth: int, text: str) -> str:
        return indent * depth + text

    lines = [line(1, "<releases>")]
    for release in releases:
        lines += [line(2, f"<release version={quoteattr(release.version)} "
                          f"date={quoteattr(release.date.isoformat())}>"),
                  line(3, "<description>"), line(4, "<ul>")]
        lines += [line(5, f"<li>{escape(note.replace('`', ''))}</li>")
                  for note in release.notes]
        lines += [line(4, "</ul>"), line(3, "</description>"), line(2, "</release>")]
    lines.append(line(1, "</releases>"))
    return "\n".join(lines)


def appstream_releases() -> str:
    """The ``<releases>`` element made from the changelog hiptimer ships with."""
    return releases_element(read_changelog(changelog_file().read_text(encoding="utf-8")))
