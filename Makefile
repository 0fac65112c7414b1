# PAT: `make run` to try it, `make test` to test it. `make help` lists the rest.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DEV := PAT_DEBUG=1

.DEFAULT_GOAL := help
.PHONY: help run serve test test-sqlite test-postgres lint fmt typecheck bench check lock messages

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

$(BIN)/pat: pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(BIN)/pat

var/.demo-loaded: | $(BIN)/pat
	mkdir -p var
	$(DEV) $(BIN)/pat migrate --noinput
	$(DEV) $(BIN)/pat demo --quiet
	touch $@

run: $(BIN)/pat var/.demo-loaded ## install, migrate SQLite under var/, load demo data once, serve :8000
	$(DEV) $(BIN)/pat migrate --noinput
	@$(DEV) $(BIN)/pat demo --users
	@# The task worker (review emails) and the reminder sweep run beside the server
	@# and stop with it; in development the emails are written to var/worker.log.
	@echo "Emails sent by PAT (console backend) go to var/worker.log."
	@$(DEV) $(BIN)/pat db_worker >> var/worker.log 2>&1 & worker=$$!; \
	$(DEV) $(BIN)/pat review_reminders --every 3600 >> var/worker.log 2>&1 & reminders=$$!; \
	$(DEV) $(BIN)/pat network_reminders --every 3600 >> var/worker.log 2>&1 & network=$$!; \
	$(DEV) $(BIN)/pat report_reminders --every 3600 >> var/worker.log 2>&1 & reports=$$!; \
	trap 'kill $$worker $$reminders $$network $$reports 2>/dev/null' EXIT INT TERM; \
	$(DEV) $(BIN)/pat serve

test: $(BIN)/pat ## the whole suite: SQLite, then PostgreSQL when PAT_TEST_DATABASE_URL is set
	@# With PostgreSQL at hand its own tests run there, not skipped on SQLite: nothing skips in CI.
	@if [ -n "$$PAT_TEST_DATABASE_URL" ]; then $(BIN)/pytest -q -m "not postgres"; else $(BIN)/pytest -q; fi
	@if [ -n "$$PAT_TEST_DATABASE_URL" ]; then \
		echo "== the database tests again on PostgreSQL"; \
		DATABASE_URL="$$PAT_TEST_DATABASE_URL" $(BIN)/pytest -q -m "not browser" --ignore=tests/terminology; \
	elif [ "$$CI" = "true" ]; then echo "CI needs PAT_TEST_DATABASE_URL (PostgreSQL)"; exit 1; \
	else echo "(PostgreSQL run skipped: set PAT_TEST_DATABASE_URL=postgres://... to run it)"; fi

lint: $(BIN)/pat ## ruff
	$(BIN)/ruff check .
	$(BIN)/ruff format --check pat tests bench

fmt: $(BIN)/pat ## format the code
	$(BIN)/ruff format pat tests bench
	$(BIN)/ruff check --fix .

typecheck: $(BIN)/pat ## mypy
	$(DEV) $(BIN)/mypy pat

bench: $(BIN)/pat ## run the benchmarks in bench/
	for b in bench/*.py; do echo "== $$b"; $(DEV) $(BIN)/python $$b || exit 1; done

check: lint typecheck test ## everything CI checks, and the linters

lock: ## refresh requirements.lock from pyproject.toml in a scratch environment
	rm -rf /tmp/pat-lock && $(PYTHON) -m venv /tmp/pat-lock
	/tmp/pat-lock/bin/pip install --quiet ".[dev]"
	/tmp/pat-lock/bin/pip freeze --exclude pat > requirements.lock

messages: $(BIN)/pat ## compile translations (needs GNU gettext)
	cd pat && $(DEV) ../$(BIN)/django-admin compilemessages --settings=pat.settings
