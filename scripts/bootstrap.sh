#!/usr/bin/env bash
# Create or refresh .venv from the lockfile. Usage: scripts/bootstrap.sh [base|dev|load]
#   base: what the service needs, with the redis extra (`make run`, production)   -> requirements/base.lock
#   dev:  base + the dev and e2e extras (`make test`, `make install`, CI)   -> requirements/dev.lock
#   load: dev + the load extra, locust (`make load`)   -> requirements/load.lock
# Every package comes pinned with its hashes (`pip --require-hashes`); skillsnet itself is then installed
# editable without dependencies. `make upgrade` rewrites the locks (docs/decisions/0008-locked-installs.md).
# The virtualenv is reused while the lock and pyproject.toml are unchanged (a stamp holds their hash), so a
# second `make run` starts in seconds.
set -euo pipefail
cd "$(dirname "$0")/.."
flavour=${1:-base}
case $flavour in
  base | dev | load) lock=requirements/$flavour.lock ;;
  *) echo "bootstrap: unknown flavour '$flavour' (base, dev or load)" >&2; exit 2 ;;
esac

python=${PYTHON:-python3}
if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
  echo "skillsnet needs Python 3.11 or newer; '$python' is $("$python" --version 2>&1 || echo missing)." >&2
  exit 1
fi

stamp_of() { echo ".venv/.installed-$1-$(cat pyproject.toml "requirements/$1.lock" | sha256sum | cut -c1-16)"; }
stamp=$(stamp_of "$flavour")
# A larger flavour installed from the same locks already holds this one.
case $flavour in
  base) holders=(base dev load) ;;
  dev) holders=(dev load) ;;
  load) holders=(load) ;;
esac
for f in "${holders[@]}"; do
  if [[ -f $(stamp_of "$f") ]]; then exit 0; fi
done
if [[ ! -x .venv/bin/python ]]; then
  echo "==> creating .venv"
  "$python" -m venv .venv
fi
echo "==> installing $lock into .venv (once per change of the lock or pyproject.toml)"
pip=(.venv/bin/python -m pip --disable-pip-version-check)
"${pip[@]}" install --quiet --require-hashes -r "$lock"
"${pip[@]}" install --quiet --no-deps --no-build-isolation -e .
rm -f .venv/.installed-*
touch "$stamp"
