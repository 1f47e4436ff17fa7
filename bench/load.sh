#!/usr/bin/env bash
# Load test on loopback: wrk on POST /testing/personas/generate (5
# packages, 3 criteria) and on GET /testing/health side by side, then
# requests/s, p50 and p99 of each, the ratio generate/health, and the
# server's peak memory. Stops by itself.
#
#   bench/load.sh                  # 20 s, 2 threads and 16 connections per wrk
#   DURATION=60 bench/load.sh
#   PERF=/tmp/server.perf bench/load.sh   # also record the server with perf
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/common.sh

duration="${DURATION:-20}"
threads="${THREADS:-2}"
connections="${CONNECTIONS:-16}"

if ! command -v wrk >/dev/null; then
  apt-get update -qq && apt-get install -y -qq wrk >/dev/null
fi
build_server
start_server

work="$(mktemp -d)"
generate_body 5 3 >"$work/body.json"
cat >"$work/generate.lua" <<LUA
local file = io.open("$work/body.json")
wrk.method = "POST"
wrk.body = file:read("*a")
file:close()
wrk.headers["Content-Type"] = "application/json"
wrk.headers["X-API-Key"] = "$KEY"
LUA

# One answer of each kind first, so a broken setup fails loudly.
status="$(curl -s -o /dev/null -w '%{http_code}' -X POST "$BASE/personas/generate?projectId=bench" \
  -H 'Content-Type: application/json' -H "X-API-Key: $KEY" --data @"$work/body.json")"
[ "$status" = 200 ] || { echo "generate answered $status" >&2; exit 1; }

rss_peak=0
sample_rss() {
  while kill -0 "$SERVER_PID" 2>/dev/null; do
    status_kib "$SERVER_PID" VmRSS
    sleep 0.2
  done
}
sample_rss >"$work/rss" &
sampler=$!

rss_before="$(status_kib "$SERVER_PID" VmRSS)"
wrk -t"$threads" -c"$connections" -d"${duration}s" --latency -s "$work/generate.lua" \
  "$BASE/personas/generate?projectId=bench" >"$work/generate.out" &
gen=$!
wrk -t"$threads" -c"$connections" -d"${duration}s" --latency "$BASE/health" >"$work/health.out" &
hea=$!
if [ -n "${PERF:-}" ]; then
  perf record -F 299 --call-graph dwarf,16384 -o "$PERF" -p "$SERVER_PID" -- sleep "$duration" >/dev/null 2>&1 &
fi
wait "$gen" "$hea"
kill "$sampler" 2>/dev/null || true
hwm="$(status_kib "$SERVER_PID" VmHWM)"
rss_peak="$(sort -n "$work/rss" | tail -n 1)"

python3 bench/load_table.py "$work/generate.out" "$work/health.out" \
  "$rss_before" "$rss_peak" "$hwm" "$duration" "$threads" "$connections"
rm -rf "$work"
