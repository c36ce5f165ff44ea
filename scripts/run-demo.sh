#!/usr/bin/env bash
# Start the web server and the huey consumer together; Ctrl-C stops both.
# The banner (URL, sign-in page, demo logins) is printed once the server answers, so it is the
# last thing on the screen when the demo is ready.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}
HOST=${HOST:-127.0.0.1}
PORT=${PORT:-8000}
# The consumer's routine lines ("Executing …" every minute) would push the banner away.
export HUEY_LOG_LEVEL=${HUEY_LOG_LEVEL:-WARNING}
# 0.0.0.0 / :: listen everywhere; the browser still reaches them on this machine as 127.0.0.1.
case "$HOST" in 0.0.0.0|::|'[::]') URL_HOST=127.0.0.1 ;; *) URL_HOST=$HOST ;; esac
URL="http://$URL_HOST:$PORT"

# Before anything else prints: the banner's text (it needs Django, which takes a moment).
BANNER=$("$PY" manage.py demo_banner --url "$URL")

pids=()
stop() {
  trap - INT TERM EXIT
  echo
  echo "Stopping Pauta…"
  kill "${pids[@]}" 2>/dev/null || true
  wait "${pids[@]}" 2>/dev/null || true
}
trap stop INT TERM EXIT

"$PY" manage.py run_huey --workers 2 --worker-type thread --flush-locks &
pids+=($!)
"$PY" manage.py runserver "$HOST:$PORT" --noreload &
pids+=($!)

# Wait (up to a minute) until the server answers, then give the consumer a moment to settle.
for _ in $(seq 120); do
  "$PY" -c "import sys, urllib.request
try: urllib.request.urlopen(sys.argv[1], timeout=2)
except Exception as e: sys.exit(0 if hasattr(e, 'code') else 1)" "$URL/login/" 2>/dev/null && break
  kill -0 "${pids[@]}" 2>/dev/null || break
  sleep 0.5
done
sleep 1
printf '\n%s\n\n' "$BANNER"
# Exit as soon as either process dies, then stop the other.
wait -n "${pids[@]}"
