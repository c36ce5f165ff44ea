#!/usr/bin/env bash
# Browser tests drive Debian's Chromium (Playwright cannot download browsers here).
# Install it when missing and possible; otherwise say clearly why the browser tests will skip.
set -uo pipefail
CHROMIUM=${PAUTA_CHROMIUM:-/usr/bin/chromium}
if [ -x "$CHROMIUM" ]; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "Installing Debian's chromium for the browser tests…"
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-liberation >/dev/null) \
    || echo "WARNING: apt-get could not install chromium; browser tests will be skipped."
elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
  (sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-liberation >/dev/null) \
    || echo "WARNING: could not install chromium; browser tests will be skipped."
else
  echo "WARNING: $CHROMIUM is missing and cannot be installed here (not root); browser tests will be skipped."
fi
exit 0
