# Tuksuk: two commands on a fresh machine.
#   make demo   set everything up and serve http://127.0.0.1:8000 with demo logins
#   make test   set everything up and run the whole test suite
# Every step is idempotent and skipped when already done, so a second run is fast.

SHELL := /bin/bash
.DEFAULT_GOAL := help
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
UV_VERSION := $(shell sed -n '/^name = "uv"$$/{n;s/version = "\(.*\)"/\1/p}' uv.lock)
HOST ?= 127.0.0.1
PORT ?= 8000
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: help demo test setup db serve assets system-deps browser-deps lint security loadtest format check-migrations schema bench clean

help:
	@echo "make demo    set up and serve Tuksuk at http://$(HOST):$(PORT) with demo data"
	@echo "make test    set up and run the whole test suite (unit, API, browser)"
	@echo "make lint    ruff check + ruff format --check + makemigrations --check + OpenAPI drift"
	@echo "make format  ruff format + ruff check --fix"
	@echo "make security  bandit (code) + pip-audit (locked dependencies against PyPI's advisories)"
	@echo "make bench   benchmark suite on PostgreSQL (BENCH_SCALE=small|medium|large); see docs/performance.md"

# --- system packages (Debian): gettext for translations, a Thai font for PDFs (WeasyPrint);
#     chromium and poppler-utils (pdftotext) for the browser and PDF tests ---
system-deps:
	@command -v msgfmt >/dev/null && fc-list 2>/dev/null | grep -qi garuda || { $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq gettext fonts-thai-tlwg; }

browser-deps:
	@[ -x /usr/bin/chromium ] && command -v pdftotext >/dev/null && fc-list 2>/dev/null | grep -qi garuda || { \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium fonts-thai-tlwg poppler-utils; }

# --- Python: a virtual environment in .venv with the locked packages (uv) ---
$(VENV)/.synced: pyproject.toml uv.lock
	@[ -x $(PY) ] || $(PYTHON) -m venv $(VENV)
	@[ -x $(VENV)/bin/uv ] && [ "$$($(VENV)/bin/uv --version | cut -d' ' -f2)" = "$(UV_VERSION)" ] || \
	  $(VENV)/bin/pip install --quiet --disable-pip-version-check "uv==$(UV_VERSION)"
	$(VENV)/bin/uv sync --frozen --quiet --python $(PY)
	@touch $@

# --- Front-end packages: npm with the committed lock, copied into var/assets/vendor ---
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

var/assets/.copied: node_modules/.installed scripts/vendor_assets.py
	$(PY) scripts/vendor_assets.py
	@touch $@

assets: $(VENV)/.synced var/assets/.copied

# --- Translations: compile locale/*.po into .mo (generated, not committed) ---
MO_FILES := $(patsubst %.po,%.mo,$(wildcard locale/*/LC_MESSAGES/*.po))
locale/%.mo: locale/%.po
	msgfmt --check-format -o $@ $<

setup: system-deps $(VENV)/.synced assets $(MO_FILES)

# --- Database: migrate, reference data, demo data (each idempotent) ---
db: setup
	$(PY) manage.py migrate --noinput -v 0
	$(PY) manage.py load_reference
	$(PY) manage.py seed_demo

demo: db
	$(PY) manage.py collectstatic --noinput -v 0
	@$(PY) manage.py demo_logins
	@echo "Serving Tuksuk at http://$(HOST):$(PORT)  (Ctrl+C to stop)"
	@$(PY) manage.py run_huey --workers 2 >> var/huey.log 2>&1 & HUEY_PID=$$!; \
	  trap "kill $$HUEY_PID 2>/dev/null" EXIT INT TERM; \
	  $(VENV)/bin/gunicorn tuksuk.wsgi --bind $(HOST):$(PORT) --workers 3 --access-logfile - \
	    --env DJANGO_SETTINGS_MODULE=tuksuk.settings.local

test: setup browser-deps
	$(VENV)/bin/pytest $(PYTEST_ARGS)

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) manage.py makemigrations --check --dry-run
	$(PY) manage.py spectacular --file var/openapi.yaml --validate --fail-on-warn
	@diff -q var/openapi.yaml docs/openapi.yaml >/dev/null || { echo "docs/openapi.yaml is out of date: run 'make schema'"; exit 1; }

# --- Security scans: bandit on our code; pip-audit on every locked package (advisories from PyPI) ---
security: setup
	$(VENV)/bin/bandit -c pyproject.toml -r tuksuk -q
	@mkdir -p var && $(VENV)/bin/uv export --frozen --no-hashes --no-emit-project --format requirements-txt --quiet > var/requirements-audit.txt
	$(VENV)/bin/pip-audit -r var/requirements-audit.txt --no-deps --disable-pip --progress-spinner off

# --- Benchmarks (issue #9): ratios against the machine's own limits, on the PostgreSQL at 127.0.0.1:5432 ---
BENCH_SCALE ?= small
bench: setup
	@pg_isready -h 127.0.0.1 -p 5432 -q || { echo "make bench needs PostgreSQL on 127.0.0.1:5432"; exit 1; }
	@command -v wrk >/dev/null || { $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq wrk; }
	$(PY) -m bench --scale $(BENCH_SCALE) $(BENCH_ARGS)

# --- Load and fault test (issue #8): locust on loopback against gunicorn on a fresh PostgreSQL database;
#     LOADTEST_ARGS="--faults" cuts PostgreSQL and Redis mid-load through a local proxy (see loadtest/README.md) ---
loadtest: setup
	$(PY) loadtest/run.py $(LOADTEST_ARGS)

schema: setup
	$(PY) manage.py spectacular --file docs/openapi.yaml --validate --fail-on-warn

format: setup
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

clean:
	rm -rf $(VENV) node_modules var/assets var/static
