"""hiptimer in the person's language: the catalogues stay in step with the code, only
complete ones are offered, plurals and placeholders come out right, and the language is
the one the user or the desktop asks for, else English."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po
from hypothesis import given
from hypothesis import strategies as st

from hatch_build import catalogue_path, compile_catalogue
from hiptimer.base.language import (
    LOCALE_VARIABLES,
    Language,
    chosen_language,
    desktop_language,
    language_for_code,
    offered_languages,
)
from hiptimer.base.translation import (
    _,
    install_language,
    installed_language,
    ngettext,
    pgettext,
)
from hiptimer.cues.player import SOUND_WORKS_AGAIN, cannot_play, player_died
from tests.support.catalogues import (
    TEMPLATE,
    UPDATE_COMMAND,
    describe,
    entries,
    extracted_keys,
    incomplete,
    is_complete,
    key_of,
    keys,
    placeholders,
    read_catalogue,
    source_texts,
    translation_files,
    unfaithful,
    unnamed_placeholders,
)

GERMAN_PLURALS = "nplurals=2; plural=(n != 1);"
SPANISH_PLURALS = "nplurals=2; plural=(n != 1);"


@pytest.fixture(autouse=True)
def english_afterwards() -> Iterator[None]:
    """The language is the process's: each test leaves it as every other test expects."""
    yield
    install_language(Language.ENGLISH)


def catalogue(code: str, plural_forms: str,
              messages: list[tuple[str | tuple[str, str], str | tuple[str, ...]]],
              context: str | None = None) -> Catalog:
    made = Catalog(locale=code)
    made.mime_headers = [*made.mime_headers, ("Plural-Forms", plural_forms)]
    for message, translated in messages:
        made.add(message, translated, context=context)
    return made


def install(tmp_path: Path, language: Language, made: Catalog) -> Language:
    """``made`` written as a ``.po``, compiled as the wheel's build compiles it, installed."""
    source = tmp_path / "po" / f"{language.code}.po"
    source.parent.mkdir(exist_ok=True)
    with source.open("wb") as file:
        write_po(file, made)
    compile_catalogue(source, tmp_path / catalogue_path(language.code))
    return install_language(language, tmp_path / "hiptimer" / "locale")


# The catalogues and the code


def test_the_template_holds_every_message_marked_in_the_code() -> None:
    marked = extracted_keys()
    listed = keys(read_catalogue(TEMPLATE))
    missing = sorted(describe(key) for key in marked - listed)
    gone = sorted(describe(key) for key in listed - marked)
    assert not missing and not gone, (
        f"po/hiptimer.pot is out of date: run '{UPDATE_COMMAND}'.\n"
        f"Marked in the code but not in it: {missing}\nIn it but no longer marked: {gone}")


@pytest.mark.parametrize("code", sorted(translation_files()))
def test_every_catalogue_has_exactly_the_templates_messages(code: str) -> None:
    translated = read_catalogue(translation_files()[code], code)
    wanted = keys(read_catalogue(TEMPLATE))
    have = keys(entries(translated))
    missing = sorted(describe(key) for key in wanted - have)
    extra = sorted(describe(key) for key in have - wanted)
    obsolete = sorted(describe(key_of(message)) for message in translated.obsolete.values())
    assert not missing and not extra and not obsolete, (
        f"po/{code}.po is out of step with the template: run '{UPDATE_COMMAND}'.\n"
        f"Missing: {missing}\nNot in the template: {extra}\nObsolete: {obsolete}")


def test_every_language_hiptimer_knows_has_a_catalogue_and_every_catalogue_a_language() -> None:
    assert set(translation_files()) == {language.code for language in Language
                                        if language is not Language.ENGLISH}


@pytest.mark.parametrize(("code", "rule"), [("de", GERMAN_PLURALS), ("es", SPANISH_PLURALS)])
def test_each_catalogue_counts_plurals_by_its_languages_rule(code: str, rule: str) -> None:
    assert read_catalogue(translation_files()[code], code).plural_forms == rule


def test_every_message_has_named_placeholders_the_same_in_its_plural() -> None:
    for message in entries(read_catalogue(TEMPLATE)):
        texts = source_texts(message)
        assert not any(unnamed_placeholders(text) for text in texts), message.id
        assert all(placeholders(text) == placeholders(texts[-1]) for text in texts), message.id


