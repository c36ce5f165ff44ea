#!/usr/bin/env bash
# Browser tests drive Debian's Chromium (Playwright cannot download browsers here).
exec "$(dirname "$0")/ensure-debian.sh" "${PAUTA_CHROMIUM:-/usr/bin/chromium}" \
  "the browser tests" chromium fonts-liberation
