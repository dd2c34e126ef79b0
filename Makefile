# duban: `make run` to try it, `make test` to check it. Both set everything up first and are safe to repeat.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PYTEST := $(BIN)/pytest
HOST ?= 127.0.0.1:8000

.PHONY: setup run test lint test-sqlite test-postgres test-browser bench messages clean

setup: $(VENV)/.installed node_modules/.installed

$(VENV)/.installed: requirements.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# The demo plan ran from October to December 2019: the demo runs on its own time (DUBAN_TODAY).
DEMO_TODAY ?= 2019-11-20

run: setup
	$(BIN)/duban migrate --noinput
	DUBAN_TODAY=$(DEMO_TODAY) $(BIN)/duban demo
	DUBAN_TODAY=$(DEMO_TODAY) $(BIN)/duban runserver $(HOST)

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test-sqlite: setup
	$(PYTEST) -n auto -m "not browser"

# Runs only when DUBAN_TEST_DATABASE_URL points at a PostgreSQL server (.ci/run sets it).
test-postgres: setup
	@if [ -n "$$DUBAN_TEST_DATABASE_URL" ]; then \
		echo "== the suite on PostgreSQL"; \
		DATABASE_URL="$$DUBAN_TEST_DATABASE_URL" $(PYTEST) -n auto -m "not browser and not corpus"; \
	else echo "== PostgreSQL skipped: set DUBAN_TEST_DATABASE_URL=postgres://user@host:5432/dbname"; fi

test-browser: setup
	$(PYTEST) -n auto -m browser

test: lint test-sqlite test-postgres test-browser

bench: setup
	$(BIN)/python bench/extract_bench.py
	$(BIN)/python bench/import_bench.py

messages: setup
	cd duban && ../$(BIN)/django-admin makemessages -l en --settings=duban.settings --pythonpath=.. -i "extract/*"
	cd duban && ../$(BIN)/django-admin compilemessages --settings=duban.settings --pythonpath=..

clean:
	rm -rf $(VENV) node_modules
