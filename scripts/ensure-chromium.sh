#!/usr/bin/env bash
# Make sure Debian's Chromium is installed for the browser tests; install it with apt when missing.
# Fails loudly (exit 1 with a sentence) rather than letting the browser tests be skipped.
set -euo pipefail
if [[ -x ${SKILLSNET_CHROMIUM:-/usr/bin/chromium} ]]; then exit 0; fi
if [[ $(id -u) -ne 0 ]]; then
  echo "The browser tests need Chromium: run 'sudo apt-get install chromium chromium-driver' (not root here, so cannot install it)." >&2
  exit 1
fi
echo "==> installing Debian's chromium and chromium-driver for the browser tests"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null
apt-get install -y -qq --no-install-recommends chromium chromium-driver >/dev/null
[[ -x /usr/bin/chromium ]] || { echo "apt-get finished but /usr/bin/chromium is missing: the browser tests cannot run." >&2; exit 1; }