@pytest.mark.parametrize("code", sorted(translation_files()))
def test_every_translation_keeps_exactly_its_messages_placeholders(code: str) -> None:
    assert unfaithful(read_catalogue(translation_files()[code], code)) == []


def test_a_translation_that_loses_or_invents_a_placeholder_is_caught() -> None:
    made = catalogue("de", GERMAN_PLURALS, [
        ("{name} starts in {seconds} s", "{name} beginnt in {sekunden} s"),
        (("{count} minute", "{count} minutes"), ("eine Minute", "{count} Minuten")),
        ("Rest", "Pause {name}"),
        ("{name} is done", "{name} ist fertig"),
    ])
    found = unfaithful(made)
    assert len(found) == 3
    assert not any("ist fertig" in problem for problem in found)


# Complete catalogues, and the languages offered


def test_a_catalogue_is_complete_only_with_every_message_translated_and_none_fuzzy() -> None:
    messages: list[tuple[str | tuple[str, str], str | tuple[str, ...]]] = [
        ("Rest", "Pause"),
        (("{count} minute", "{count} minutes"), ("{count} Minute", "{count} Minuten")),
    ]
    assert is_complete(catalogue("de", GERMAN_PLURALS, messages))
    untranslated = catalogue("de", GERMAN_PLURALS, [*messages, ("Hold", "")])
    assert [message.id for message in incomplete(untranslated)] == ["Hold"]
    one_form_missing = catalogue("de", GERMAN_PLURALS, [
        messages[0], (("{count} minute", "{count} minutes"), ("{count} Minute", ""))])
    assert not is_complete(one_form_missing)
    fuzzy = catalogue("de", GERMAN_PLURALS, messages)
    fuzzy["Rest"].flags.add("fuzzy")
    assert [message.id for message in incomplete(fuzzy)] == ["Rest"]


def test_every_language_offered_has_a_complete_catalogue() -> None:
    """Completeness also needs the whole interface marked, which no test can see: so a
    complete catalogue need not be offered yet, but an offered one must be complete."""
    assert offered_languages()[0] is Language.ENGLISH
    for language in offered_languages()[1:]:
        left = incomplete(read_catalogue(translation_files()[language.code], language.code))
        assert not left, (
            f"{language.native_name} is offered, but po/{language.code}.po has untranslated "
            f"or fuzzy messages: {[message.id for message in left]}")


def test_english_german_and_spanish_are_offered() -> None:
    assert offered_languages() == (Language.ENGLISH, Language.GERMAN, Language.SPANISH)


# The catalogues at work


def test_until_a_language_is_installed_and_in_english_every_message_is_as_written() -> None:
    assert installed_language() is Language.ENGLISH
    assert _("Rest") == "Rest"
    assert ngettext("{count} minute", "{count} minutes", 1) == "{count} minute"
    assert ngettext("{count} minute", "{count} minutes", 3) == "{count} minutes"
    assert pgettext("button", "Start") == "Start"


def test_a_language_without_its_catalogue_speaks_english(tmp_path: Path) -> None:
    assert install_language(Language.GERMAN, tmp_path) is Language.ENGLISH
    assert installed_language() is Language.ENGLISH
    assert _("Rest") == "Rest"


@pytest.mark.parametrize(("language", "rule", "one", "many"), [
    (Language.GERMAN, GERMAN_PLURALS, "{count} Minute", "{count} Minuten"),
    (Language.SPANISH, SPANISH_PLURALS, "{count} minuto", "{count} minutos"),
])
def test_ngettext_picks_the_form_the_count_needs(tmp_path: Path, language: Language, rule: str,
                                                 one: str, many: str) -> None:
    made = catalogue(language.code, rule,
                     [(("{count} minute", "{count} minutes"), (one, many))])
    assert install(tmp_path, language, made) is language
    said = {count: ngettext("{count} minute", "{count} minutes", count).format(count=count)
            for count in (0, 1, 2, 21)}
    assert said == {0: many.format(count=0), 1: one.format(count=1),
                    2: many.format(count=2), 21: many.format(count=21)}


