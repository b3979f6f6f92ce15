"""Qt's side of the language hiptimer speaks: Qt's own words (the standard buttons, a text
field's context menu, the file dialog) from the translations Qt ships, and the locale Qt's
widgets write dates, times and numbers in.

hiptimer's own words come from its gettext catalogues (``base/translation``); Qt's come from
Qt's ``qtbase_<code>.qm``, found where Qt keeps its translations (inside PySide6's wheel,
or the system's Qt). Where that file is missing, Qt's few words stay English.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from hiptimer.base.language import SOURCE_LANGUAGE, Language

QT_CATALOGUE = "qtbase"
"""The Qt catalogue that holds the words of QtCore, QtGui and QtWidgets."""


def locale_for(language: Language, desktop: QLocale) -> QLocale:
    """The locale Qt writes dates, times and numbers in while hiptimer speaks ``language``
    on a desktop whose locale is ``desktop``: the words always in the language spoken, the
    conventions of the user's region wherever that language has them.

    - The desktop's locale is of that language (``de_AT`` for German): that locale's own
      conventions. (Taken by its name: under ``LANGUAGE=de`` with ``LANG=C.UTF-8`` Qt's
      system locale is named ``de_DE`` but writes numbers and dates as ``C`` does.)
    - English on a desktop without a language (``C``, ``POSIX``): that locale, which the
      window writes in ISO order (``2026-03-02``), as the terminal does.
    - Otherwise the language as it is written in the desktop's region when such a locale
      exists (English on a German desktop: ``en_DE``, dates ``02/03/2026``, not German
      weekdays inside English lines; Spanish on a US desktop: ``es_US``), else as it is
      written where it is mainly spoken (German on a US or plain desktop: ``de_DE``).
    """
    spoken = QLocale.codeToLanguage(language.code)
    if desktop.language() == spoken:
        return QLocale(desktop.name())
    if desktop.language() == QLocale.Language.C:
        return desktop if language is SOURCE_LANGUAGE else QLocale(spoken)
    regional = QLocale(spoken, desktop.territory())
    if regional.language() == spoken and regional.territory() == desktop.territory():
        return regional
    return QLocale(spoken)


def qt_translator(language: Language, parent: QCoreApplication) -> QTranslator | None:
    """Qt's own translation into ``language``, or ``None`` for English (Qt's words are
    English already) and where Qt's translation of it is not installed."""
    if language is SOURCE_LANGUAGE:
        return None
    translator = QTranslator(parent)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if translator.load(f"{QT_CATALOGUE}_{language.code}", folder):
        return translator
    translator.deleteLater()
    return None


class QtLanguage:
    """Qt speaking ``language`` in ``app``: its words translated, and the default locale
    (which every widget made from now on writes in) set by ``locale_for`` from ``desktop``
    (the desktop's own locale unless given). ``remove`` gives Qt back what it had, for a
    window that closes before its process ends (tests)."""

    def __init__(self, app: QCoreApplication, language: Language,
                 desktop: QLocale | None = None) -> None:
        self.language = language
        self._app = app
        self._locale_before = QLocale()
        self.locale = locale_for(language, QLocale.system() if desktop is None else desktop)
        QLocale.setDefault(self.locale)
        self.translator = qt_translator(language, app)
        if self.translator is not None:
            app.installTranslator(self.translator)

    def remove(self) -> None:
        """Qt's words and default locale as they were before."""
        if self.translator is not None:
            self._app.removeTranslator(self.translator)
            self.translator.deleteLater()
            self.translator = None
        QLocale.setDefault(self._locale_before)
