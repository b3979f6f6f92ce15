"""Test-wide set-up: Qt runs offscreen, no test ever touches the real user data folder, and
every test carries the markers that let a run pick it or leave it out (gui, audio, slow).

gui and audio are read from what a test imports and uses; slow from measurement: the tests
``tests/durations.json`` lists, as ``make durations`` last measured them (a second or more).
A test not marked slow that takes over two seconds is named at the end of the run.

The Qt-free core alone, with no display and without importing PySide6:

    python -m pytest -p no:pytest-qt -m "not gui and not audio"

('make core'; add "and not slow" to the expression for a run of seconds). pytest-qt imports
PySide6 as soon as it loads, so it has to be left out. Shared fakes and helpers live in
``tests/support/``; this file holds only fixtures and the run's set-up.
"""

from __future__ import annotations

import ast
import atexit
import os
import shutil
import signal
import sqlite3
import sys
import tempfile
import traceback
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

import hypothesis
import pytest
from hypothesis.database import DirectoryBasedExampleDatabase

from hiptimer.history.store import HistoryStore
from tests.support import durations
from tests.support.checkout import REPO
from tests.support.history import StoreOpener
from tests.support.languages import compiled_locale, spoken  # noqa: F401 (fixtures)

# Set before anything can import Qt or read the data folder.
os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ["HIPTIMER_DATA_DIR"] = tempfile.mkdtemp(prefix="hiptimer-test-data-")
# A test that unsets HIPTIMER_DATA_DIR still never reaches the user's XDG folders.
XDG_VARIABLES = ("XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME")
_XDG_BASE = Path(tempfile.mkdtemp(prefix="hiptimer-test-xdg-"))
for _variable in XDG_VARIABLES:
    os.environ[_variable] = str(_XDG_BASE / _variable.lower())
atexit.register(shutil.rmtree, _XDG_BASE, True)
# Every front end starts in English, whatever the desktop running the tests speaks; a test
# of another language asks for it (the ``spoken`` fixture, or its own environment).
os.environ["LANGUAGE"] = "en"
# Hypothesis keeps the examples that made a test fail, to try them first the next run: in a
# temporary folder of this user's, not in the checkout.
hypothesis.settings.register_profile("hiptimer", database=DirectoryBasedExampleDatabase(
    Path(tempfile.gettempdir()) / f"hiptimer-hypothesis-{os.getuid()}"))
hypothesis.settings.load_profile("hiptimer")
# A shell without job control starts a command in the background (`make test &`) with Ctrl+C
# and Ctrl+\ ignored, and every command a test starts would inherit that. hiptimer keeps an
# ignored stop signal ignored (as under nohup), so a test that sends one would wait for an
# end that never comes. The commands start as from a terminal, every stop signal in effect.
for _signum, _default in ((signal.SIGINT, signal.default_int_handler),
                          (signal.SIGQUIT, signal.SIG_DFL), (signal.SIGTERM, signal.SIG_DFL),
                          (signal.SIGHUP, signal.SIG_DFL)):
    if signal.getsignal(_signum) is signal.SIG_IGN:
        signal.signal(_signum, _default)
# The desktop's session bus is never reached: one private bus serves the whole run.
from tests.support.bus import BUS  # noqa: E402 (it starts the bus, and must come after the above)

os.environ["DBUS_SESSION_BUS_ADDRESS"] = BUS.address

QT_PLUGIN = "pytest-qt"
"""pytest-qt's plugin name, as '-p no:pytest-qt' names it."""
QT_MODULES = ("PySide6", "shiboken6", "hiptimer.ui", "hiptimer.qtloop", "hiptimer.terminal.runner")
"""Modules that import Qt as they load: a test that imports one of them needs Qt."""
QT_FIXTURES = frozenset({"qtbot", "qapp", "qapp_args", "qapp_cls", "qtlog", "qtmodeltester"})
HEADLESS_RUN = "--no-gui"
"""An argument in a test's code: it starts the terminal runner, which runs on QCoreApplication."""
GUI = frozenset({"tests/test_sound_crash.py::test_the_window_stays_up_under_a_crashing_driver"})
"""Tests that need Qt where the rules above cannot see it: a window in a process of its own."""
AUDIO_MODULES = frozenset({"test_audio_capture.py", "test_player.py", "test_sound_crash.py"})
"""Real player processes, sound through ALSA, or the crashing ALSA plugin built and loaded."""
AUDIO_IMPORTS = (".support.alsa_capture", "hiptimer.cues.player_process",
                 "hiptimer.cues.player.ProcessSink")
RECORD_DURATIONS = "--record-durations"
"""Writes what each test took into tests/durations.json ('make durations')."""


