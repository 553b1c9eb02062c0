-- wrk script for scripts/bench_wall.sh: counts every answer other than 200 as an error and
-- prints one "BENCH key=value ..." line. With BENCH_POST_BODY set it POSTs that form body,
-- sending BENCH_COOKIE (the CSRF cookie), as the share form does.
local threads = {}

local post_body = os.getenv("BENCH_POST_BODY")
if post_body and post_body ~= "" then
  wrk.method = "POST"
  wrk.body = post_body
  wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
  wrk.headers["Cookie"] = os.getenv("BENCH_COOKIE") or ""
end

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  non200 = 0
  first_status = nil
end

function response(status, headers, body)
  if status ~= 200 then
    non200 = non200 + 1
    first_status = first_status or status
  end
end

function done(summary, latency, requests)
  local non200_total, statuses = 0, ""
  for _, thread in ipairs(threads) do
    non200_total = non200_total + thread:get("non200")
    local status = thread:get("first_status")
    if status then
      statuses = statuses .. status .. ","
    end
  end
  local e = summary.errors
  local seconds = summary.duration / 1e6
  io.write(string.format(
    "BENCH requests=%d seconds=%.2f rps=%.1f p50_ms=%.2f p99_ms=%.2f non200=%d socket_errors=%d first_bad_status=%s\n",
    summary.requests, seconds, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    non200_total, e.connect + e.read + e.write + e.timeout, statuses ~= "" and statuses or "-"
  ))
end
