# The two commands: `make demo` and `make test`. Everything else supports them.
SHELL := /bin/bash
.DEFAULT_GOAL := help
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
REGIE := $(BIN)/regie
VENDOR := src/regie/static/vendor
DATA := var
export UV_CACHE_DIR ?= $(HOME)/.cache/uv
# Build-time commands (messages, checks) never serve requests; they get a throwaway key.
BUILD := SECRET_KEY=build-time-only

.PHONY: help demo test install frontend check pytest messages translations permissions-doc bench browser-deps clean

help:
	@echo "make demo   - install everything, load the demo data into SQLite, serve http://127.0.0.1:8000"
	@echo "make test   - install what the tests need, run lint, types, migration and message checks, and the test suite"

$(BIN)/uv:
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip uv

install: $(BIN)/uv
	VIRTUAL_ENV=$(CURDIR)/$(VENV) $(BIN)/uv sync --frozen --active --quiet

frontend: $(VENDOR)/htmx.min.js $(VENDOR)/alpine-csp.min.js $(VENDOR)/Sortable.min.js $(VENDOR)/fullcalendar/index.global.min.js

frontend/node_modules/.package-lock.json: frontend/package.json frontend/package-lock.json
	cd frontend && npm ci --no-audit --no-fund --loglevel=error

$(VENDOR)/htmx.min.js: frontend/node_modules/.package-lock.json
	mkdir -p $(VENDOR)
	cp frontend/node_modules/htmx.org/dist/htmx.min.js $@

$(VENDOR)/alpine-csp.min.js: frontend/node_modules/.package-lock.json
	mkdir -p $(VENDOR)
	cp frontend/node_modules/@alpinejs/csp/dist/cdn.min.js $@

$(VENDOR)/Sortable.min.js: frontend/node_modules/.package-lock.json
	mkdir -p $(VENDOR)
	cp frontend/node_modules/sortablejs/Sortable.min.js $@

# FullCalendar's standard bundle (core, day grid, time grid, list, interaction) and its nl/fr texts.
$(VENDOR)/fullcalendar/index.global.min.js: frontend/node_modules/.package-lock.json
	mkdir -p $(VENDOR)/fullcalendar/locales
	cp frontend/node_modules/fullcalendar/index.global.min.js $@
	cp frontend/node_modules/@fullcalendar/core/locales/nl.global.min.js $(VENDOR)/fullcalendar/locales/
	cp frontend/node_modules/@fullcalendar/core/locales/fr.global.min.js $(VENDOR)/fullcalendar/locales/

messages: install
	cd src/regie && $(BUILD) ../../$(REGIE) compilemessages --ignore=.venv -v 0

# Pull new strings into the catalogues (then translate them in src/regie/locale/*/LC_MESSAGES/django.po).
translations: install
	cd src/regie && $(BUILD) ../../$(REGIE) makemessages -l nl -l fr --no-obsolete --add-location file -v 0

permissions-doc: install
	$(BUILD) $(REGIE) permissions_table > docs/permissions.md

$(DATA)/secret_key:
	mkdir -p $(DATA)
	$(PY) -c "import secrets; print(secrets.token_urlsafe(50))" > $@

demo: install frontend messages $(DATA)/secret_key
	@export SECRET_KEY="$$(cat $(DATA)/secret_key)" REGIE_HTTPS=0 DATABASE_URL=sqlite:///$(CURDIR)/$(DATA)/demo.sqlite3; \
	$(REGIE) migrate --no-input -v 0 && \
	$(REGIE) demo && \
	$(REGIE) collectstatic --no-input -v 0 && \
	$(REGIE) serve

browser-deps:
	@if [ ! -x /usr/bin/chromium ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing Debian's chromium for the browser tests"; \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) ; \
	  else \
	    echo "The browser tests need Chromium at /usr/bin/chromium: run 'sudo apt-get install chromium' (Debian/Ubuntu)."; exit 1; \
	  fi; \
	fi
	@command -v msgfmt >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gettext >/dev/null; \
	  else echo "Translations need gettext: run 'sudo apt-get install gettext'."; exit 1; fi; }
	@# LibreOffice: Calc recalculates exported budgets in a test, Writer turns contracts made from
	@# uploaded Word templates into PDF (the server needs it too). Without them those tests skip.
	@{ [ -e /usr/lib/libreoffice/program/libsclo.so ] && [ -e /usr/lib/libreoffice/program/libswlo.so ]; } || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then echo "Installing LibreOffice Calc and Writer (headless)"; \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends libreoffice-calc-nogui libreoffice-writer-nogui >/dev/null || true; \
	  else echo "Optional: 'sudo apt-get install libreoffice-calc-nogui libreoffice-writer-nogui' runs the spreadsheet and Word-contract tests."; fi; }
	@# pdftotext reads generated PDFs back in the contract, call-sheet and stripboard tests; without it they skip.
	@command -v pdftotext >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends poppler-utils >/dev/null || true; \
	  else echo "Optional: 'sudo apt-get install poppler-utils' runs the tests that read PDFs back."; fi; }

check: install
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BUILD) $(BIN)/mypy
	$(BUILD) $(REGIE) makemigrations --check --dry-run -v 1

# Tests run on SQLite always, and on PostgreSQL too when DATABASE_URL points to one.
pytest: install frontend messages
	DATABASE_URL=sqlite:// $(BIN)/pytest -n 2
	@if [[ "$${DATABASE_URL:-}" == postgres* ]]; then \
	  echo "== PostgreSQL: $${DATABASE_URL%%@*}@..."; \
	  $(BIN)/pytest -n 2; \
	else echo "DATABASE_URL does not point to PostgreSQL: the PostgreSQL run is skipped."; fi

test: browser-deps check pytest

bench: install frontend
	$(BUILD) $(REGIE) bench pages

clean:
	rm -rf $(VENV) $(VENDOR) frontend/node_modules $(DATA)
