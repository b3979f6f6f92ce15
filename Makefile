# hiptimer: 'make run' sets up and starts the app; 'make test' sets up and runs every check CI runs.

SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

# Debian/Ubuntu packages a developer needs: a compiler and ALSA's headers for the tests'
# crashing ALSA plugin and the optional simpleaudio library (hiptimer itself needs neither),
# espeak-ng for spoken announcements, venv support, fonts, and the X11/xcb, EGL/GL and D-Bus
# libraries Qt 6's xcb platform loads; for the tests, the desktop entry's and AppStream data's
# validators and a D-Bus daemon for a private session bus.
DEBIAN_PACKAGES := \
	python3 python3-venv python3-dev gcc libc6-dev make libasound2-dev espeak-ng \
	desktop-file-utils appstream dbus-daemon dbus-bin playerctl \
	fonts-dejavu-core libfontconfig1 libfreetype6 libglib2.0-0 libdbus-1-3 \
	libegl1 libgl1 libx11-6 libx11-xcb1 libxkbcommon0 libxkbcommon-x11-0 \
	libxcb1 libxcb-cursor0 libxcb-glx0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 \
	libxcb-randr0 libxcb-render0 libxcb-render-util0 libxcb-shape0 libxcb-shm0 \
	libxcb-sync1 libxcb-util1 libxcb-xfixes0 libxcb-xinerama0 libxcb-xkb1

.PHONY: run test fresh-test fresh-install lint contracts typecheck unit core durations wheel-check desktop-check \
	pictures install uninstall system-deps clean translations catalogues

run: $(VENV)/.installed catalogues
	$(BIN)/hiptimer

test: $(VENV)/.installed lint contracts typecheck desktop-check unit wheel-check

# 'make test' on a brand-new minimal Debian, from a clean clone of the committed HEAD (as root):
# DEBIAN=trixie (13, Python 3.13; the default) or DEBIAN=bookworm (12, Python 3.11).
DEBIAN ?= trixie
fresh-test:
	bash .ci/fresh-system $(DEBIAN) make test

# The user's install on a brand-new Debian with no compiler (as root): pipx from the clone
# and from the wheel, pip --user, and each installed hiptimer used (.ci/user-install).
fresh-install:
	bash .ci/fresh-system $(DEBIAN) bash .ci/user-install

lint: $(VENV)/.installed
	$(BIN)/ruff check .

# The layers and the Qt-free core, as pyproject.toml's [tool.importlinter] contracts set them.
contracts: $(VENV)/.installed
	$(BIN)/lint-imports --no-cache

typecheck: $(VENV)/.installed
	$(BIN)/mypy hiptimer tests bench

unit: $(VENV)/.installed catalogues
	$(BIN)/python -m pytest

# The Qt-free core alone, without a display: tests marked gui or audio are left out
# (tests/conftest.py marks them from what they use), and so is pytest-qt, which imports PySide6
# as it loads. Add "and not slow" to the -m expression for a run of seconds: slow is what
# tests/durations.json lists, as 'make durations' last measured (a second or more).
core: $(VENV)/.installed catalogues
	$(BIN)/python -m pytest -p no:pytest-qt -m "not gui and not audio"

# Runs every test and keeps the slow ones, with their seconds, in tests/durations.json (to
# commit). A run names any test over two seconds that is not marked slow: then run this.
durations: $(VENV)/.installed
	$(BIN)/python -m pytest -p no:cacheprovider --record-durations

