"""Installs hiptimer for the current user as a desktop application, and removes it again.

``make install`` and ``make uninstall`` run this. No root is needed: hiptimer gets a virtual
environment of its own in the user's data folder (a real install, so the clone it came from
may be deleted), a launcher on the user's PATH, a desktop entry, an icon, AppStream data, and
a reminder check every five minutes (a systemd user timer, or an autostart entry where there
is no systemd user manager). What it installed is listed in a manifest; uninstalling removes
exactly that and never the user's routines, history or settings, which share the folder.

    python -m hiptimer.desktop.install install [--source DIR] [--reuse-packages-from VENV]
    python -m hiptimer.desktop.install uninstall
    python -m hiptimer.desktop.install render DIR

``hiptimer install`` and ``hiptimer uninstall`` do the desktop part alone, for whichever
hiptimer runs them (pipx, pip or this environment): no environment is made, and every entry
runs that hiptimer's own command. ``make install`` makes the environment, then runs its
``hiptimer install``.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shlex
import shutil
import subprocess
import sys
import sysconfig
import tempfile
import venv
from collections.abc import Callable, Iterable, Sequence
from enum import StrEnum
from pathlib import Path
from string import Template

from hiptimer import __version__
from hiptimer.base.identity import APP_ID, APP_NAME
from hiptimer.base.locations import resources_dir
from hiptimer.base.translation import LOCALE_DIR, _
from hiptimer.desktop.desktop_text import (
    catalogues,
    desktop_entry_values,
    metainfo_values,
    reminders_entry_values,
)
from hiptimer.desktop.install_layout import Layout, Manifest, ReminderSchedule
from hiptimer.desktop.releases import appstream_releases

SYSTEMCTL_TIMEOUT = 30.0
"""Seconds a systemctl call may take before the timer is given up for the autostart entry."""


class ShippedFile(StrEnum):
    """The files in resources/desktop that are filled in for this user."""

    DESKTOP_ENTRY = "hiptimer.desktop.in"
    METAINFO = "hiptimer.metainfo.xml.in"
    ICON = "hiptimer.svg"
    LAUNCHER = "launcher.in"
    SERVICE = "remind.service.in"
    TIMER = "remind.timer.in"
    AUTOSTART = "reminders.desktop.in"


# Quoting: each file format has its own rules for a path with spaces or special characters.

_DESKTOP_RESERVED = set(" \t\n\"'\\><~|&;$*?#()`")


def desktop_exec_quote(path: Path | str) -> str:
    """A program path (or an argument) as a desktop entry's Exec key must write it."""
    text = str(path).replace("%", "%%")
    if _DESKTOP_RESERVED & set(text):
        text = '"' + "".join("\\" + c if c in '"`$\\' else c for c in text) + '"'
    return _desktop_string(text)


def _desktop_string(text: str | Path) -> str:
    """A desktop entry's string value: a backslash is written twice."""
    return str(text).replace("\\", "\\\\")


def systemd_quote(path: Path | str) -> str:
    """A program path as a systemd unit's ExecStart writes it (specifiers and $ escaped)."""
    text = str(path).replace("\\", "\\\\").replace('"', '\\"')
    return '"' + text.replace("%", "%%").replace("$", "$$") + '"'


def _fill(template: ShippedFile, **values: str) -> str:
    """A shipped file with ``values`` (and hiptimer's names) put in."""
    text = (resources_dir() / "desktop" / template.value).read_text(encoding="utf-8")
    return Template(text).substitute(app_id=APP_ID, app_name=APP_NAME, **values)


def own_command(executable: Path | None = None, package: Path | None = None,
                user_base: Path | None = None) -> list[str]:
    """The command that runs the hiptimer this Python has: the script pip and pipx put beside
    the Python, or for ``pip install --user`` the one in the user's scripts folder
    (``~/.local/bin``), or else the Python itself with ``-m hiptimer``.

    ``package`` (this hiptimer's folder) and ``user_base`` (Python's user base) are for tests.
    """
    python = Path(sys.executable) if executable is None else executable
    folders = [python.parent]
    user_scripts = _user_scripts(package or Path(__file__).resolve().parent.parent, user_base)
    if user_scripts is not None:
        folders.append(user_scripts)
    for folder in folders:
        script = folder / APP_NAME
        if script.is_file() and os.access(script, os.X_OK):
            return [str(script)]
    return [str(python), "-m", APP_NAME]


