#!/usr/bin/env bash
# Create or refresh .venv. Usage: scripts/bootstrap.sh [base|dev]
# The virtualenv is reused while pyproject.toml is unchanged (a stamp holds its hash), so a second
# `make run` starts in seconds.
set -euo pipefail
cd "$(dirname "$0")/.."
flavour=${1:-base}
case $flavour in
  base) extras="" ;;
  dev) extras="[dev,e2e]" ;;
  *) echo "bootstrap: unknown flavour '$flavour' (base or dev)" >&2; exit 2 ;;
esac

python=${PYTHON:-python3}
if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
  echo "skillsnet needs Python 3.11 or newer; '$python' is $("$python" --version 2>&1 || echo missing)." >&2
  exit 1
fi

hash=$(sha256sum pyproject.toml | cut -c1-16)
stamp=".venv/.installed-$flavour-$hash"
if [[ -f $stamp ]]; then
  exit 0
fi
if [[ ! -x .venv/bin/python ]]; then
  echo "==> creating .venv"
  "$python" -m venv .venv
fi
echo "==> installing skillsnet$extras into .venv (once per change of pyproject.toml)"
.venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e ".$extras"
rm -f .venv/.installed-"$flavour"-*
touch "$stamp"
# A dev install is also a base install.
if [[ $flavour == dev ]]; then rm -f .venv/.installed-base-*; touch ".venv/.installed-base-$hash"; fi
