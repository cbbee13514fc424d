# Famille: set-up, run, test.
#
#   make run     set everything up, then serve the demo site on http://127.0.0.1:5000
#   make test    set everything up, then run the whole test suite
#
# Set-up is idempotent: missing system packages are installed with apt-get, the virtual environment is
# created once, Python packages are reinstalled only when pyproject.toml changes (stamp files under .venv/),
# and translations are compiled only when a catalog changed.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 5000
# Two workers match the two cores of our machines; `make test PYTEST_ARGS=` runs in one process.
PYTEST_ARGS ?= -n 2

TRANSLATIONS := famille/translations
PO_FILES := $(wildcard $(TRANSLATIONS)/*/LC_MESSAGES/*.po)
MO_FILES := $(PO_FILES:.po=.mo)
LOCALES := fr en
BENCHMARKS := $(wildcard bench/*_bench.py)

INSTALLED := $(VENV)/.stamp-install

.DEFAULT_GOAL := help
.DELETE_ON_ERROR:
.PHONY: help setup system run test lint bench messages clean

help:
	@echo "make run       set everything up, then serve the demo site on http://$(HOST):$(PORT)"
	@echo "make test      set everything up, then run the whole test suite"
	@echo "make setup     only set up: system packages, .venv, compiled translations"
	@echo "make lint      ruff check and ruff format --check"
	@echo "make messages  extract translatable strings and update the fr/en catalogs"
	@echo "make bench     run the benchmarks in bench/"
	@echo "make clean     remove the virtual environment, compiled catalogs and caches (keeps instance/)"

# System packages: checked on every run (a few milliseconds); apt-get only runs when something is missing.
# Only the tests need Chromium.
SYSTEM_FLAGS :=
test: SYSTEM_FLAGS := --with-browser
system:
	@PYTHON=$(PYTHON) scripts/setup-system.sh $(SYSTEM_FLAGS)

# A failed `python3 -m venv` (Debian without python3-venv) leaves a half-made folder: remove it.
$(BIN)/python: | system
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
		|| { echo "Famille needs Python 3.11 or newer; $(PYTHON) is $$($(PYTHON) --version)." >&2; exit 1; }
	$(PYTHON) -m venv $(VENV) || { rm -rf $(VENV); exit 1; }

$(INSTALLED): pyproject.toml | $(BIN)/python
	@echo "Installing Python packages into $(VENV) (the first time takes a minute or two)"
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[test]'
	@touch $@

# Compiled catalogs are built here, never committed.
$(TRANSLATIONS)/%.mo: $(TRANSLATIONS)/%.po | $(INSTALLED)
	$(BIN)/pybabel --quiet compile --input-file $< --output-file $@

setup: system $(INSTALLED) $(MO_FILES)

run: setup
	$(BIN)/famille run --host $(HOST) --port $(PORT)

test: setup
	$(BIN)/pytest $(PYTEST_ARGS)

lint: $(INSTALLED)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

bench: setup
	@if [ -z "$(BENCHMARKS)" ]; then echo "No benchmarks in bench/ yet."; fi
	@set -e; for script in $(BENCHMARKS); do echo "== $$script"; $(BIN)/python $$script; done

# Creates the French and English catalogs the first time, then keeps them in step with the code.
messages: $(INSTALLED)
	$(BIN)/pybabel --quiet extract -F babel.cfg -k N_ -k _l -k lazy_gettext --add-comments=Translators: \
		--project=Famille --sort-by-file -o $(TRANSLATIONS)/messages.pot .
	@set -e; for locale in $(LOCALES); do \
		if [ ! -f $(TRANSLATIONS)/$$locale/LC_MESSAGES/messages.po ]; then \
			$(BIN)/pybabel --quiet init -i $(TRANSLATIONS)/messages.pot -d $(TRANSLATIONS) -l $$locale; \
		fi; \
	done
	$(BIN)/pybabel --quiet update -i $(TRANSLATIONS)/messages.pot -d $(TRANSLATIONS)

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache build dist *.egg-info
	rm -f $(TRANSLATIONS)/*/LC_MESSAGES/*.mo
	find . -path ./.git -prune -o -name __pycache__ -type d -prune -exec rm -rf {} +
