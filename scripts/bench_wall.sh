#!/usr/bin/env bash
# Load-test the wall, a story, search, the API and the share form under gunicorn, side by side
# with two reference views, on a throwaway PostgreSQL database of N generated testimonies.
# Usage: scripts/bench_wall.sh [N]            (N defaults to 1000000)
# Environment: PGHOST, PGPORT, PGUSER, BENCH_DB (must contain "bench"), REDIS_URL, BENCH_PORT,
#   WEB_CONCURRENCY (gunicorn workers, 4), BENCH_CONNECTIONS (8), BENCH_SECONDS (15 per URL,
#   in BENCH_ROUNDS (3) interleaved rounds), SHARE_SECONDS (60), WARMUP_SECONDS (3),
#   KEEP_BENCH_DB=1 to keep the database afterwards.
# Needs wrk (apt-get install wrk). No Celery worker runs: the share form only enqueues the
# screening job in Redis, and the queue is deleted at the end.
set -euo pipefail
cd "$(dirname "$0")/.."

count="${1:-${BENCH_N:-1000000}}"
pg_host="${PGHOST:-127.0.0.1}"
pg_port="${PGPORT:-5432}"
pg_user="${PGUSER:-postgres}"
db="${BENCH_DB:-metoo_bench_wall}"
port="${BENCH_PORT:-8765}"
connections="${BENCH_CONNECTIONS:-8}"
seconds="${BENCH_SECONDS:-15}"
rounds="${BENCH_ROUNDS:-3}"
share_seconds="${SHARE_SECONDS:-60}"
warmup="${WARMUP_SECONDS:-3}"
rare_word=marigold # five testimonies per run of generate_testimonies: ten here
case "$db" in
  *bench*) ;;
  *) echo "BENCH_DB must contain 'bench': this database is dropped" >&2; exit 2 ;;
esac
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 2; }
[ "$count" -ge 100 ] || { echo "N must be at least 100" >&2; exit 2; }

# Production settings plus the reference views (config/bench_settings.py), on plain HTTP.
export DJANGO_SETTINGS_MODULE=config.bench_settings
export DATABASE_URL="postgres://${pg_user}@${pg_host}:${pg_port}/${db}"
export REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379/0}"
export DEBUG=0 HTTPS=0 RATELIMIT_ENABLE=0
# Cache keys and the screening queue apart from any site or test run sharing this Redis.
export CACHE_KEY_PREFIX=metoo-bench-wall CELERY_QUEUE=metoo-bench-wall
# Its own secret key, static files and logs: nothing of the checkout's var/ is touched.
work="$(mktemp -d /tmp/bench_wall.XXXXXX)"
export VAR_DIR="$work/var"
export PORT="$port" WEB_CONCURRENCY="${WEB_CONCURRENCY:-4}"
base="http://127.0.0.1:${port}"

psql_admin() { psql -h "$pg_host" -p "$pg_port" -U "$pg_user" -d postgres -q "$@"; }
psql_bench() { psql -h "$pg_host" -p "$pg_port" -U "$pg_user" -d "$db" -qAt "$@"; }
manage() { .venv/bin/python manage.py "$@"; }
redis_forget() {
  redis-cli -u "$REDIS_URL" --scan --pattern '*metoo-bench-wall*' |
    xargs -r -n 500 redis-cli -u "$REDIS_URL" DEL >/dev/null
}

gunicorn_pid=""
worker_pid=""
cleanup() {
  [ -n "$gunicorn_pid" ] && kill "$gunicorn_pid" 2>/dev/null && wait "$gunicorn_pid" 2>/dev/null
  [ -n "$worker_pid" ] && kill "$worker_pid" 2>/dev/null && wait "$worker_pid" 2>/dev/null
  redis_forget || true
  if [ "${KEEP_BENCH_DB:-0}" != 1 ]; then psql_admin -c "DROP DATABASE IF EXISTS $db"; fi
  rm -rf "$work"
}
trap cleanup EXIT
step() { printf '\n== %s (%s)\n' "$1" "$(date +%H:%M:%S)"; }

step "Database $db: migrate"
psql_admin -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
redis_forget
manage migrate --noinput -v0

# The counter's read time: uncached (what the issue measures), and through the site's cache.
counter_time() {
  manage shell -v0 -c '
import statistics, time
from django.db.models import Sum
from testimonies.models import PublishedTally, Testimony
from wall import selectors
compute = selectors.metoo_count_uncached
def timed(function, calls=2000):
    function()  # connects, and warms the plan or the cache
    times = []
    for _ in range(calls):
        start = time.perf_counter()
        function()
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return f"median_ms={statistics.median(times):.3f} p99_ms={times[int(calls * 0.99)]:.3f}"
print(f"COUNTER rows={Testimony.objects.count()} value={compute()} "
      f"tallies={PublishedTally.objects.count()} {timed(compute)} cached_{timed(selectors.metoo_count)}")
'
}

