# SafeHarbor: `make demo` serves a synthetic demo agency; `make test` runs every check.
# Works on a machine with Python 3.11+, Node.js 20+ and make; everything else is installed here.

SHELL := /bin/bash
.DEFAULT_GOAL := help
PORT ?= 8000
# pytest-xdist processes for `make test`: one per CPU core by default; 0 runs the suite in this process
PYTEST_WORKERS ?= auto
PYTHON ?= python3
UV := $(shell command -v uv 2>/dev/null || echo .tools/bin/uv)
BIN := .venv/bin
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
DEMO_ENV := SAFEHARBOR_ENV=development

.PHONY: help install demo serve test check pytest bench chromium clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

.tools/bin/uv:
	@echo "uv not found: installing it into .tools/ with pip"
	$(PYTHON) -m venv .tools
	.tools/bin/pip install --quiet --disable-pip-version-check uv

.venv/.installed: pyproject.toml uv.lock | $(UV)
	$(UV) sync --frozen --quiet
	@touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

install: .venv/.installed node_modules/.installed ## Install Python and front-end packages from the lock files

chromium: ## Install Debian's Chromium for the browser tests if it is missing
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Installing Debian's chromium for the browser tests"; \
	  $(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

demo: install ## Create var/safeharbor.sqlite3, load the demo agency, serve on http://127.0.0.1:$(PORT) with the escalation worker beside it
	@mkdir -p var
	$(DEMO_ENV) $(BIN)/python manage.py migrate --noinput -v 0
	$(DEMO_ENV) $(BIN)/python manage.py safeharbor demo
	@echo "SafeHarbor demo: http://127.0.0.1:$(PORT)/  (Ctrl-C stops the server and the escalation worker)"
	@echo "The escalation worker tells owners, supervisors and program administrators every 30 s; e-mails print here."
	$(DEMO_ENV) $(BIN)/safeharbor demo-serve --port $(PORT) --interval 30

serve: install ## Serve with gunicorn as production does (set its environment first: docs/production.md)
	$(BIN)/gunicorn -c deploy/gunicorn.conf.py

check: install ## Static checks: ruff, mypy over all of src/ (django-stubs), import-linter contracts
	$(BIN)/ruff check --quiet .
	$(BIN)/mypy
	$(BIN)/lint-imports --no-cache

pytest: install chromium ## The pytest suite alone (DATABASE_URL picks the database; PYTEST_WORKERS=0 runs it in one process)
	$(BIN)/pytest -q -n $(PYTEST_WORKERS) --dist loadfile

test: check pytest ## Everything CI runs against one database

bench: install ## Benchmarks (speed goals are measured here, never in the test suite)
	$(BIN)/python -m bench

clean: ## Remove installed packages and the demo database
	rm -rf .venv node_modules .tools var/*.sqlite3* var/static