def _user_scripts(package: Path, user_base: Path | None) -> Path | None:
    """The user scheme's scripts folder, when ``package`` was installed with ``--user``."""
    scheme = f"{os.name}_user"
    if scheme not in sysconfig.get_scheme_names():
        return None
    variables = None if user_base is None else {"userbase": str(user_base)}
    packages = Path(sysconfig.get_path("purelib", scheme, variables)).resolve()
    if not package.resolve().is_relative_to(packages):
        return None
    return Path(sysconfig.get_path("scripts", scheme, variables))


def _desktop_command(command: Sequence[str]) -> str:
    return " ".join(desktop_exec_quote(part) for part in command)


def _systemd_command(command: Sequence[str]) -> str:
    return " ".join(systemd_quote(part) for part in command)


def render_desktop_files(layout: Layout, command: Sequence[str] | None = None,
                         locale_dir: Path = LOCALE_DIR) -> dict[Path, str]:
    """The desktop entry, icon and AppStream data, by where each goes, with their words in
    every language ``locale_dir`` has a catalogue for.

    ``command`` runs hiptimer (default: the launcher ``make install`` puts on the PATH).
    """
    command = command or [str(layout.launcher)]
    languages = catalogues(locale_dir)
    return {
        layout.desktop_entry: _fill(ShippedFile.DESKTOP_ENTRY,
                                    exec=_desktop_command(command),
                                    try_exec=_desktop_string(command[0]),
                                    **desktop_entry_values(languages)),
        layout.icon: (resources_dir() / "desktop" / ShippedFile.ICON.value).read_text(
            encoding="utf-8"),
        layout.metainfo: _fill(ShippedFile.METAINFO, releases=appstream_releases(),
                               **metainfo_values(languages)),
    }


def render_reminder_files(layout: Layout, command: Sequence[str] | None = None,
                          locale_dir: Path = LOCALE_DIR) -> dict[Path, str]:
    """The systemd user service and timer, and the autostart entry used where they cannot be
    (its words in every language ``locale_dir`` has a catalogue for)."""
    command = command or [str(layout.launcher)]
    return {
        layout.service: _fill(ShippedFile.SERVICE, exec=_systemd_command(command)),
        layout.timer: _fill(ShippedFile.TIMER),
        layout.autostart: _fill(ShippedFile.AUTOSTART, exec=_desktop_command(command),
                                try_exec=_desktop_string(command[0]),
                                **reminders_entry_values(catalogues(locale_dir))),
    }


def _write(path: Path, text: str, manifest: Manifest, mode: int = 0o644) -> None:
    manifest.make_folder(path.parent)
    temporary = path.with_name(f".{path.name}.new")
    temporary.write_text(text, encoding="utf-8")
    temporary.chmod(mode)
    temporary.replace(path)
    if path not in manifest.files:
        manifest.files.append(path)


# The private environment.

def _site_packages(python: Path) -> list[Path]:
    """A Python's own package folders (pure and platform-specific, once each)."""
    out = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib')); "
                            "print(sysconfig.get_path('platlib'))"],
        check=True, capture_output=True, text=True).stdout
    return list(dict.fromkeys(Path(line) for line in out.splitlines() if line))


def _venv_python(folder: Path) -> Path:
    return folder / "bin" / "python"


