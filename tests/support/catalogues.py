"""The translation catalogues as the tests read them, through Babel (which hiptimer itself
never imports): the template, the ``.po`` files, the messages marked in the code, and what
makes a catalogue complete or a translation faithful to its placeholders."""

from __future__ import annotations

import string
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

from tests.support.checkout import REPO

PO_DIR = REPO / "po"
TEMPLATE = PO_DIR / "hiptimer.pot"
MAPPING = REPO / "babel.cfg"
UPDATE_COMMAND = "make translations"

MessageKey = tuple[str | tuple[str, ...], str | None]
"""A message as gettext finds it: its id (with the plural's, for a plural) and context."""


def read_catalogue(path: Path, code: str | None = None) -> Catalog:
    """A ``.po`` or ``.pot`` file, for the language ``code`` (or none, for the template)."""
    with path.open("rb") as file:
        return read_po(file, locale=code)


def translation_files() -> dict[str, Path]:
    """Every catalogue in ``po/``, by its language code."""
    return {path.stem: path for path in sorted(PO_DIR.glob("*.po"))}


def entries(catalogue: Catalog) -> Iterator[Message]:
    """The catalogue's messages, without its header."""
    return (message for message in catalogue if message.id)


def keys(catalogue: Iterable[Message]) -> set[MessageKey]:
    return {key_of(message) for message in catalogue if message.id}


def extracted_keys() -> set[MessageKey]:
    """The messages marked in hiptimer's code now, found as ``make translations`` finds them."""
    with MAPPING.open(encoding="utf-8") as file:
        # Babel leaves this one function without type hints.
        method_map, options_map = parse_mapping_cfg(  # type: ignore[no-untyped-call]
            file, filename=str(MAPPING))
    found: set[MessageKey] = set()
    for _, _, message, _, context in extract_from_dir(str(REPO), method_map, options_map):
        found.add((_hashable(message), context))
    return found


def describe(key: MessageKey) -> str:
    message, context = key
    text = " / ".join(message) if isinstance(message, tuple) else message
    return f"{text!r}" + (f" (context {context!r})" if context else "")


def translations(message: Message) -> tuple[str, ...]:
    """Every form a message is translated into (one, or one per plural form)."""
    if message.string is None or isinstance(message.string, str):
        return (message.string or "",)
    return tuple(message.string)


def is_untranslated(message: Message) -> bool:
    return any(not form for form in translations(message))


def incomplete(catalogue: Catalog) -> list[Message]:
    """What keeps a catalogue from being complete: each message untranslated (in any of its
    forms) or fuzzy (a guess nobody has checked)."""
    return [message for message in entries(catalogue)
            if message.fuzzy or is_untranslated(message)]


def is_complete(catalogue: Catalog) -> bool:
    return not incomplete(catalogue)


def placeholders(text: str) -> Counter[str]:
    """The ``str.format`` fields in ``text``, by name (``{{`` and ``}}`` are no fields)."""
    return Counter(name for _, name, _, _ in string.Formatter().parse(text) if name is not None)


def unnamed_placeholders(text: str) -> list[str]:
    """Fields without a name (``{}``, ``{0}``), which a translator cannot tell apart."""
    return [name for name in placeholders(text) if not name or name.isdigit()]


def source_texts(message: Message) -> tuple[str, ...]:
    """The message as written: one text, or the singular and the plural."""
    return (message.id,) if isinstance(message.id, str) else tuple(message.id)


def key_of(message: Message) -> MessageKey:
    return (_hashable(message.id), message.context)


def unfaithful(catalogue: Catalog) -> list[str]:
    """Each translated form whose placeholders are not exactly its message's, described."""
    found = []
    for message in entries(catalogue):
        wanted = placeholders(source_texts(message)[-1])
        for form in translations(message):
            if form and placeholders(form) != wanted:
                found.append(f"{describe(key_of(message))} -> "
                             f"{form!r}: placeholders {sorted(placeholders(form))}, "
                             f"not {sorted(wanted)}")
    return found


def _hashable(message: str | Iterable[str]) -> str | tuple[str, ...]:
    return message if isinstance(message, str) else tuple(message)