def _imported(statements: Iterable[ast.AST]) -> frozenset[str]:
    """Every module and imported name (``a.b.name``; relative ones start with a dot)."""
    found: set[str] = set()
    for statement in statements:
        if isinstance(statement, ast.Import):
            found.update(alias.name for alias in statement.names)
        elif isinstance(statement, ast.ImportFrom):
            dots = "." * statement.level
            base = dots + (statement.module or "")
            found.add(base)
            found.update(f"{base}.{alias.name}" if statement.module else dots + alias.name
                         for alias in statement.names)
    return frozenset(found)


def _names_any(imported: frozenset[str], modules: tuple[str, ...]) -> bool:
    return any(name == m or name.startswith(m + ".") for name in imported for m in modules)


@dataclass(frozen=True)
class Code:
    """What a test module, or one function in it, imports and starts."""

    qt: bool
    audio: bool

    @classmethod
    def of(cls, imported: frozenset[str], headless_run: bool = False) -> Code:
        return cls(_names_any(imported, QT_MODULES) or headless_run,
                   _names_any(imported, AUDIO_IMPORTS))


class Module(NamedTuple):
    code: Code
    """Its own top-level imports: what importing it loads."""
    functions: dict[str, Code]
    """Each function's, by name (``Class.name`` for methods), nested imports included."""
    names: frozenset[str]
    """Every name it defines at the top level."""


@cache
def _module(path: Path) -> Module:
    tree = ast.parse(path.read_bytes(), str(path))
    functions: dict[str, Code] = {}
    names = {target.id for node in tree.body if isinstance(node, ast.Assign)
             for target in node.targets if isinstance(target, ast.Name)}
    for node in tree.body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names.add(node.name)
        named = ([(f"{node.name}.", method) for method in node.body]
                 if isinstance(node, ast.ClassDef) else [("", node)])
        for prefix, function in named:
            if isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
                inside = list(ast.walk(function))
                functions[prefix + function.name] = Code.of(_imported(inside), any(
                    isinstance(n, ast.Constant) and n.value == HEADLESS_RUN for n in inside))
    return Module(Code.of(_imported(tree.body)), functions, frozenset(names))


def _code(item: pytest.Function) -> list[Code]:
    """The module's, the test's own, and that of the fixtures from its module it uses."""
    module, functions, _ = _module(item.path)
    test = f"{item.cls.__name__}.{item.originalname}" if item.cls else item.originalname
    return [module, *(functions[name] for name in (test, *item.fixturenames)
                      if name in functions)]


def _is_gui(item: pytest.Function) -> bool:
    return (bool(QT_FIXTURES & set(item.fixturenames)) or _listed(item, GUI)
            or any(code.qt for code in _code(item)))


def _is_audio(item: pytest.Function) -> bool:
    return item.path.name in AUDIO_MODULES or any(code.audio for code in _code(item))


def _listed(item: pytest.Function, names: frozenset[str]) -> bool:
    """Whether a module, a test (every parameter set) or a class of it is named."""
    node = item.nodeid.split("[")[0]
    return any(node == name or node.startswith(name + "::") for name in names)


def pytest_addoption(parser: pytest.Parser, pluginmanager: pytest.PytestPluginManager) -> None:
    parser.addoption(RECORD_DURATIONS, action="store_true",
                     help="measure each test and keep the slow ones in tests/durations.json")
    if not pluginmanager.has_plugin(QT_PLUGIN):
        # Without pytest-qt, --strict-config would refuse its settings in pyproject.toml.
        parser.addini("qt_log_level_fail", "pytest-qt's, unused without it")
        parser.addini("qt_log_ignore", "pytest-qt's, unused without it", type="linelist")


def pytest_ignore_collect(collection_path: Path, config: pytest.Config) -> bool | None:
    """Without pytest-qt, modules that import Qt are not even imported: they could not run."""
    if (not config.pluginmanager.has_plugin(QT_PLUGIN) and collection_path.suffix == ".py"
            and collection_path.name.startswith("test_") and _module(collection_path).code.qt):
        return True
    return None


@pytest.hookimpl(tryfirst=True)  # before '-m' picks tests by their markers
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    without_qt = not config.pluginmanager.has_plugin(QT_PLUGIN)
    slow = durations.recorded()
    for item in items:
        if not isinstance(item, pytest.Function):
            continue
        if _is_gui(item):
            item.add_marker(pytest.mark.gui)
            if without_qt:
                item.add_marker(pytest.mark.skip(reason="needs Qt, and pytest-qt is left out"))
        if _is_audio(item):
            item.add_marker(pytest.mark.audio)
        if durations.named_test(item.nodeid) in slow:
            item.add_marker(pytest.mark.slow)


_taken: dict[str, float] = {}
"""Each test's seconds in this run (all its parameter sets), set-up and tear-down included."""
_called: set[str] = set()
"""Tests that ran, not skipped: only their measurements are kept."""
_unmarked: dict[str, float] = {}
"""Tests not marked slow whose call alone took longer than it should for that."""


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    test = durations.named_test(report.nodeid)
    _taken[test] = _taken.get(test, 0.0) + report.duration
    if report.when == "call" and not report.skipped:
        _called.add(test)
    if (report.when == "call" and report.duration > durations.UNMARKED_LIMIT
            and "slow" not in report.keywords):
        _unmarked[report.nodeid] = report.duration


