#!/usr/bin/env bash
# Issue 16 row 1: an anonymous flood of POST /api/x?k0=<500 chars>&…&k14=<500 chars> over CONNECTIONS connections
# for DURATION seconds. Prints, per configuration, the answers (401 / 429), the operation_logs rows added and the
# growth of the store (database + WAL) and of the log folder. Two configurations, alternated ROUNDS times:
#   limited   — the shipped default (RateLimiting:RefusedPermitsPerMinute=30)
#   unlimited — the refusal limiter effectively off (1,000,000 per minute): what the flood does without it
#               (the query is still dropped from refused entries, so this is already better than before the change)
#   benchmarks/hostile-flood.sh                      # 2 rounds x 5 s x 8 connections
#   ROUNDS=3 DURATION=5 CONNECTIONS=8 benchmarks/hostile-flood.sh
# Bounded: about ROUNDS x 2 x (DURATION + start-up) seconds; 127.0.0.1 only; needs curl >= 7.66 (parallel), sqlite3, bc.
set -euo pipefail
cd "$(dirname "$0")/.."
source benchmarks/hostile-common.sh
PORT=${PORT:-5394}; DURATION=${DURATION:-5}; CONNECTIONS=${CONNECTIONS:-8}; ROUNDS=${ROUNDS:-2}
hostile_build
WORK=$(mktemp -d)
trap 'hostile_stop; rm -rf "$WORK"' EXIT
query=$(for i in $(seq 0 14); do printf 'k%d=%s&' "$i" "$(head -c 500 /dev/zero | tr '\0' a)"; done)
query=${query%&}

flood_once() { # label refused-per-minute
  local label=$1 permits=$2 data="$WORK/$1-$RANDOM"
  mkdir -p "$data"
  hostile_start "$PORT" "$data" "$WORK/app.log" --RateLimiting:RefusedPermitsPerMinute="$permits" --Serilog:MinimumLevel:Default=Information
  sleep 1
  local rows0 store0 log0
  rows0=$(sqlite3 "$data"/*.db "select count(*) from operation_logs")
  store0=$(store_bytes "$data"); log0=$(log_bytes "$data")
  # One curl process, CONNECTIONS transfers in flight (a URL glob of many requests), stopped after DURATION seconds.
  timeout "$DURATION" curl -s -Z --parallel-max "$CONNECTIONS" -X POST "$BASE/api/x?n=[1-1000000]&$query" \
    -w '%{stderr}%{http_code}\n' >/dev/null 2>"$WORK/codes" || true
  sleep 2 # the op-log writer drains its queue
  local rows1 store1 log1
  rows1=$(sqlite3 "$data"/*.db "select count(*) from operation_logs")
  store1=$(store_bytes "$data"); log1=$(log_bytes "$data")
  hostile_stop
  printf '%-9s requests %6d (401: %6d, 429: %6d) | rows +%6d | store +%8.2f MB | log +%8.2f MB\n' "$label" \
    "$(wc -l <"$WORK/codes")" "$(grep -c '^401' "$WORK/codes" || true)" "$(grep -c '^429' "$WORK/codes" || true)" \
    "$((rows1 - rows0))" "$(echo "($store1 - $store0) / 1000000" | bc -l)" "$(echo "($log1 - $log0) / 1000000" | bc -l)"
  rm -rf "$data"
}

for round in $(seq 1 "$ROUNDS"); do
  echo "round $round (${CONNECTIONS} connections, ${DURATION} s):"
  flood_once limited 30
  flood_once unlimited 1000000
done
