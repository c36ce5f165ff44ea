#!/usr/bin/env bash
# Start the web server and the huey consumer together; Ctrl-C stops both.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}
HOST=${HOST:-127.0.0.1}
PORT=${PORT:-8000}

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

sleep 2
cat <<BANNER

  Pauta is running at http://$HOST:$PORT/
  (the huey consumer runs beside it; Ctrl-C stops both)

BANNER
"$PY" manage.py shell -c "from pauta.demo import demo_logins, DEMO_PASSWORD
print('  Demo logins — password for all: ' + DEMO_PASSWORD)
for username, roles in demo_logins(): print(f'    {username:<20} {roles}')" 2>/dev/null
echo
# Exit as soon as either process dies, then stop the other.
wait -n "${pids[@]}"