def test_pgettext_tells_the_same_word_apart_by_its_context(tmp_path: Path) -> None:
    made = catalogue("es", SPANISH_PLURALS, [("Rest", "Descanso")], context="phase")
    made.add("Rest", "Resto", context="what remains")
    install(tmp_path, Language.SPANISH, made)
    assert pgettext("phase", "Rest") == "Descanso"
    assert pgettext("what remains", "Rest") == "Resto"
    assert _("Rest") == "Rest"


def test_a_fuzzy_translation_never_reaches_the_screen(tmp_path: Path) -> None:
    made = catalogue("de", GERMAN_PLURALS, [("Rest", "Rast"), ("Hold", "Halten")])
    made["Rest"].flags.add("fuzzy")
    install(tmp_path, Language.GERMAN, made)
    assert (_("Rest"), _("Hold")) == ("Rest", "Halten")


@pytest.mark.parametrize(("language", "stopped", "again"), [
    (Language.GERMAN, "Der Ton funktioniert nicht mehr; die Einheit läuft lautlos weiter.",
     "Der Ton funktioniert wieder."),
    (Language.SPANISH, "El sonido ha dejado de funcionar; la sesión continúa en silencio.",
     "El sonido vuelve a funcionar."),
])
def test_the_sound_notices_are_told_in_the_language_installed(
        tmp_path: Path, language: Language, stopped: str, again: str) -> None:
    compile_catalogue(translation_files()[language.code],
                      tmp_path / catalogue_path(language.code))
    assert install_language(language, tmp_path / "hiptimer" / "locale") is language
    notice = player_died(-11)
    assert notice.summary == stopped
    assert notice.detail.startswith("The sound player ended: killed by SIGSEGV")
    assert _(SOUND_WORKS_AGAIN) == again
    assert cannot_play("Error opening PCM device").summary.endswith(
        "; la sesión continúa en silencio." if language is Language.SPANISH
        else "; die Einheit läuft lautlos weiter.")
    install_language(Language.ENGLISH)
    assert player_died(-11).summary == "The sound stopped working; the session goes on silently."


# Which language


ALL = tuple(Language)


@pytest.mark.parametrize(("environment", "expected"), [
    ({}, Language.ENGLISH),
    ({"LANG": "de_DE.UTF-8"}, Language.GERMAN),
    ({"LANG": "es_MX.UTF-8"}, Language.SPANISH),
    ({"LANG": "fr_FR.UTF-8"}, Language.ENGLISH),
    ({"LC_MESSAGES": "es_ES.UTF-8", "LANG": "de_DE.UTF-8"}, Language.SPANISH),
    ({"LC_ALL": "de_AT.UTF-8", "LC_MESSAGES": "es_ES.UTF-8"}, Language.GERMAN),
    # The first locale variable set decides, even for a language hiptimer does not have.
    ({"LC_MESSAGES": "fr_FR.UTF-8", "LANG": "de_DE.UTF-8"}, Language.ENGLISH),
    ({"LC_ALL": "", "LANG": "es_ES@euro"}, Language.SPANISH),
    ({"LANGUAGE": "es", "LANG": "de_DE.UTF-8"}, Language.SPANISH),
    ({"LANGUAGE": "fr:pt_BR:de:es", "LANG": "es_ES.UTF-8"}, Language.GERMAN),
    ({"LANGUAGE": "fr:en:de", "LANG": "de_DE.UTF-8"}, Language.ENGLISH),
    ({"LANGUAGE": "de"}, Language.GERMAN),
    ({"LANGUAGE": "de", "LANG": "C.UTF-8"}, Language.GERMAN),
    # None of LANGUAGE's languages is offered: the locale's is tried next.
    ({"LANGUAGE": "fr:it", "LANG": "de_DE.UTF-8"}, Language.GERMAN),
    # A plain C or POSIX locale asks for untranslated output: LANGUAGE is ignored.
    ({"LANGUAGE": "de", "LANG": "C"}, Language.ENGLISH),
    ({"LANGUAGE": "de", "LC_ALL": "POSIX", "LANG": "es_ES.UTF-8"}, Language.ENGLISH),
    ({"LANG": "C"}, Language.ENGLISH),
])
def test_the_desktops_language_is_read_as_gettext_reads_it(environment: dict[str, str],
                                                          expected: Language) -> None:
    assert desktop_language(environment, offered=ALL) is expected


