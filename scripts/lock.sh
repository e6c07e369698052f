#!/usr/bin/env bash
# `make upgrade`: resolve pyproject.toml again and rewrite requirements/*.lock, with a hash for every file.
# Each lock holds the redis extra too (production with REDIS_URL). Each lock is universal (any platform, Python 3.11 and newer); scripts/bootstrap.sh installs from them
# with `pip --require-hashes`, so a changed lock is the only way a dependency version moves.
# Usage: scripts/lock.sh [--upgrade | --upgrade-package NAME ...]   (no argument: keep the pins, add what's new)
set -euo pipefail
cd "$(dirname "$0")/.."
uv=${UV:-.venv/bin/uv}
if [[ ! -x $uv ]]; then
  echo "lock: $uv is missing; run 'make install' first (uv comes with the dev extra)." >&2
  exit 1
fi
compile() {
  local out=$1; shift
  "$uv" pip compile pyproject.toml requirements/build.in "$@" \
    --universal --python-version 3.11 --generate-hashes --quiet \
    --custom-compile-command "make upgrade" -o "requirements/$out" "${extra_args[@]}"
}
# The largest set first; each smaller lock is then held to its pins, so a package has one version in all three.
extra_args=("$@")
compile load.lock --extra redis --extra dev --extra e2e --extra load
extra_args=(--constraint requirements/load.lock)
compile dev.lock --extra redis --extra dev --extra e2e
compile base.lock --extra redis
echo "lock: wrote requirements/base.lock, dev.lock and load.lock; review 'git diff requirements/' and run the tests."
