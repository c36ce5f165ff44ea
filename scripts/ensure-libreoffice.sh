#!/usr/bin/env bash
# The KPI workbook test converts the workbook with LibreOffice headless (Debian's
# libreoffice-calc-nogui) and counts the summary's printed pages. Install it when missing
# and possible. Outside CI, say clearly why that test will skip; under CI=true a missing
# LibreOffice is an error (the test never skips on CI).
set -uo pipefail
SOFFICE=${PAUTA_SOFFICE:-/usr/bin/soffice}
if [ -x "$SOFFICE" ]; then exit 0; fi
case "${CI:-}" in 1|true|TRUE|True|yes) on_ci=1 ;; *) on_ci=0 ;; esac
install() {
  echo "Installing Debian's libreoffice-calc-nogui for the workbook test…"
  "$@" apt-get update -qq && "$@" env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -qq --no-install-recommends libreoffice-calc-nogui >/dev/null
}
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  install || why="apt-get could not install libreoffice-calc-nogui"
elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
  install sudo || why="sudo apt-get could not install libreoffice-calc-nogui"
else
  why="$SOFFICE is missing and cannot be installed here (not root)"
fi
if [ -x "$SOFFICE" ]; then exit 0; fi
why=${why:-"LibreOffice was installed but $SOFFICE is still missing (set PAUTA_SOFFICE)"}
if [ "$on_ci" = 1 ]; then
  echo "ERROR: $why; CI=true needs the workbook print test." >&2
  exit 1
fi
echo "WARNING: $why; the workbook print test will be skipped."
exit 0
