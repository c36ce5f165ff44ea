#!/usr/bin/env bash
# ensure-debian.sh BINARY "WHAT NEEDS IT" PACKAGE...
# Tests that drive a Debian program (Chromium for the browser tests, LibreOffice for the
# workbook print test, ...) call this first: it installs the packages when BINARY is missing
# and installing is possible (root, or password-less sudo). Outside CI it says clearly why
# those tests will skip; under CI=true a missing program is an error (they never skip on CI).
# APT_OPTS: extra apt-get install options (e.g. --no-install-recommends).
set -uo pipefail
binary=$1 purpose=$2
shift 2
if [ -x "$binary" ]; then exit 0; fi
case "${CI:-}" in 1|true|TRUE|True|yes) on_ci=1 ;; *) on_ci=0 ;; esac
install() {
  echo "Installing Debian's $* for $purpose…"
  "${sudo[@]}" apt-get update -qq && "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -qq ${APT_OPTS:-} "$@" >/dev/null
}
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  sudo=() ; install "$@" || why="apt-get could not install $*"
elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
  sudo=(sudo) ; install "$@" || why="sudo apt-get could not install $*"
else
  why="$binary is missing and cannot be installed here (not root)"
fi
if [ -x "$binary" ]; then exit 0; fi
why=${why:-"$* installed but $binary is still missing"}
if [ "$on_ci" = 1 ]; then
  echo "ERROR: $why; CI=true needs $purpose." >&2
  exit 1
fi
echo "WARNING: $why; $purpose will be skipped."
exit 0
