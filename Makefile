# Pauta — the two set-up commands are `make run` and `make test` (see README.md).
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
HOST ?= 127.0.0.1
PORT ?= 8000
# The embedded demo: debug on, demo data and logins allowed, SQLite + SqliteHuey.
DEMO_ENV := DEBUG=$${DEBUG:-true} DEMO_MODE=$${DEMO_MODE:-true} SITE_URL=$${SITE_URL:-http://$(HOST):$(PORT)}

.PHONY: help run test test-only bench lint migrate demo install install-test messages lock clean browser libreoffice moto wordpress ffmpeg screenshots

help:
	@echo "make run      - set up everything and start the demo (web + huey) on http://$(HOST):$(PORT)"
	@echo "make test     - install test dependencies and run the whole suite"
	@echo "make bench    - run the benchmarks, write bench/results.json"
	@echo "make screenshots - the README's screenshots (docs/screenshots/)"
	@echo "make lint     - ruff and the import contracts (lint-imports)"
	@echo "make migrate / demo / messages / lock / clean"

$(PY):
	@command -v $(PYTHON) >/dev/null || { echo "Python 3.11 is required ($(PYTHON) not found)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

$(VENV)/.installed-base: requirements/base.lock | $(PY)
	$(PIP) install --quiet -r requirements/base.lock
	@touch $@

$(VENV)/.installed-test: requirements/test.lock | $(PY)
	$(PIP) install --quiet -r requirements/test.lock
	@touch $@ $(VENV)/.installed-base

install: $(VENV)/.installed-base
install-test: $(VENV)/.installed-test

# Translations (docs/i18n.md): extract every msgid into the pt_BR and pt_PT catalogues, apply the
# translations that branches deliver in locale/pending/*.json, compile the .mo files (committed).
MESSAGES_LANGS := pt_BR pt_PT
MESSAGES_IGNORE := .venv bench tests var staticfiles node_modules pauta/static/vendor
MAKEMESSAGES := $(DEMO_ENV) $(PY) manage.py makemessages $(foreach l,$(MESSAGES_LANGS),-l $(l)) \
	--no-location --no-wrap --no-obsolete $(foreach i,$(MESSAGES_IGNORE),-i $(i)) -v 0

messages: install-test
	@command -v msgmerge >/dev/null || { echo "GNU gettext is required (apt install gettext)"; exit 1; }
	$(MAKEMESSAGES) -d django
	$(MAKEMESSAGES) -d djangojs
	$(PY) scripts/apply_pending_translations.py
	$(DEMO_ENV) $(PY) manage.py compilemessages --ignore=.venv -v 0

migrate: install
	$(DEMO_ENV) $(PY) manage.py migrate --no-input -v 0

demo: migrate
	$(DEMO_ENV) $(PY) manage.py seed_demo --quiet-logins

run: demo
	@$(DEMO_ENV) HOST=$(HOST) PORT=$(PORT) PY=$(PY) scripts/run-demo.sh

browser:
	@scripts/ensure-chromium.sh

libreoffice:
	@scripts/ensure-libreoffice.sh

moto:
	@scripts/ensure-moto.sh >/dev/null

wordpress:
	@scripts/ensure-wordpress.sh

ffmpeg:
	@scripts/ensure-ffmpeg.sh

test: install-test browser libreoffice moto wordpress ffmpeg test-only

test-only:
	$(PY) -m pytest $(PYTEST_ARGS)

# The README's four screenshots (docs/screenshots/), on the full seeded demo (scripts/screenshots.py), at 1366 px
# in pt-BR; pngquant, when installed, makes them smaller.
screenshots: install-test browser
	$(PY) scripts/screenshots.py
	@if command -v pngquant >/dev/null; then pngquant --force --skip-if-larger --ext .png \
		--quality 65-90 docs/screenshots/*.png || true; fi

bench: install-test
	$(PY) bench/run.py

lint: install-test
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports

lock: | $(PY)
	$(PIP) install --quiet pip-tools
	$(VENV)/bin/pip-compile -q --strip-extras --no-header --allow-unsafe --no-emit-index-url --no-emit-find-links -o requirements/base.lock pyproject.toml
	$(VENV)/bin/pip-compile -q --strip-extras --no-header --allow-unsafe --no-emit-index-url --no-emit-find-links --extra test -o requirements/test.lock pyproject.toml

clean:
	rm -rf $(VENV) staticfiles .pytest_cache