# The wheel must carry the routines and resources: install it into a throw-away venv and use
# it from outside the checkout.
wheel-check: $(VENV)/.installed
	rm -rf dist
	$(BIN)/python -m pip wheel --no-deps --no-build-isolation --quiet --wheel-dir dist .
	@set -e; scratch=$$(mktemp -d); trap 'rm -rf "$$scratch"' EXIT; \
	$(PYTHON) -m venv "$$scratch/venv"; \
	"$$scratch/venv/bin/pip" install --quiet dist/hiptimer-*.whl; \
	cd "$$scratch"; export HIPTIMER_DATA_DIR="$$scratch/data"; \
	builtins=$$(venv/bin/python -c 'from hiptimer.base.locations import builtin_routines_dir as d; print(d())'); \
	case "$$builtins" in "$$scratch"/*) ;; *) echo "wheel-check: built-ins not inside the installed package: $$builtins"; exit 1;; esac; \
	venv/bin/hiptimer list; \
	venv/bin/hiptimer validate "$$builtins"/*.yaml; \
	venv/bin/python -c 'import sys; from hiptimer.base.locations import builtin_routines_dir as r; from hiptimer.body.figure_file import load_figure; from hiptimer.routine import load_routine; from hiptimer.routine.figures import builtin_figure_file as f, builtin_figures_dir as d; found = {e.name: f(e.name) for p in r().glob("*.yaml") for e in load_routine(p).exercises}; [load_figure(path) for path in found.values() if path]; lost = sorted(n for n, path in found.items() if path is None); sys.exit(f"wheel-check: no built-in figure in {d()} for {lost}" if lost else 0)'; \
	venv/bin/python -c 'import sys; from hiptimer.base.language import Language as L; from hiptimer.base.translation import install_language as i; lost = [l.code for l in L if l is not L.ENGLISH and i(l) is not l]; sys.exit(f"wheel-check: no compiled catalogue for {lost}" if lost else 0)'; \
	venv/bin/python -c 'import sys; from hiptimer.body.figure_file import load_figure; from hiptimer.ui.history.guide_figure import guide_figure_file as g; load_figure(g()); sys.exit(0 if g().is_relative_to(sys.prefix) else f"wheel-check: the self-test figure is not in the installed package: {g()}")'; \
	echo "wheel-check: the installed wheel lists and validates its built-in routines"

# Installs hiptimer for you alone, no root needed (hiptimer/desktop/install.py says what goes where): a
# virtual environment of its own in $XDG_DATA_HOME/hiptimer/venv with hiptimer installed in it
# (not editable: the clone can go afterwards), the 'hiptimer' launcher in ~/.local/bin, the
# desktop entry, icon and AppStream data, and the reminder check every five minutes: those
# last by that environment's own 'hiptimer install', as for a pipx or pip install.
# DEPS_FROM_VENV=1 takes the dependencies from $(VENV) instead of downloading them: the
# install then needs this clone's $(VENV), so that is for tests and a look, not for keeps.
install: $(VENV)/.installed
	$(BIN)/python -m hiptimer.desktop.install install --source "$(CURDIR)"$(if $(filter 1,$(DEPS_FROM_VENV)), \
		--reuse-packages-from "$(abspath $(VENV))")

# Removes what 'make install' installed, and never your routines, history or settings: it is
# 'hiptimer uninstall', which needs nothing but Python's standard library, so no set-up runs first.
uninstall:
	$(PYTHON) -m hiptimer uninstall

# The desktop entry, the autostart entry and the AppStream data as they are installed, through
# the desktop's own validators.
desktop-check: $(VENV)/.installed catalogues
	@set -e; scratch=$$(mktemp -d); trap 'rm -rf "$$scratch"' EXIT; \
	$(BIN)/python -m hiptimer.desktop.install render "$$scratch"; \
	complaints=$$(desktop-file-validate "$$scratch"/*.desktop) || { echo "$$complaints"; exit 1; }; \
	if [ -n "$$complaints" ]; then echo "$$complaints"; exit 1; fi; \
	appstreamcli validate --no-net "$$scratch"/*.metainfo.xml; \
	echo "desktop-check: the desktop entries and the AppStream data validate"

# The pictures the README and the AppStream data show, in docs/pictures/ (to commit), drawn by
# 'hiptimer picture': session screens at 1280x720 and a few exercises' figures at the start and
# the end of a rep. Offscreen, with folders of its own, so that none of your routines is taken
# for a built-in one. Run it again after a figure or the screen changes; optipng makes the
# files smaller when it is installed.
PICTURES := docs/pictures
pictures: $(VENV)/.installed
	@set -e; scratch=$$(mktemp -d); trap 'rm -rf "$$scratch"' EXIT; \
	export HOME="$$scratch" HIPTIMER_DATA_DIR="$$scratch/data" XDG_CONFIG_HOME="$$scratch/config" \
		XDG_DATA_HOME="$$scratch/share" XDG_STATE_HOME="$$scratch/state" \
		XDG_CACHE_HOME="$$scratch/cache" QT_QPA_PLATFORM=offscreen; \
	mkdir -p $(PICTURES); \
	draw() { $(BIN)/hiptimer picture "$$@"; }; \
	draw "Frog stretch" --routine hip-mobility --screen 1280x720 \
		--png $(PICTURES)/session-hold-1280x720.png; \
	draw Clamshells --routine hip-strength --screen 1280x720 --pose start \
		--png $(PICTURES)/session-reps-1280x720.png; \
	draw Clamshells --routine hip-strength --screen 1280x720 --pose end --side right --look dark \
		--png $(PICTURES)/session-reps-dark-1280x720.png; \
	for name in Clamshells "Seated internal rotation lift" "Band-resisted internal rotation"; do \
		file=$$(echo "$$name" | tr 'A-Z ' 'a-z-'); \
		for pose in start end; do \
			draw "$$name" --pose $$pose --size 360 --png $(PICTURES)/figure-$$file-$$pose-480x360.png; \
		done; \
	done; \
	if command -v optipng >/dev/null 2>&1; then optipng -quiet -o5 $(PICTURES)/*.png; fi; \
	echo "pictures: drawn into $(PICTURES)/"

$(VENV)/.installed: pyproject.toml | system-deps
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	@# simpleaudio 1.0.4 (crashes on Python 3.12+) and its maintained fork share one module name:
	@# an environment made before the switch must lose the old one first.
	$(BIN)/python -m pip uninstall --quiet --yes simpleaudio 2>/dev/null || true
	$(BIN)/python -m pip install --quiet -e '.[test,simpleaudio]'
	touch $@

# Installs what is missing, as root directly or through sudo. Elsewhere, README.md lists what to install.
system-deps:
	@if command -v dpkg-query >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then \
		missing=$$(for p in $(DEBIAN_PACKAGES); do \
			dpkg-query -W -f='$${Status}\n' "$$p" 2>/dev/null | grep -q 'install ok installed' || echo "$$p"; \
		done); \
		if [ -n "$$missing" ]; then \
			echo "Installing the Debian packages hiptimer needs:" $$missing; \
			if [ "$$(id -u)" -eq 0 ]; then sudo=; else sudo=sudo; fi; \
			$$sudo apt-get update -qq && \
			DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq --no-install-recommends $$missing; \
		fi; \
	else \
		echo "Not a Debian/Ubuntu system: install the system packages README.md lists, then run make again."; \
	fi

clean:
	rm -rf $(VENV) dist build .pytest_cache .mypy_cache .ruff_cache .hypothesis hiptimer/locale

# The translations (docs/translating.md): po/hiptimer.pot is the template, every message
# marked in hiptimer/ (babel.cfg says where to look), and po/<code>.po a language's catalogue.
# 'make translations' extracts the template again and brings every catalogue in step with it
# (a new message comes in untranslated, a changed one fuzzy, a gone one is dropped): run it
# after marking or changing a message, then translate what it left open.
translations: $(VENV)/.installed
	$(BIN)/pybabel -q extract -F babel.cfg --add-comments=Translators: --add-location=file \
		--sort-by-file --width=79 --project=hiptimer \
		--version="$$($(BIN)/python -c 'import hiptimer; print(hiptimer.__version__)')" \
		--header-comment="$$(printf '%s\n' \
			'# The messages of hiptimer to translate, extracted by make translations.' \
			'# This file is distributed under the same license as the hiptimer project.' \
			'# How to translate: docs/translating.md.' '#')" \
		--output-file=po/hiptimer.pot .
	@set -e; for po in po/*.po; do \
		$(BIN)/pybabel -q update --input-file=po/hiptimer.pot --output-file="$$po" \
			--locale="$$(basename "$$po" .po)" --ignore-obsolete --width=79; \
	done
	$(MAKE) catalogues

# The compiled catalogues a checkout runs with, in hiptimer/locale/ (ignored by git; a wheel
# compiles its own as it is built): each made again when its po/<code>.po is newer.
CATALOGUES := $(patsubst po/%.po,hiptimer/locale/%/LC_MESSAGES/hiptimer.mo,$(wildcard po/*.po))
catalogues: $(CATALOGUES)

hiptimer/locale/%/LC_MESSAGES/hiptimer.mo: po/%.po | $(VENV)/.installed
	$(BIN)/python hatch_build.py $< $@
