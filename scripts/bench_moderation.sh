#!/usr/bin/env bash
# Benchmark moderation on a throwaway PostgreSQL database and Redis; the database is dropped after.
# Usage: scripts/bench_moderation.sh [bench_moderation options, e.g. --statements 100]
# Environment: PGHOST, PGPORT, PGUSER, BENCH_DB (must contain "bench"), REDIS_URL, KEEP_BENCH_DB=1.
set -euo pipefail
cd "$(dirname "$0")/.."

pg_host="${PGHOST:-127.0.0.1}"
pg_port="${PGPORT:-5432}"
pg_user="${PGUSER:-postgres}"
db="${BENCH_DB:-metoo_bench}"
case "$db" in
  *bench*) ;;
  *) echo "BENCH_DB must contain 'bench': this database is dropped" >&2; exit 2 ;;
esac

psql_admin() { psql -h "$pg_host" -p "$pg_port" -U "$pg_user" -d postgres -q "$@"; }
psql_admin -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
if [ "${KEEP_BENCH_DB:-0}" != 1 ]; then
  trap 'psql_admin -c "DROP DATABASE IF EXISTS $db"' EXIT
fi

export DATABASE_URL="postgres://${pg_user}@${pg_host}:${pg_port}/${db}"
export REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379/0}"
export CELERY_QUEUE=metoo-bench
# Keep the bench's cache keys apart from a site using the same Redis.
export CACHE_KEY_PREFIX=metoo-bench
export HTTPS=0

.venv/bin/python manage.py migrate --noinput >/dev/null
.venv/bin/python manage.py bench_moderation "$@"
