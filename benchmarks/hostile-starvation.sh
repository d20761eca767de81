#!/usr/bin/env bash
# Issue 16 row 7: CONNECTIONS callers with one key search the op-log by keyword (a full scan of ROWS seeded rows)
# for DURATION seconds while another client polls GET /api/sync/stock_basics/status one request at a time; prints
# the searches' answers (200 / 429) and the status poller's p50/p99/max. Two configurations, alternated ROUNDS times:
#   limited   — the shipped defaults (2 expensive reads per caller + 4 queued, one per core overall)
#   unlimited — the expensive-read limits effectively off (1000 per caller and overall)
#   benchmarks/hostile-starvation.sh                    # 300,000 rows, 2 rounds x 10 s x 8 connections
#   ROWS=300000 ROUNDS=2 DURATION=10 CONNECTIONS=8 benchmarks/hostile-starvation.sh
# Bounded: seeding once plus ROUNDS x 2 x (DURATION + start-up); 127.0.0.1 only; needs curl >= 7.66.
set -euo pipefail
cd "$(dirname "$0")/.."
source benchmarks/hostile-common.sh
PORT=${PORT:-5395}; DURATION=${DURATION:-10}; CONNECTIONS=${CONNECTIONS:-8}; ROUNDS=${ROUNDS:-2}; ROWS=${ROWS:-300000}
BENCH_DLL=benchmarks/SyncMonitor.Benchmarks/bin/Release/net10.0/SyncMonitor.Benchmarks.dll
[ -n "${SKIP_BUILD:-}" ] || dotnet build benchmarks/SyncMonitor.Benchmarks -c Release -v quiet -nologo >/dev/null
hostile_build
WORK=$(mktemp -d)
trap 'hostile_stop; rm -rf "$WORK"' EXIT
dotnet "$BENCH_DLL" oplogs-seed --rows "$ROWS" --data "$WORK/seed" >/dev/null

starve_once() { # label per-caller queue overall
  local label=$1 data="$WORK/run"
  rm -rf "$data"; cp -r "$WORK/seed" "$data"
  hostile_start "$PORT" "$data" "$WORK/app.log" --RateLimiting:ExpensiveReadsPerCaller="$2" \
    --RateLimiting:ExpensiveReadQueue="$3" --RateLimiting:ExpensiveReadsOverall="$4" --Serilog:MinimumLevel:Default=Warning
  curl -fs -o /dev/null -H "X-Api-Key: $KEY" "$BASE/api/sync/stock_basics/status"
  timeout "$DURATION" curl -s -Z --parallel-max "$CONNECTIONS" -H "X-Api-Key: $KEY" \
    "$BASE/api/system/logs/list?keyword=no-such-word-[1-1000000]" -w '%{stderr}%{http_code}\n' >/dev/null 2>"$WORK/codes" &
  local flood=$!
  sleep 1
  : >"$WORK/lat"
  local end=$((SECONDS + DURATION - 2))
  while [ $SECONDS -lt $end ]; do
    curl -s -o /dev/null -H "X-Api-Key: $KEY" -w '%{time_total}\n' "$BASE/api/sync/stock_basics/status" >>"$WORK/lat"
  done
  wait "$flood" || true
  hostile_stop
  sort -g "$WORK/lat" | awk -v l="$label" -v ok="$(grep -c '^200' "$WORK/codes" || true)" -v r="$(grep -c '^429' "$WORK/codes" || true)" \
    '{a[NR]=$1} END {p50=a[int(NR*0.5)+1]; p99=a[int(NR*0.99)+1]; if (p99=="") p99=a[NR];
      printf "%-9s searches 200: %5d, 429: %6d | status polls %5d: p50 %7.1f ms, p99 %7.1f ms, max %7.1f ms\n", l, ok, r, NR, p50*1000, p99*1000, a[NR]*1000}'
}

for round in $(seq 1 "$ROUNDS"); do
  echo "round $round (${ROWS} rows, ${CONNECTIONS} connections, ${DURATION} s):"
  starve_once limited 2 4 0
  starve_once unlimited 1000 0 1000
done
