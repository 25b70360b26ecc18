# geoplan: the two commands are `make demo` and `make test` (see README.md).
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
SITES_CSV := fixtures/services/sites_from_public_sources.csv

.PHONY: demo test system system-browser install data serve lint format bench loadtest messages clean

# Prints the demo accounts' e-mails and passwords (scripts/serve_demo.sh) just before serving.
demo: system install data ## set up everything, serve the site on http://127.0.0.1:8000 with a worker
	HOST=$(HOST) PORT=$(PORT) bash scripts/serve_demo.sh

test: system-browser install ## set up everything, then run the whole test suite
	@test -x /usr/bin/chromium || $(VENV)/bin/playwright install --with-deps chromium
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) manage.py makemigrations --check --dry-run >/dev/null
	$(VENV)/bin/pytest

system:
	bash scripts/setup_system.sh

system-browser:
	bash scripts/setup_system.sh --browser

# Reinstalls only when pyproject.toml or constraints.txt changed since the last install.
install: $(VENV)/.installed node_modules/.installed

# The map's browser libraries, pinned in package-lock.json, copied to static/vendor/ (also
# committed, for machines without npm such as the Docker image).
node_modules/.installed: package.json package-lock.json
	@if command -v npm >/dev/null; then npm ci --no-audit --no-fund --loglevel=error && npm run --silent vendor && touch $@; \
	else echo "npm not found: serving the committed static/vendor/ as it is"; fi

$(VENV)/.installed: pyproject.toml constraints.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c constraints.txt -e '.[dev]'
	touch $@

data: install
	$(PY) manage.py migrate --noinput -v0
	$(PY) manage.py load_territory
	$(PY) manage.py load_indicators
	$(PY) manage.py import_sites $(SITES_CSV)
	$(PY) manage.py import_sites fixtures/services/sites_more_from_public_pages.csv
	$(PY) manage.py load_organisations
	$(PY) manage.py compute_access --profile standard
	$(PY) manage.py compute_access --profile slow

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

bench: system install data
	$(PY) bench/bench_access.py
	$(PY) bench/bench_synthetic.py
	$(PY) bench/bench_payloads.py
	$(PY) bench/bench_moderation.py
	$(PY) bench/bench_finder.py
	$(PY) bench/bench_finder_page.py
	$(PY) bench/bench_siting.py

# gunicorn (2 workers) on a free loopback port against DATABASE_URL (the demo database by
# default), 200 requests/s for 60 s over the map API (open-loop); prints p50/p95/p99.
loadtest: system install data
	$(PY) scripts/loadtest.py

# Needs GNU gettext (apt-get install gettext); the compiled .mo files are committed.
messages: install
	$(PY) manage.py makemessages -l it -l fr -l es -l ro -l ar -l zh_Hans --ignore=.venv --ignore=staticfiles --ignore=node_modules
	$(PY) manage.py compilemessages --ignore=.venv

clean:
	rm -rf $(VENV) .cache staticfiles .pytest_cache .ruff_cache
