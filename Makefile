# hallapp: two commands do all the set-up on a fresh Debian/Ubuntu machine.
#   make run   – virtualenv + install, then open the demo hall on the embedded database
#   make test  – the same install, then every check: ruff, mypy, import-linter, pytest
# Both are idempotent: a second run only re-installs when pyproject.toml changed.

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.hallapp-installed

.PHONY: run test setup sysdeps lint pytest bench screenshots clean i18n

run: setup
	$(BIN)/hallapp init --demo
	$(BIN)/hallapp demo

test: setup lint pytest

QM     := ui/translations/hallapp_en.qm

setup: sysdeps $(STAMP) $(QM)

$(QM): ui/translations/hallapp_en.ts $(STAMP)
	$(BIN)/pyside6-lrelease -silent $< -qm $@

# Refresh the .ts from the sources (then translate the new entries and commit the .ts).
i18n: $(STAMP)
	$(BIN)/pyside6-lupdate -silent -no-obsolete $$(find hallapp/ui -name '*.py') -ts ui/translations/hallapp_en.ts

sysdeps:
	@bash tools/sysdeps.sh

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "hallapp needs Python 3.11 or newer ($(PYTHON) is older)"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $(STAMP)

lint:
	$(BIN)/ruff check hallapp tests bench tools
	$(BIN)/mypy
	$(BIN)/lint-imports

# One worker per core (pytest-xdist): each worker has its own temporary directory, its own
# PostgreSQL databases (named by pid) and its own QApplication. What the machine has only one
# of (the CUPS queue, marker ``cups``) is tested after them, in one process. (xdist's
# --dist loadgroup would do it in one run, but it stopped grouping with pytest 9.2.)
pytest:
	QT_QPA_PLATFORM=offscreen $(BIN)/pytest -q -n auto -m "not cups"
	QT_QPA_PLATFORM=offscreen $(BIN)/pytest -q -m cups

bench: setup
	$(BIN)/python bench/queue_bench.py --pace 50 --writer

screenshots: setup
	QT_QPA_PLATFORM=offscreen $(BIN)/python tools/screenshots.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
