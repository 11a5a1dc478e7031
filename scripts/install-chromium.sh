#!/usr/bin/env bash
# Debian's Chromium for the e2e tests (test/e2e), installed only when /usr/bin/chromium is missing.
# Needs root (CI runs as root). Nothing downloads a browser of its own: playwright-core drives this one.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "install-chromium.sh: /usr/bin/chromium is missing and installing it needs root (apt-get install -y chromium)." >&2
  exit 1
fi
apt-get update
apt-get install -y chromium
/usr/bin/chromium --version
