#!/usr/bin/env bash
# CSV export of ROWS seeded operation logs (default 1,000,000) from SQLite over HTTP on 127.0.0.1: rows/s and
# the server's resident memory sampled every 100 ms, for a ~10 % slice and for everything (flat memory means
# the peak does not grow with the row count). Bounded: seeding + two streamed exports.
#   benchmarks/oplogs-export.sh
set -euo pipefail
cd "$(dirname "$0")/.."
source benchmarks/oplogs-common.sh
ROWS=${ROWS:-1000000}; PORT=${PORT:-5199}
oplogs_build
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dotnet "$BENCH_DLL" oplogs-seed --rows "$ROWS" --data "$work/data"
oplogs_start "$PORT" on "$work/data" "$work/server.log"
rss() { awk '/VmRSS/ {print $2}' "/proc/$SERVER_PID/status"; }
curl -s -o /dev/null -H "X-Api-Key: $BENCH_KEY" "http://127.0.0.1:$PORT/api/system/logs/list?page_size=1"
echo "server RSS before exports: $(( $(rss) / 1024 )) MiB"

export_once() { # label query
  local label=$1 query=$2 sampler peak start end lines
  ( peak=0; while kill -0 "$SERVER_PID" 2>/dev/null; do r=$(rss); [ "$r" -gt "$peak" ] && peak=$r && echo "$peak" >"$work/peak"; sleep 0.1; done ) &
  sampler=$!
  start=$(date +%s.%N)
  lines=$(curl -s --max-time 600 -H "X-Api-Key: $BENCH_KEY" "http://127.0.0.1:$PORT/api/system/logs/export/csv?$query" | wc -l)
  end=$(date +%s.%N)
  kill "$sampler" 2>/dev/null || true; wait "$sampler" 2>/dev/null || true
  peak=$(cat "$work/peak")
  awk -v l="$label" -v n="$((lines - 1))" -v s="$start" -v e="$end" -v p="$peak" \
    'BEGIN {printf "%-8s %9d rows in %6.2f s = %8.0f rows/s, server peak RSS %d MiB\n", l, n, e-s, n/(e-s), p/1024}'
}
export_once "warm-up" "start_date=$(date -u +%Y-%m-%d)" # JIT and caches; not a result
export_once "10 days" "start_date=$(date -u -d '-10 days' +%Y-%m-%d)"
export_once "all" ""
oplogs_stop
