#!/usr/bin/env bash
# `make test`: static checks, the suite on SQLite, again on PostgreSQL, then the browser tests.
# PostgreSQL: a fresh test database on 127.0.0.1:5432 (user postgres), created and dropped by pytest-django.
# Without a server the PostgreSQL pass is skipped with a plain message, unless SKILLSNET_REQUIRE_POSTGRES=1.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh dev
export SKILLSNET_ENV=test DJANGO_SETTINGS_MODULE=skillsnet.settings PYTHONDONTWRITEBYTECODE=1
bin=.venv/bin
mkdir -p var
start=$SECONDS
step() { printf '\n==> %s\n' "$*"; }

step "ruff (lint and format)"
$bin/ruff check .
$bin/ruff format --check .
step "mypy"
$bin/mypy
step "import-linter (the app layers, the pure engine, no cycles)"
$bin/lint-imports --no-cache
step "Django system checks and migrations"
$bin/skillsnet check --fail-level WARNING
$bin/skillsnet makemigrations --check --dry-run

workers=${PYTEST_WORKERS:-2}
step "pytest on SQLite"
$bin/pytest -m "not e2e" -n "$workers" --dist loadscope -q -p no:cacheprovider

pg_url=${POSTGRES_TEST_URL:-postgres://postgres@127.0.0.1:5432/skillsnet}
if $bin/python - "$pg_url" <<'PY' 2>/dev/null
import sys, psycopg
u = sys.argv[1].rsplit("/", 1)[0] + "/postgres"
psycopg.connect(u, connect_timeout=3).close()
PY
then
  step "pytest on PostgreSQL ($pg_url, test database created and dropped by the run)"
  DATABASE_URL=$pg_url $bin/pytest -m "not e2e" -n "$workers" --dist loadscope -q -p no:cacheprovider --create-db
else
  if [[ ${SKILLSNET_REQUIRE_POSTGRES:-0} == 1 ]]; then
    echo "FAILED: PostgreSQL is required (SKILLSNET_REQUIRE_POSTGRES=1) but nothing answers at $pg_url." >&2
    exit 1
  fi
  step "SKIPPED the PostgreSQL pass: no PostgreSQL server answers at $pg_url"
fi

step "browser tests (Playwright driving Debian's Chromium)"
scripts/ensure-chromium.sh
$bin/pytest tests/e2e -m e2e -q -p no:cacheprovider
printf '\nmake test finished in %ss\n' "$((SECONDS - start))"