def pytest_sessionfinish(session: pytest.Session) -> None:
    if session.config.getoption(RECORD_DURATIONS):
        # A test skipped here (no sound card, no Qt) keeps what was measured where it ran.
        durations.record({test: _taken[test] for test in _called})


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if _unmarked:
        terminalreporter.write_line(
            "tests that took over {:g} s but are not marked slow (run 'make durations'): {}"
            .format(durations.UNMARKED_LIMIT, ", ".join(
                f"{test} ({seconds:.1f} s)" for test, seconds in sorted(_unmarked.items()))),
            yellow=True)
    # A renamed or moved test loses the mark it was given by name here: say so.
    gone = []
    for entry in sorted(GUI):
        file, _, name = entry.partition("::")
        path = REPO / file
        if not path.is_file() or (name and name.split("::")[0] not in _module(path).names):
            gone.append(entry)
    if gone:
        terminalreporter.write_line("tests/conftest.py marks tests that are no longer there: "
                                    + ", ".join(gone), yellow=True)


@pytest.fixture(autouse=True)
def qt_only_in_gui_tests(request: pytest.FixtureRequest) -> Iterator[None]:
    """A test that brings Qt in must be marked gui, or a run without Qt would fail on it.

    It can only tell when Qt was not loaded before (a run with '-p no:pytest-qt').
    """
    before = "PySide6" in sys.modules
    yield
    if (not before and "PySide6" in sys.modules
            and request.node.get_closest_marker("gui") is None):
        pytest.fail("this test imported PySide6 but is not marked gui: give it the mark, or "
                    "teach tests/conftest.py to see that it needs Qt", pytrace=False)


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A fresh, empty per-test data folder; the XDG folders, too, are the test's own."""
    folder = tmp_path / "data"
    folder.mkdir()
    monkeypatch.setenv("HIPTIMER_DATA_DIR", str(folder))
    for variable in XDG_VARIABLES:
        monkeypatch.setenv(variable, str(tmp_path / "xdg" / variable.lower()))
    yield folder


@pytest.fixture(autouse=True)
def sqlite_connections_closed(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every database connection a test opens is closed by its end, on every Python.

    Python 3.13 warns about a connection the garbage collector finds open, at whatever
    moment it runs; this names the test that leaked it, and where the connection was made.
    """
    opened: list[tuple[sqlite3.Connection, str]] = []
    real_connect = sqlite3.connect

    def connect(*args: Any, **kwargs: Any) -> sqlite3.Connection:
        connection: sqlite3.Connection = real_connect(*args, **kwargs)
        where = "".join(traceback.format_list(
            [f for f in traceback.extract_stack()[:-1] if f.filename.startswith(str(REPO))]))
        opened.append((connection, where))
        return connection

    monkeypatch.setattr(sqlite3, "connect", connect)
    yield
    still_open = []
    for connection, where in opened:
        try:
            connection.total_changes  # noqa: B018 (raises once the connection is closed)
        except sqlite3.ProgrammingError:
            continue
        connection.close()
        still_open.append(where)
    assert not still_open, "a database connection was left open; opened at:\n" + \
        "\n".join(still_open)


@pytest.fixture
def open_store() -> Iterator[StoreOpener]:
    """Opens history databases for a test, and closes every one of them when it ends."""
    opened: list[HistoryStore] = []

    def _open(path: Path) -> HistoryStore:
        opened.append(HistoryStore(path))
        return opened[-1]

    yield _open
    for store in opened:
        store.close()


@pytest.fixture
def write(tmp_path: Path) -> Callable[..., Path]:
    """Writes a routine file under the test's temporary folder and returns its path."""

    def _write(text: str | bytes, name: str = "routine.yaml") -> Path:
        path = tmp_path / name
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        return path

    return _write


@pytest.fixture(autouse=True)
def no_modal_dialogs(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """A dialog nobody answers would hang the suite: fail the test that opened it instead."""
    if "PySide6.QtWidgets" not in sys.modules and request.node.get_closest_marker("gui") is None:
        return  # no widgets, no dialogs: and the Qt-free tests stay free of Qt
    try:
        from PySide6.QtWidgets import QDialog, QInputDialog, QMessageBox
    except ImportError:  # pragma: no cover
        return

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"a modal dialog opened during a test: {args[1:3]}")

    for name in ("question", "warning", "information", "critical"):
        monkeypatch.setattr(QMessageBox, name, refuse)
    monkeypatch.setattr(QMessageBox, "exec", refuse)
    monkeypatch.setattr(QDialog, "exec", refuse)
    monkeypatch.setattr(QInputDialog, "getText", refuse)
