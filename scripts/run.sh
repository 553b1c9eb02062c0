#!/usr/bin/env bash
# Start the web server and a Celery worker (with beat) side by side; stop both on exit.
set -euo pipefail
port="${1:-8000}"
bin=.venv/bin

trap 'kill 0 2>/dev/null' EXIT INT TERM
"$bin/celery" -A config worker --beat --loglevel=info --concurrency=1 \
  --without-mingle --without-gossip &
echo
echo "  The site is at http://127.0.0.1:${port}/  (a worker screens submissions; Ctrl-C stops both)"
echo
"$bin/python" manage.py runserver "127.0.0.1:${port}" --noreload &
wait -n
