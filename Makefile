# Zicht — the two commands: `make run` and `make test`. Everything else is optional.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
ZICHT := $(BIN)/zicht
STAMP := $(VENV)/.installed
export ZICHT_HOME := $(CURDIR)

.PHONY: run test test-fast check lint format types imports migrations serve bench clean venv chromium worker

$(STAMP): pyproject.toml constraints.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev]'
	@touch $(STAMP)

venv: $(STAMP)

## make run: fresh clone -> venv, migrate, demo data, task worker, server on http://127.0.0.1:8000
run: $(STAMP)
	@scripts/ensure-debian-packages.sh run
	@mkdir -p var
	@ZICHT_DEMO=1 $(ZICHT) migrate --noinput -v 0
	@ZICHT_DEMO=1 $(ZICHT) demo-data --als-leeg
	@ZICHT_DEMO=1 $(ZICHT) demo-logins
	@ZICHT_DEMO=1 scripts/run-dev.sh

## make test: the whole suite (browser tests included) on SQLite
test: $(STAMP) chromium
	$(BIN)/pytest -p no:cacheprovider -q

test-fast: $(STAMP)
	$(BIN)/pytest -q -m "not browser"

chromium:
	@scripts/ensure-debian-packages.sh test

## make check: lint, formatting, types, import rules, migrations
check: lint types imports migrations

lint: $(STAMP)
	$(BIN)/ruff check src bench
	$(BIN)/ruff format --check src bench

format: $(STAMP)
	$(BIN)/ruff check --fix src bench
	$(BIN)/ruff format src bench

types: $(STAMP)
	$(BIN)/mypy $$(ls -d src/zicht/*/domain)

imports: $(STAMP)
	cd src && ../$(BIN)/lint-imports ../pyproject.toml

migrations: $(STAMP)
	DJANGO_SETTINGS_MODULE=zicht.conf.test $(ZICHT) makemigrations --check --dry-run

## make serve: production settings with gunicorn (needs DATABASE_URL, SECRET_KEY, ALLOWED_HOSTS)
serve: $(STAMP)
	DJANGO_SETTINGS_MODULE=zicht.conf.production $(ZICHT) migrate --noinput
	DJANGO_SETTINGS_MODULE=zicht.conf.production $(ZICHT) collectstatic --noinput -v 0
	DJANGO_SETTINGS_MODULE=zicht.conf.production $(BIN)/gunicorn zicht.conf.wsgi:application \
		--bind $${BIND:-127.0.0.1:8000} --workers $${WEB_CONCURRENCY:-3} --access-logfile - 

worker: $(STAMP)
	$(ZICHT) db_worker

## make bench: benchmarks (never in CI); needs PostgreSQL on 127.0.0.1:5432
bench: $(STAMP)
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