def test_a_language_whose_catalogue_is_incomplete_is_never_chosen() -> None:
    only_english = (Language.ENGLISH,)
    assert desktop_language({"LANGUAGE": "de:es", "LANG": "es_ES.UTF-8"},
                            offered=only_english) is Language.ENGLISH
    assert desktop_language({"LANGUAGE": "de:es"}, offered=(Language.SPANISH,)) \
        is Language.SPANISH
    assert chosen_language(Language.GERMAN, {"LANG": "es_ES.UTF-8"},
                           offered=(Language.SPANISH,)) is Language.SPANISH
    assert chosen_language(Language.GERMAN, {}, offered=only_english) is Language.ENGLISH


def test_today_only_complete_languages_are_chosen_for_a_german_or_spanish_desktop() -> None:
    for environment in ({"LANG": "de_DE.UTF-8"}, {"LANGUAGE": "es"}):
        assert chosen_language(None, environment) in offered_languages()


def test_the_users_setting_comes_before_the_desktop() -> None:
    desktop = {"LANGUAGE": "de", "LC_ALL": "de_DE.UTF-8"}
    assert chosen_language(Language.SPANISH, desktop, offered=ALL) is Language.SPANISH
    assert chosen_language(Language.ENGLISH, desktop, offered=ALL) is Language.ENGLISH
    assert chosen_language(None, desktop, offered=ALL) is Language.GERMAN


@pytest.mark.parametrize(("code", "expected"), [
    ("de", Language.GERMAN), ("de_CH.UTF-8@euro", Language.GERMAN), ("ES", Language.SPANISH),
    ("es-419", Language.SPANISH), ("en_GB", Language.ENGLISH), ("C", None), ("POSIX", None),
    ("", None), ("deu", None), ("fr_FR", None),
])
def test_a_code_or_locale_name_names_its_language(code: str, expected: Language | None) -> None:
    assert language_for_code(code) is expected


LOCALES = st.sampled_from(["", "C", "POSIX", "C.UTF-8", "de_DE.UTF-8", "de", "de_AT@euro",
                           "es_ES.UTF-8", "es_AR", "en_US.UTF-8", "fr_FR.UTF-8", "pt_BR"])
ENVIRONMENTS = st.fixed_dictionaries({}, optional={
    "LANGUAGE": st.lists(LOCALES, max_size=4).map(":".join),
    "LC_ALL": LOCALES, "LC_MESSAGES": LOCALES, "LANG": LOCALES,
    "LC_TIME": LOCALES, "HOME": st.just("/home/someone"),
})
OFFERS = st.sets(st.sampled_from(ALL))


def named_in(environment: dict[str, str]) -> set[Language]:
    """The languages any of gettext's variables names."""
    found = set()
    for variable in ("LANGUAGE", *LOCALE_VARIABLES):
        for entry in environment.get(variable, "").split(":"):
            language = language_for_code(entry)
            if language is not None:
                found.add(language)
    return found


@given(ENVIRONMENTS, OFFERS)
def test_the_choice_is_english_or_an_offered_language_the_desktop_names(
        environment: dict[str, str], offered: set[Language]) -> None:
    chosen = desktop_language(environment, offered)
    assert chosen is Language.ENGLISH or (chosen in offered and chosen in named_in(environment))


@given(ENVIRONMENTS, OFFERS, LOCALES, LOCALES)
def test_below_the_first_locale_variable_set_nothing_counts(
        environment: dict[str, str], offered: set[Language], other: str,
        another: str) -> None:
    deciding = next((variable for variable in LOCALE_VARIABLES if environment.get(variable)),
                    None)
    if deciding is None:
        return
    below = LOCALE_VARIABLES[LOCALE_VARIABLES.index(deciding) + 1:]
    changed = {**environment, **dict(zip(below, (other, another), strict=False))}
    assert desktop_language(changed, offered) is desktop_language(environment, offered)


@given(ENVIRONMENTS, OFFERS, st.sampled_from(ALL))
def test_an_offered_setting_always_wins(environment: dict[str, str], offered: set[Language],
                                        setting: Language) -> None:
    offered_with = offered | {setting}
    assert chosen_language(setting, environment, offered_with) is setting