def make_environment(layout: Layout, source: Path, manifest: Manifest,
                     reuse_from: Path | None = None) -> None:
    """Makes the private environment and installs hiptimer from ``source`` into it.

    The wheel is built with this Python's own build tools, so only the dependencies come
    from the package index. ``reuse_from`` (another virtual environment with the same
    Python) supplies them instead, with no download: for tests and offline machines.
    """
    manifest.make_folder(layout.venv.parent)
    manifest.venv = layout.venv
    # Made anew each time, so that an upgraded system Python leaves nothing stale behind.
    venv.EnvBuilder(clear=True, with_pip=True).create(layout.venv)
    python = _venv_python(layout.venv)
    if reuse_from is not None:
        own = _site_packages(python)[0]
        # A plain path in a .pth file is added after the environment's own packages, and
        # the .pth files there (such as an editable checkout's) are not read.
        shared = "\n".join(str(p) for p in _site_packages(_venv_python(reuse_from)))
        (own / f"{APP_NAME}-reused-packages.pth").write_text(shared + "\n", encoding="utf-8")
    with tempfile.TemporaryDirectory(prefix=f"{APP_NAME}-wheel-") as wheels:
        subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps",
                        "--no-build-isolation", "--wheel-dir", wheels, str(source)], check=True)
        wheel = next(Path(wheels).glob(f"{APP_NAME}-*.whl"))
        pip = [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
        subprocess.run([*pip, "--no-deps", "--force-reinstall", str(wheel)], check=True)
        if reuse_from is None:
            subprocess.run([*pip, str(wheel)], check=True)


# The reminder check.

def _systemctl(*args: str) -> bool:
    """Runs ``systemctl --user``; False when there is none or it fails (no user manager)."""
    program = shutil.which("systemctl")
    if program is None:
        return False
    try:
        done = subprocess.run([program, "--user", *args], stdin=subprocess.DEVNULL,
                              capture_output=True, text=True, timeout=SYSTEMCTL_TIMEOUT)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return done.returncode == 0


def schedule_reminders(layout: Layout, manifest: Manifest,
                       command: Sequence[str] | None = None) -> ReminderSchedule:
    """Installs the five-minute reminder check; never fails the install.

    A systemd user timer where ``systemctl --user`` answers, the autostart entry otherwise.
    """
    files = render_reminder_files(layout, command)
    if _systemctl("show-environment"):
        _write(layout.service, files[layout.service], manifest)
        _write(layout.timer, files[layout.timer], manifest)
        # systemctl makes the folder of enabled timers: it goes when it is empty again.
        wants = layout.systemd_units / "timers.target.wants"
        made_wants = not wants.exists()
        if (_systemctl("daemon-reload")
                and _systemctl("enable", "--now", layout.timer.name)):
            if made_wants and wants.is_dir() and wants not in manifest.directories:
                manifest.directories.append(wants)
            _forget(manifest, [layout.autostart])
            return ReminderSchedule.SYSTEMD_TIMER
        _forget(manifest, [layout.service, layout.timer])
        _systemctl("daemon-reload")
    _write(layout.autostart, files[layout.autostart], manifest)
    return ReminderSchedule.AUTOSTART


def _unschedule_reminders(layout: Layout, schedule: ReminderSchedule | None) -> None:
    if schedule is ReminderSchedule.SYSTEMD_TIMER:
        _systemctl("disable", "--now", layout.timer.name)
        _systemctl("stop", layout.service.name)
        # Where the user manager is gone, its link to the timer would be left dangling.
        enabled = layout.systemd_units / "timers.target.wants" / layout.timer.name
        if enabled.is_symlink():
            enabled.unlink()


def _forget(manifest: Manifest, paths: Iterable[Path]) -> None:
    """Removes installed files and drops them from the manifest."""
    for path in paths:
        path.unlink(missing_ok=True)
        if path in manifest.files:
            manifest.files.remove(path)


def _remove_empty(directories: Iterable[Path]) -> None:
    for folder in sorted(directories, key=lambda p: len(p.parts), reverse=True):
        with contextlib.suppress(OSError):  # not empty: something else keeps it
            folder.rmdir()


# 'Open with': the file types each desktop entry opens, as file managers look them up.

def refresh_file_types(layout: Layout, manifest: Manifest | None = None) -> bool:
    """Runs ``update-desktop-database`` on the applications folder; False where it cannot.

    The menu finds hiptimer without it; file managers' 'Open with' for YAML files needs it.
    A cache it makes for the first time is listed, so that uninstalling removes it.
    """
    program = shutil.which("update-desktop-database")
    folder = layout.desktop_entry.parent
    if program is None or not folder.is_dir():
        return False
    new = not layout.mime_cache.exists()
    try:
        done = subprocess.run([program, str(folder)], stdin=subprocess.DEVNULL,
                              capture_output=True, text=True, timeout=SYSTEMCTL_TIMEOUT)
    except (OSError, subprocess.TimeoutExpired):
        return False
    if (manifest is not None and new and layout.mime_cache.exists()
            and layout.mime_cache not in manifest.files):
        manifest.files.append(layout.mime_cache)
    return done.returncode == 0


# The commands.

Say = Callable[[str], None]
"""Where each line about a thing done goes."""


def _reminders_line(layout: Layout, schedule: ReminderSchedule) -> str:
    if schedule is ReminderSchedule.SYSTEMD_TIMER:
        return _("reminders: a systemd user timer every five minutes (systemctl --user "
                 "status {timer})").format(timer=layout.timer.name)
    return _("reminders: no systemd user manager, so they start with your desktop session")


def install_desktop(layout: Layout, command: Sequence[str] | None = None,
                    say: Say = print) -> Manifest:
    """``hiptimer install``: the desktop entry, icon, AppStream data and reminder check, all
    running ``command`` (default: the hiptimer this runs from). No environment is made; a
    second install replaces the first."""
    command = list(command or own_command())
    previous = Manifest.read(layout.manifest) or Manifest()
    # What 'make install' added (its environment and launcher) stays listed for uninstall.
    manifest = Manifest([p for p in previous.files if p not in layout.integration],
                        list(previous.directories), previous.venv)
    try:
        manifest.make_folder(layout.app_data)
        for path, text in render_desktop_files(layout, command).items():
            _write(path, text, manifest)
            say(_("wrote {path}").format(path=path))
        if refresh_file_types(layout, manifest):
            say(_("updated the file types 'Open with' offers in {folder}").format(
                folder=layout.desktop_entry.parent))
        _unschedule_reminders(layout, previous.reminders)
        manifest.reminders = schedule_reminders(layout, manifest, command)
        for path in (layout.service, layout.timer, layout.autostart):
            if path in manifest.files:
                say(_("wrote {path}").format(path=path))
        say(_reminders_line(layout, manifest.reminders))
    except BaseException:
        # A failed install keeps listing what an earlier one left, so uninstall finds it all.
        manifest.files += [p for p in previous.files if p not in manifest.files]
        manifest.reminders = manifest.reminders or previous.reminders
        raise
    else:
        # What the earlier install had and this one does not (the other reminder kind).
        _forget(previous, [p for p in previous.files if p not in manifest.files])
    finally:
        manifest.write(layout.manifest)
    return manifest


def plan_desktop(layout: Layout, command: Sequence[str] | None = None,
                 say: Say = print) -> None:
    """``hiptimer install --dry-run``: says what an install would write, and writes nothing."""
    command = list(command or own_command())
    would_write = _("would write {path}")
    for path in render_desktop_files(layout, command):
        say(would_write.format(path=path))
    if shutil.which("update-desktop-database"):
        say(_("would update the file types 'Open with' offers in {folder}").format(
            folder=layout.desktop_entry.parent))
    if _systemctl("show-environment"):
        say(would_write.format(path=layout.service))
        say(would_write.format(path=layout.timer))
        say(_("would enable {timer} (systemctl --user)").format(timer=layout.timer.name))
    else:
        say(would_write.format(path=layout.autostart))
    say(would_write.format(path=layout.manifest))
    say(_("each would run: {command}").format(command=shlex.join(command)))


def install(layout: Layout, source: Path, reuse_from: Path | None = None,
            say: Say = print) -> Manifest:
    """``make install``: an environment of hiptimer's own with a launcher on the PATH, then
    that environment's ``hiptimer install``."""
    previous = Manifest.read(layout.manifest) or Manifest()
    manifest = Manifest([p for p in previous.files if p != layout.launcher],
                        list(previous.directories), None, previous.reminders)
    try:
        make_environment(layout, source, manifest, reuse_from)
        say(_("made {path}").format(path=layout.venv))
        program = shlex.quote(str(layout.venv / "bin" / APP_NAME))
        _write(layout.launcher, _fill(ShippedFile.LAUNCHER, program=program), manifest, 0o755)
        say(_("wrote {path}").format(path=layout.launcher))
    except BaseException:
        # A failed install keeps listing what an earlier one left, so uninstall finds it all.
        manifest.venv = manifest.venv or previous.venv
        manifest.files += [p for p in previous.files if p not in manifest.files]
        raise
    finally:
        manifest.write(layout.manifest)
    sys.stdout.flush()
    subprocess.run([str(layout.venv / "bin" / APP_NAME), "install"], check=True)
    return Manifest.read(layout.manifest) or manifest


def uninstall(layout: Layout, say: Say = print) -> Manifest | None:
    """Removes what the manifest lists: the user's own files in the same folders stay."""
    manifest = Manifest.read(layout.manifest)
    if manifest is None:
        return None
    _unschedule_reminders(layout, manifest.reminders)
    if manifest.reminders is ReminderSchedule.SYSTEMD_TIMER:
        say(_("stopped {timer}").format(timer=layout.timer.name))
    for path in manifest.files:
        if path.exists() or path.is_symlink():
            path.unlink()
            say(_("removed {path}").format(path=path))
    if manifest.reminders is ReminderSchedule.SYSTEMD_TIMER:
        _systemctl("daemon-reload")
    if manifest.venv is not None and (manifest.venv / "pyvenv.cfg").is_file():
        shutil.rmtree(manifest.venv)
        say(_("removed {path}").format(path=manifest.venv))
    layout.manifest.unlink()
    say(_("removed {path}").format(path=layout.manifest))
    _remove_empty(manifest.directories)
    # Other applications' entries keep their file types; hiptimer's are dropped.
    folder = layout.desktop_entry.parent
    if folder.is_dir() and (layout.mime_cache.exists() or any(folder.glob("*.desktop"))):
        refresh_file_types(layout)
    return manifest


def cmd_install(dry_run: bool) -> int:
    """``hiptimer install [--dry-run]``, one line per thing done."""
    layout = Layout.from_environment()
    if dry_run:
        plan_desktop(layout)
        return 0
    install_desktop(layout)
    print(_("hiptimer {version} is in your application menu, and offered for YAML files; it "
            "runs {command}").format(version=__version__, command=shlex.join(own_command())))
    return 0


def cmd_uninstall() -> int:
    """``hiptimer uninstall``, one line per thing removed."""
    layout = Layout.from_environment()
    if uninstall(layout) is None:
        print(_("hiptimer is not installed for you (no {path}).").format(path=layout.manifest))
        return 0
    if layout.app_data.exists():
        print(_("Your routines and history in {folder} are left as they were.").format(
            folder=layout.app_data))
    return 0


def _on_path(folder: Path) -> bool:
    return any(Path(p) == folder for p in os.environ.get("PATH", "").split(os.pathsep) if p)


def main(argv: Sequence[str] | None = None) -> int:
    from hiptimer.base.parser_words import speak_for_argparse
    from hiptimer.base.preferences import read_settings
    from hiptimer.base.translation import install_chosen_language

    install_chosen_language(read_settings()[0].language, os.environ)
    speak_for_argparse()
    parser = argparse.ArgumentParser(prog=f"python -m {APP_NAME}.install",
                                     description=_("Install hiptimer for the current user."))
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    to_install = commands.add_parser("install", help=_("install, or replace an install"))
    to_install.add_argument(
        "--source", type=Path, default=Path(__file__).resolve().parents[2],
        help=_("the hiptimer checkout to install (default: the one this runs from)"))
    to_install.add_argument(
        "--reuse-packages-from", type=Path, metavar="VENV",
        help=_("take the dependencies from this virtual environment, without downloading"))
    commands.add_parser("uninstall", help=_("remove what 'install' installed"))
    render = commands.add_parser("render",
                                 help=_("write the desktop files into DIR, to check"))
    render.add_argument("folder", type=Path, metavar="DIR")
    args = parser.parse_args(argv)
    layout = Layout.from_environment()
    if args.command == "render":
        files = {**render_desktop_files(layout), **render_reminder_files(layout)}
        for path, text in files.items():
            (args.folder / path.name).write_text(text, encoding="utf-8")
        return 0
    if args.command == "uninstall":
        return cmd_uninstall()
    if not (args.source / "pyproject.toml").is_file():
        parser.error(_("{folder} is not a hiptimer checkout (no pyproject.toml)").format(
            folder=args.source))
    install(layout, args.source, args.reuse_packages_from)
    if not _on_path(layout.launcher.parent):
        print(_("{folder} is not on your PATH: add it to run 'hiptimer' from a terminal (the "
                "desktop's menu finds hiptimer anyway).").format(folder=layout.launcher.parent))
    return 0


if __name__ == "__main__":
    sys.exit(main())
