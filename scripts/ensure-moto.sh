#!/usr/bin/env bash
# The media bank's storage test runs against moto's standalone S3 server (moto[server]).
# moto needs boto3/botocore, which cap python-dateutil below 3 while Pauta pins 4.0, so the
# server lives in its own virtualenv (~/.cache/pauta/moto-venv), never in Pauta's. Idempotent; prints
# the path of moto_server. Exits 1 when it cannot be installed (the test then fails).
set -euo pipefail

# Outside the checkout: tests that read the source tree must not find moto's own files.
VENV=${PAUTA_MOTO_VENV:-${XDG_CACHE_HOME:-$HOME/.cache}/pauta/moto-venv}
VERSION=5.2.5
PYTHON=${PYTHON:-python3.11}
if [ -x "$VENV/bin/moto_server" ] && "$VENV/bin/python" -c "import moto, sys; sys.exit(moto.__version__ != '$VERSION')" 2>/dev/null; then
  echo "$VENV/bin/moto_server"; exit 0
fi
command -v "$PYTHON" >/dev/null || PYTHON=python3
echo "Installing moto[server]==$VERSION into $VENV for the S3 storage test…" >&2
"$PYTHON" -m venv "$VENV" >&2
"$VENV/bin/pip" install --quiet --disable-pip-version-check "moto[server]==$VERSION" >&2
echo "$VENV/bin/moto_server"