step "Counter with ten testimonies"
manage generate_testimonies 10 --seed 10 -v0
counter_small="$(counter_time)"
echo "$counter_small"

step "Generate $((count - 10)) more testimonies"
start=$(date +%s)
manage generate_testimonies $((count - 10)) --seed 2017
echo "generated in $(($(date +%s) - start)) s"

step "Counter with $count testimonies"
counter_large="$(counter_time)"
echo "$counter_large"

step "Static files, then gunicorn ($WEB_CONCURRENCY workers) on $base"
manage collectstatic --noinput -v0
.venv/bin/gunicorn -c config/gunicorn.conf.py config.wsgi:application >"$work/gunicorn.log" 2>&1 &
gunicorn_pid=$!
for _ in $(seq 60); do
  curl -fsS -o /dev/null "$base/healthz" 2>/dev/null && break
  sleep 0.5
done
curl -fsS "$base/healthz"
echo

step "The URLs to measure"
status_of() { curl -s -o /dev/null -w '%{http_code}' "$1"; }
# The wall's own pagination: follow its "Older" link once, as a reader would.
older="$(curl -fsS "$base/" | grep -o '<a rel="next" href="[^"]*"' | head -1 | sed 's/.*href="//; s/"$//; s/&amp;/\&/g')" || true
echo "second page: /$older -> $(status_of "$base/$older")"
# A full page at the very end of the wall: the cursor of the last row before the 30 oldest
# statements and stories (the wall lists no bare "me too"s). Also one half-way down, which
# the issue does not name: a keyset condition the index cannot use shows there first.
read -r deep_cursor deep_rows middle_cursor middle_rows story_id < <(manage shell -v0 -c '
from urllib.parse import quote
from django.db.models import Q
from wall.app_settings import app_settings
from wall.selectors import Position, cursor_encode, published_testimonies
wall = published_testimonies().exclude(kind="metoo").order_by("-published_at", "-id")
def cursor_after(position):
    at, pk = wall.values_list("published_at", "id")[position]
    newer = published_testimonies().filter(Q(published_at__gt=at) | Q(published_at=at, id__gt=pk))
    return quote(cursor_encode(Position(at, pk)), safe=""), newer.count() + 1
size = wall.count()
story = published_testimonies().filter(kind="story").order_by("?").values_list("public_id", flat=True)
print(*cursor_after(size - app_settings.PAGE_SIZE - 1), *cursor_after(size // 2), story.first())
')
echo "deep page: $deep_rows rows deep in all published testimonies; middle page: $middle_rows"

# The wall's pages, deep ones too, are served from the cache once rendered. The API's pages
# after the first are not cached: its second page against its deep page shows what keyset
# pagination itself costs a million rows down.
api_second="$(curl -fsS "$base/api/v1/testimonies/" | .venv/bin/python -c 'import json, sys; print(json.load(sys.stdin)["next"])')"
names=(constant insert wall_first wall_deep wall_middle story search api api_second api_deep)
declare -A url=(
  [constant]="$base/bench/constant/"
  [insert]="$base/bench/insert/"
  [wall_first]="$base/"
  [wall_deep]="$base/?cursor=$deep_cursor"
  [wall_middle]="$base/?cursor=$middle_cursor"
  [story]="$base/t/$story_id/"
  [search]="$base/?q=$rare_word"
  [api]="$base/api/v1/testimonies/"
  [api_second]="$api_second"
  [api_deep]="$base/api/v1/testimonies/?cursor=$deep_cursor"
)
declare -A result
for name in "${names[@]}"; do
  code="$(status_of "${url[$name]}")"
  echo "$name: ${url[$name]:0:90} -> $code"
  [ "$code" = 200 ] || result[$name]="not measured: HTTP $code"
done
if [ -z "${result[search]:-}" ] && ! grep -qi "$rare_word" <<<"$(curl -sS "${url[search]}")"; then
  echo "warning: the search page does not show '$rare_word'"
fi

run_wrk() { # run_wrk SECONDS URL -> the BENCH line of scripts/bench_wall.lua
  wrk -t1 -c"$connections" -d"${1}s" --timeout 10s -s scripts/bench_wall.lua "$2" |
    grep '^BENCH' | sed 's/^BENCH //'
}
field() { sed -n "s/.*\b$2=\([^ ]*\).*/\1/p" <<<"$1"; }

# Rounds: every URL for a share of its time, then every URL again. A machine shared with
# others speeds up and slows down by the minute; interleaving spreads that over all the URLs
# instead of favouring whichever ran in a quiet minute, so the ratios compare like with like.
combine() { # one BENCH line from several: requests and seconds summed, median p50, worst p99
  awk '{ for (i = 1; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
         requests += v["requests"]; seconds += v["seconds"]; non200 += v["non200"]
         errors += v["socket_errors"]; p50[NR] = v["p50_ms"]; if (v["p99_ms"] > p99) p99 = v["p99_ms"]
         if (v["first_bad_status"] != "-") bad = v["first_bad_status"] }
       END { n = NR  # insertion sort: asort() is gawk only
             for (i = 2; i <= n; i++) for (j = i; j > 1 && p50[j - 1] > p50[j]; j--) {
               t = p50[j]; p50[j] = p50[j - 1]; p50[j - 1] = t }
             median = (n % 2) ? p50[(n + 1) / 2] : (p50[n / 2] + p50[n / 2 + 1]) / 2
             printf "requests=%d seconds=%.2f rps=%.1f p50_ms=%.2f p99_ms=%.2f non200=%d socket_errors=%d first_bad_status=%s\n",
               requests, seconds, requests / seconds, median, p99, non200, errors, bad ? bad : "-" }'
}
round_seconds=$(( (seconds + rounds - 1) / rounds ))
step "Load: wrk -t1 -c$connections, ${warmup}s warm-up, then $rounds rounds of ${round_seconds}s per URL"
declare -A rounds_of
for name in "${names[@]}"; do
  [ -z "${result[$name]:-}" ] && run_wrk "$warmup" "${url[$name]}" >/dev/null
done
for round in $(seq "$rounds"); do
  for name in "${names[@]}"; do
    [ -z "${result[$name]:-}" ] || continue
    rounds_of[$name]+="$(run_wrk "$round_seconds" "${url[$name]}")"$'\n'
  done
  echo "round $round of $rounds done"
done
for name in "${names[@]}"; do
  [ -z "${result[$name]:-}" ] || continue
  result[$name]="$(printf '%s' "${rounds_of[$name]}" | combine)"
  echo "$name: ${result[$name]}"
done

step "Share form: POST /share/ for ${share_seconds}s (CSRF, limiter off, cleaning, transaction, enqueue)"
jar="$work/cookies"
share_html="$(curl -fsS -c "$jar" "$base/share/")"
csrf_cookie="$(awk '$6 == "csrftoken" { print $7 }' "$jar")"
csrf_field="$(grep -o 'name="csrfmiddlewaretoken" value="[^"]*"' <<<"$share_html" | head -1 | sed 's/.*value="//; s/"$//')"
statement="It happened at work, more than once. I am saying it now so that someone else feels less alone."
export BENCH_COOKIE="csrftoken=$csrf_cookie"
export BENCH_POST_BODY="csrfmiddlewaretoken=$csrf_field&kind=statement&body=$(
  .venv/bin/python -c 'import sys, urllib.parse; print(urllib.parse.quote_plus(sys.argv[1]))' "$statement"
)"
# One request first, with other words: a refused token should stop the script here, not after
# a minute.
code="$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $BENCH_COOKIE" \
  --data "csrfmiddlewaretoken=$csrf_field&kind=statement&body=Checking+the+form." "$base/share/")"
[ "$code" = 200 ] || { echo "a test submission got HTTP $code" >&2; exit 1; }
result[share]="$(run_wrk "$share_seconds" "$base/share/")"
unset BENCH_COOKIE BENCH_POST_BODY
echo "share: ${result[share]}"
# Saved submissions per second of the run, from the rows themselves (created_at), without the
# partial first and last seconds.
read -r share_min share_max share_seconds_counted share_saved < <(psql_bench -F' ' \
  -v statement="$statement" <<'SQL'
  WITH per_second AS (
    SELECT date_trunc('second', created_at) AS second, count(*) AS n
    FROM testimonies_testimony WHERE status = 'pending' AND body = :'statement' GROUP BY 1
  ), inner_seconds AS (
    SELECT n FROM per_second
    WHERE second > (SELECT min(second) FROM per_second)
      AND second < (SELECT max(second) FROM per_second)
  )
  SELECT min(n), max(n), count(*), (SELECT sum(n) FROM per_second) FROM inner_seconds;
SQL
)
queued="$(redis-cli -u "$REDIS_URL" LLEN metoo-bench-wall)"
echo "saved $share_saved submissions; per second: min $share_min, max $share_max over" \
  "$share_seconds_counted full seconds; $queued screening jobs waiting in Redis"

step "Screening what the share run saved: one Celery worker process (solo pool)"
# The jobs the web processes sent during the share run, as they sent them (batches of what
# each gathered in a quarter second). The rate is from the screenings' own timestamps, first
# to last, so the worker's start-up is not counted.
.venv/bin/celery -A config worker --pool=solo --without-mingle --without-gossip \
  --loglevel=warning >"$work/worker.log" 2>&1 &
worker_pid=$!
waiting() {
  psql_bench -c "SELECT count(*) FROM testimonies_testimony
                 WHERE kind = 'statement' AND screening_requested_at IS NOT NULL"
}
deadline=$(( $(date +%s) + 900 ))
while [ "$(waiting)" != 0 ] && [ "$(date +%s)" -lt "$deadline" ]; do sleep 1; done
read -r screened screen_seconds < <(psql_bench -F' ' -c "
  SELECT count(*), extract(epoch FROM max(s.screened_at) - min(s.screened_at))
  FROM moderation_screening s JOIN testimonies_testimony t ON t.id = s.testimony_id
  WHERE t.kind = 'statement'")
kill "$worker_pid" 2>/dev/null && wait "$worker_pid" 2>/dev/null || true
worker_pid=""
screen_rps="$(awk -v n="$screened" -v s="$screen_seconds" 'BEGIN { if (s > 0) printf "%.1f", n / s; else print 0 }')"
echo "screened $screened statements in ${screen_seconds} s: $screen_rps statements/s;" \
  "$(waiting) still waiting"

step "Results: $count testimonies, $WEB_CONCURRENCY gunicorn workers, wrk -t1 -c$connections"
# The machine may be shared: a busy neighbour shows here, and in every figure below.
echo "load average (1, 5, 15 min): $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
printf '%-12s %10s %10s %10s %8s\n' "" "req/s" "p50 ms" "p99 ms" "errors"
for name in "${names[@]}" share; do
  r="${result[$name]:-}"
  if [[ "$r" != requests=* ]]; then
    printf '%-12s %s\n' "$name" "${r:-not measured}"
    continue
  fi
  printf '%-12s %10s %10s %10s %8s\n' "$name" "$(field "$r" rps)" "$(field "$r" p50_ms)" \
    "$(field "$r" p99_ms)" "$(($(field "$r" non200) + $(field "$r" socket_errors)))"
done
echo "counter (uncached): $counter_small"
echo "                    $counter_large"

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }
verdict() { awk -v r="$1" -v op="$2" -v t="$3" \
  'BEGIN { if (r == "n/a") print "n/a"; else if ((op == ">=" && r >= t) || (op == "<=" && r <= t)) print "ok"; else print "FAILS" }'; }
check() { # check LABEL VALUE OP THRESHOLD
  printf '  %-68s %8s  (%s %s) %s\n' "$1" "$2" "$3" "$4" "$(verdict "$2" "$3" "$4")"
}
get() { [[ "${result[$1]:-}" == requests=* ]] && field "${result[$1]}" "$2" || echo 0; }
echo
echo "Ratios the issue names:"
check "wall first page req/s / constant view req/s" \
  "$(ratio "$(get wall_first rps)" "$(get constant rps)")" ">=" 0.80
check "story page req/s / constant view req/s" \
  "$(ratio "$(get story rps)" "$(get constant rps)")" ">=" 0.50
check "API first page req/s / constant view req/s" \
  "$(ratio "$(get api rps)" "$(get constant rps)")" ">=" 0.50
check "rare-word search req/s / constant view req/s" \
  "$(ratio "$(get search rps)" "$(get constant rps)")" ">=" 0.30
check "deep page p50 / first page p50" \
  "$(ratio "$(get wall_deep p50_ms)" "$(get wall_first p50_ms)")" "<=" 1.5
check "deep page p99 / first page p99" \
  "$(ratio "$(get wall_deep p99_ms)" "$(get wall_first p99_ms)")" "<=" 1.5
check "middle page p50 / first page p50 (not in the issue)" \
  "$(ratio "$(get wall_middle p50_ms)" "$(get wall_first p50_ms)")" "<=" 1.5
check "API deep page p50 / API second page p50 (uncached; not in the issue)" \
  "$(ratio "$(get api_deep p50_ms)" "$(get api_second p50_ms)")" "<=" 1.5
check "share req/s / insert view req/s" \
  "$(ratio "$(get share rps)" "$(get insert rps)")" ">=" 0.5
check "share: slowest full second (submissions saved)" "${share_min:-0}" ">=" 139
check "one worker's screening, statements/s / share req/s" \
  "$(ratio "$screen_rps" "$(get share rps)")" ">=" 1.0
check "share: errors (non-200 and socket)" \
  "$(($(get share non200) + $(get share socket_errors)))" "<=" 0
check "counter median, $count rows / 10 rows" \
  "$(ratio "$(field "$counter_large" median_ms)" "$(field "$counter_small" median_ms)")" "<=" 1.2
