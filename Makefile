# skillsnet — `make help` lists every target.
.DEFAULT_GOAL := help
SHELL := /bin/bash
BIN := .venv/bin

.PHONY: help run test lint e2e bench eval sentence-model install upgrade clean faults load load-compare

help: ## Show this help
	@grep -E '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  make %-8s %s\n", $$1, $$2}'

install: ## Create .venv from requirements/dev.lock: skillsnet with its development tools
	@scripts/bootstrap.sh dev

upgrade: ## Resolve the dependencies again: rewrite requirements/*.lock (newest allowed versions), then reinstall
	@scripts/bootstrap.sh dev
	@scripts/lock.sh --upgrade
	@scripts/bootstrap.sh dev

run: ## Install, migrate, load the dataset and ESCO, serve http://127.0.0.1:8000 (SQLite, no other service)
	@scripts/bootstrap.sh base
	@scripts/run.sh

test: ## Lint, type-check, run the suite on SQLite and PostgreSQL, then the browser tests
	@scripts/test.sh

lint: ## ruff, mypy and import-linter only
	@scripts/bootstrap.sh dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports --no-cache

e2e: ## Browser tests only (installs Debian's Chromium when missing)
	@scripts/bootstrap.sh dev
	@scripts/ensure-chromium.sh
	SKILLSNET_ENV=test $(BIN)/pytest tests/e2e -m e2e -q

# The ESCO export for the benchmarks that need it: $ESCO_DIR, else the copy shipped in data/esco.
ESCO_DIR ?= data/esco

bench: ## Benchmarks (not timed tests): prints figures for docs/PERFORMANCE.md
	@scripts/bootstrap.sh dev
	@set -e; for f in tests/bench/bench_*.py; do echo "==> $$f"; ESCO_DIR="$(ESCO_DIR)" SKILLSNET_ENV=test $(BIN)/python $$f; done

eval: ## The Converter and CV reader on labelled data (dev and test parts, beside a naive baseline)
	@scripts/bootstrap.sh dev
	ESCO_DIR="$(ESCO_DIR)" $(BIN)/python -m tests.eval.run_eval

sentence-model: ## Train the CV reader's sentence model on the dev sets only: rewrite data/cv_sentence_model.npz (~5 min)
	@scripts/bootstrap.sh dev
	$(BIN)/python -m tests.eval.sentence_model

faults: ## Fault drill (root, local PostgreSQL): database restart, killed worker, hostile uploads, shared limits; exits 1 on a failed check
	@scripts/bootstrap.sh dev
	$(BIN)/python scripts/faults.py

# `make load TARGET=scaleout`: the same scenario through nginx to two gunicorn groups (scripts/scaleout.sh).
TARGET ?= single

load: ## Load test: 200 locust users against gunicorn + PostgreSQL for ~75 s (TARGET=scaleout: nginx, 2 groups, Redis)
	@scripts/bootstrap.sh load
	@LOAD_TARGET=$(TARGET) scripts/load.sh

load-compare: ## The load test on 3ba65df, then on this checkout, back to back; both side by side per endpoint
	@scripts/bootstrap.sh load
	@scripts/load-compare.sh

clean: ## Remove the virtualenv and local data (var/)
	rm -rf .venv var
