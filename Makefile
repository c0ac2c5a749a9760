# Two commands for a newcomer: `make serve` and `make test`. Everything they need is
# installed from requirements*.txt into .venv; nothing is installed by hand.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
CHROMIUM_PATH ?= /usr/bin/chromium
export CHROMIUM_PATH

.PHONY: serve test setup lint audit bench profile screenshots cluster-test lighthouse messages clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.runtime-installed: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev-installed: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@ $(VENV)/.runtime-installed

## Set up the embedded SQLite database with demo content and collected static files.
setup: $(VENV)/.runtime-installed
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py setup_roles
	$(BIN)/python manage.py load_demo_content
	$(BIN)/python manage.py rebuild_search_index
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0

## Run the site on http://127.0.0.1:$(PORT) with gunicorn, DEBUG off, and the task
## worker that sends emails beside it (both stop with Ctrl-C).
serve: setup
	@echo ""
	@echo "  GoBroad site: http://127.0.0.1:$(PORT)/"
	@echo "  Admin:        http://127.0.0.1:$(PORT)/$${DJANGO_ADMIN_URL:-admin/}"
	@echo "  Create an admin account (in another terminal): $(BIN)/python manage.py createsuperuser"
	@echo ""
	@$(BIN)/python manage.py db_worker --queue-name '*' & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	PORT=$(PORT) $(BIN)/gunicorn -c gunicorn.conf.py gobroad_site.wsgi

## Lint, the one-way architecture, Django checks, migration check and the whole pytest
## suite (browser tests included) on SQLite, then all but the browser tests on PostgreSQL
## when one answers at $(TEST_POSTGRES) (CI always has one): what a browser sees does not
## depend on the database, and running them twice took make test past ten minutes.
TEST_POSTGRES ?= postgres://root@127.0.0.1:5432/postgres
test: $(VENV)/.dev-installed
	@$(MAKE) --no-print-directory browser servers
	$(BIN)/ruff check .
	$(BIN)/lint-imports --no-cache
	DJANGO_SETTINGS_MODULE=gobroad_site.settings.test $(BIN)/python manage.py check
	DJANGO_SETTINGS_MODULE=gobroad_site.settings.test $(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/pytest -q -n 2
	@if $(BIN)/python -c "import psycopg; psycopg.connect('$(TEST_POSTGRES)', connect_timeout=3).close()" 2>/dev/null; then \
		echo "DATABASE_URL=$(TEST_POSTGRES) $(BIN)/pytest -q -n 2 -m 'not browser and not own_server'"; \
		DATABASE_URL=$(TEST_POSTGRES) $(BIN)/pytest -q -n 2 -m 'not browser and not own_server'; \
	else \
		echo "No PostgreSQL at $(TEST_POSTGRES): the suite ran on SQLite only (set TEST_POSTGRES to use one)."; \
	fi

# Debian's packages the tests use, installed only when missing and we are root: Chromium
# for the browser tests, a Chinese font so that they see real glyphs, and gettext, whose
# xgettext the catalogue test runs.
TEST_PACKAGES := chromium fonts-wqy-microhei gettext
.PHONY: browser
browser:
	@missing=""; for package in $(TEST_PACKAGES); do \
		dpkg -s $$package >/dev/null 2>&1 || missing="$$missing $$package"; done; \
	if [ -z "$$missing" ]; then :; \
	elif [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null; then \
		echo "Installing Debian's$$missing for the tests..."; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	else \
		echo "Missing$$missing and not root: the tests that need them will be skipped."; \
	fi

# Debian's nginx (with its Brotli module for precompressed static files) for `make test`,
# `make cluster-test` and `make bench`; installed only when missing and we are root.
SERVER_PACKAGES := nginx libnginx-mod-http-brotli-static
.PHONY: servers
servers:
	@missing=""; for package in $(SERVER_PACKAGES); do \
		dpkg -s $$package >/dev/null 2>&1 || missing="$$missing $$package"; done; \
	if [ -z "$$missing" ]; then :; \
	elif [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null; then \
		echo "Installing Debian's$$missing..."; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
		service nginx stop >/dev/null 2>&1 || true; \
	else \
		echo "Missing$$missing and not root: the nginx tests will be skipped."; \
	fi

# Debian's wrk for `make bench`; installed only when missing and we are root.
.PHONY: wrk
wrk:
	@if command -v wrk >/dev/null; then :; \
	elif [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null; then \
		echo "Installing Debian's wrk for the benchmark..."; \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null) \
			|| echo "Could not install wrk: make bench needs it."; \
	else \
		echo "wrk not found and not root: install Debian's wrk for make bench."; \
	fi

## The production shape on this machine, proven: three gunicorn app servers on PostgreSQL,
## Redis and an S3 bucket (moto), the task workers and nginx with deploy/nginx/; prints a
## table of what each check measured (bench/cluster_test.py). Needs PostgreSQL at 127.0.0.1:5432.
cluster-test: $(VENV)/.dev-installed servers
	$(BIN)/python -m bench.cluster_test

## Throughput and latency of the site as `make serve` runs it, on a copy of the demo
## database (BENCH_SECONDS per URL, default 10). Numbers go to bench/results/.
bench: setup wrk
	$(BIN)/python -m bench.run

## Where a rendered page's time goes, in-process on a copy of the demo database: ms and SQL
## queries per request for each page `make bench` loads (bench/profile.py; PROFILE_ARGS='--cold',
## '--top 40 /en/consult/').
profile: setup
	$(BIN)/python -m bench.profile $(PROFILE_ARGS)

## Every page type at 390 and 1,280 px in each language, as PNGs in bench/screenshots/.
screenshots: $(VENV)/.dev-installed setup browser
	$(BIN)/python -m bench.screenshots

## Lighthouse scores (mobile) for the main pages; needs Node 20, npm access and Chromium.
lighthouse: setup browser
	CHROME_PATH=$(CHROMIUM_PATH) $(BIN)/python -m bench.lighthouse

## After changing interface text: gather it into locale/*/django.po, then (once
## translated) compile the .mo files, which are committed as Django itself does.
messages: $(VENV)/.dev-installed browser
	DJANGO_SETTINGS_MODULE=gobroad_site.settings.test $(BIN)/python manage.py makemessages -l zh_Hans -l ru \
		--add-location=file --ignore=.venv --ignore=tests --ignore=bench --ignore=staticfiles
	DJANGO_SETTINGS_MODULE=gobroad_site.settings.test $(BIN)/python manage.py compilemessages \
		--ignore=.venv

# pip-audit from requirements-audit.txt, only when the advisory service answers.
$(VENV)/.audit-installed: requirements-audit.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-audit.txt
	touch $@

## Known vulnerabilities in the pinned requirements (skipped, exit 0, when the
## advisory service cannot be reached; a vulnerability found exits non-zero).
audit: | $(BIN)/python
	@$(BIN)/python -m bench.audit_service; status=$$?; \
	if [ $$status -eq 3 ]; then exit 0; elif [ $$status -ne 0 ]; then exit $$status; fi; \
	$(MAKE) --no-print-directory $(VENV)/.audit-installed && \
	$(BIN)/pip-audit -r requirements.txt --strict

clean:
	rm -rf $(VENV) staticfiles .pytest_cache
