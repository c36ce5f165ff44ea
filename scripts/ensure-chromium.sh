#!/usr/bin/env bash
# Browser tests drive Debian's Chromium (Playwright cannot download browsers here).
# Install it when missing and possible. Outside CI, say clearly why the browser tests will
# skip; under CI=true a missing Chromium is an error (the browser tests never skip on CI).
set -uo pipefail
CHROMIUM=${PAUTA_CHROMIUM:-/usr/bin/chromium}
if [ -x "$CHROMIUM" ]; then exit 0; fi
case "${CI:-}" in 1|true|TRUE|True|yes) on_ci=1 ;; *) on_ci=0 ;; esac
install() {
  echo "Installing Debian's chromium for the browser tests…"
  "$@" apt-get update -qq && "$@" env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -qq chromium fonts-liberation >/dev/null
}
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  install || why="apt-get could not install chromium"
elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
  install sudo || why="sudo apt-get could not install chromium"
else
  why="$CHROMIUM is missing and cannot be installed here (not root)"
fi
if [ -x "$CHROMIUM" ]; then exit 0; fi
why=${why:-"chromium was installed but $CHROMIUM is still missing (set PAUTA_CHROMIUM)"}
if [ "$on_ci" = 1 ]; then
  echo "ERROR: $why; CI=true needs the browser tests." >&2
  exit 1
fi
echo "WARNING: $why; browser tests will be skipped."
exit 0
