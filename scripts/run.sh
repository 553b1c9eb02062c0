#!/usr/bin/env bash
# Start the web server and a Celery worker (with beat) side by side; stop both on exit. The
# address is printed last, once the site answers, so it is not buried under start-up output.
set -euo pipefail
port="${1:-8000}"
bin=.venv/bin
address="http://127.0.0.1:${port}/"

trap 'kill 0 2>/dev/null' EXIT INT TERM
# No banner, and warnings only (WORKER_LOGLEVEL=info shows each job).
"$bin/celery" -A config --quiet worker --beat --loglevel="${WORKER_LOGLEVEL:-warning}" \
  --concurrency=1 --without-mingle --without-gossip &
"$bin/python" manage.py runserver "127.0.0.1:${port}" --noreload &

# Wait (two minutes at most) until the server answers, then say where it is.
if "$bin/python" - "${address}healthz/live" <<'PY'
import sys, time, urllib.request

deadline = time.monotonic() + 120
while time.monotonic() < deadline:
    try:
        urllib.request.urlopen(sys.argv[1], timeout=2).close()
        sys.exit(0)
    except OSError:
        time.sleep(0.2)
sys.exit(1)
PY
then
  echo
  echo "  The site is ready at ${address}"
  echo "  (a worker screens what is shared; Ctrl-C stops both)"
  echo
else
  echo "The site did not answer at ${address} within two minutes: see the messages above." >&2
fi
wait -n
