# Fuyuan: `make run` (set up, load the demo, serve) and `make test` (set up, run every test).
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
# The first Python >= 3.12 found: pyenv's 3.13 (see .python-version), then python3.13 / python3.12 on PATH.
PYTHON ?= $(shell for c in python3.13 python3.12 python3; do \
	p=$$(command -v $$c 2>/dev/null) || continue; \
	$$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null && { echo $$p; break; }; done)
HOST ?= 127.0.0.1
PORT ?= 8000
# pytest-xdist workers: one per core.
JOBS ?= auto

.PHONY: install run test test-quick bench loadtest lint messages clean

$(VENV)/.installed: pyproject.toml
	@test -n "$(PYTHON)" || { echo "Python 3.12 or newer is required"; exit 1; }
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test]"
	@touch $@

install: $(VENV)/.installed

$(VENV)/.bench: $(VENV)/.installed
	$(PY) -m pip install --quiet -e ".[test,bench]"
	@touch $@

run: install
	DEBUG=true $(PY) manage.py migrate --noinput
	DEBUG=true $(PY) manage.py load_demo
	@echo "Fuyuan: http://$(HOST):$(PORT)/  (demo accounts above, password Fuyuan#2024)"
	@# The outbox worker (django-tasks-db) runs in the background and stops with the server.
	export DEBUG=true SITE_URL=http://$(HOST):$(PORT); \
	$(PY) manage.py db_worker --interval 2 & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(PY) manage.py runserver $(HOST):$(PORT)

test: install
	$(PY) -m pytest -n $(JOBS)

# The benchmark (figures in the README) and the load test against gunicorn on PostgreSQL (DATABASE_URL).
bench: $(VENV)/.bench
	$(PY) manage.py bench_ledger $(BENCH_ARGS)

loadtest: $(VENV)/.bench
	$(PY) loadtest/run_load.py $(LOADTEST_ARGS)

test-quick: install
	$(PY) -m pytest -m "not browser" -x -q

lint: install
	$(VENV)/bin/ruff check .

messages: install
	$(PY) manage.py makemessages -l zh_Hans --ignore=.venv --ignore=staticfiles
	$(PY) manage.py compilemessages -l zh_Hans --ignore=.venv

clean:
	rm -rf $(VENV) staticfiles .pytest_cache
