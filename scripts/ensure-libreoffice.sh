#!/usr/bin/env bash
# The KPI workbook test converts the workbook with LibreOffice headless and counts the
# summary's printed pages.
APT_OPTS=--no-install-recommends exec "$(dirname "$0")/ensure-debian.sh" "${PAUTA_SOFFICE:-/usr/bin/soffice}" \
  "the workbook print test" libreoffice-calc-nogui
