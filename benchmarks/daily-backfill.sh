#!/usr/bin/env bash
# End-to-end daily-basic backfill on the embedded store (SQLite) from the demo source: POST the batch for a date range,
# wait for the run to end, and report rows/s from the run record (finished_at - started_at), rows per CPU-second of
# the server (utime+stime from /proc, which the shared machine's load does not distort), and the server's peak RSS
# sampled every 100 ms. Loopback only, bounded by the range.
#   benchmarks/daily-backfill.sh                                # one year: 2025-01-01..2025-12-31 (243 trade days x 5,010 rows)
#   START=2025-01-01 END=2025-03-31 benchmarks/daily-backfill.sh
#   BASELINE=/tmp/base/src/SyncMonitor.Api/bin/Release/net10.0 ROUNDS=3 benchmarks/daily-backfill.sh
#     interleaves a baseline build (e.g. main before issue 15) with this one: baseline, current, baseline, current…
#     and prints the medians and the current/baseline ratios last.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=${PORT:-5394}; START=${START:-2025-01-01}; END=${END:-2025-12-31}; ROUNDS=${ROUNDS:-1}
BASE="http://127.0.0.1:${PORT}"
dotnet build src/SyncMonitor.Api -c Release -v quiet -nologo >/dev/null
CURRENT=$PWD/src/SyncMonitor.Api/bin/Release/net10.0
OUT=$(mktemp -d); PID=""; SAMPLER=""
cleanup() { [ -n "$SAMPLER" ] && kill "$SAMPLER" 2>/dev/null; [ -n "$PID" ] && kill "$PID" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$OUT"; }
trap cleanup EXIT
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

backfill() { # app_dir label -> prints "rows/s rows_per_cpu_s peak_mib" and a line on stderr
  local app=$1 label=$2 data
  data=$(mktemp -d -p "$OUT")
  (cd "$app" && exec dotnet SyncMonitor.Api.dll --urls="$BASE" --DataDirectory="$data" --Serilog:MinimumLevel:Default=Warning) >"$data/app.log" 2>&1 &
  PID=$!
  for _ in $(seq 1 240); do curl -fs "$BASE/health/live" >/dev/null 2>&1 && break; sleep 0.5; done
  local key; key=$(cat "$data/admin.key")
  ( peak=0; while kill -0 "$PID" 2>/dev/null; do
      r=$(awk '/VmRSS/ {print $2}' "/proc/$PID/status" 2>/dev/null || echo 0)
      [ "${r:-0}" -gt "$peak" ] && peak=$r && echo "$peak" >"$data/peak"; sleep 0.1; done ) &
  SAMPLER=$!
  local c0 c1; c0=$(cpu_ticks "$PID")
  curl -fs -X POST -H "X-Api-Key: $key" -H 'Content-Type: application/json' \
    -d "{\"start_date\":\"$START\",\"end_date\":\"$END\"}" "$BASE/api/v1/sync-status/sync/batch" >/dev/null
  sleep 0.2
  while curl -fs -H "X-Api-Key: $key" "$BASE/api/sync/current" | grep -q '"task_id"'; do sleep 0.1; done
  c1=$(cpu_ticks "$PID")
  curl -fs -H "X-Api-Key: $key" "$BASE/api/sync/multi-source/history?page=1&page_size=1" >"$data/run.json"
  kill "$SAMPLER" 2>/dev/null; wait "$SAMPLER" 2>/dev/null || true; SAMPLER=""
  kill "$PID"; wait "$PID" 2>/dev/null || true; PID=""
  python3 - "$data/run.json" "$(cat "$data/peak")" "$((c1 - c0))" "$(getconf CLK_TCK)" "$label" <<'PY'
import json, sys
from datetime import datetime
d = json.load(open(sys.argv[1]))["data"]["items"][0]
wall = (datetime.fromisoformat(d["finished_at"]) - datetime.fromisoformat(d["started_at"])).total_seconds()
rows = d["inserted"] + d["updated"]
cpu = int(sys.argv[3]) / int(sys.argv[4])
peak = int(sys.argv[2]) // 1024
print("%-8s %s: %d rows (inserted %d, updated %d, errors %d) in %.2f s = %.0f rows/s; server CPU %.1f s = %.0f rows/CPU-s; peak RSS %d MiB"
      % (sys.argv[5], d["status"], rows, d["inserted"], d["updated"], d.get("errors", 0), wall, rows / wall, cpu, rows / cpu, peak), file=sys.stderr)
print("%.0f %.0f %d" % (rows / wall, rows / cpu, peak))
PY
  rm -rf "$data"
}

echo "load before: $(uptime)"
cur=(); base=()
for round in $(seq 1 "$ROUNDS"); do
  [ -n "${BASELINE:-}" ] && base+=("$(backfill "$BASELINE" baseline)")
  cur+=("$(backfill "$CURRENT" current)")
done
echo "load after:  $(uptime)"
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
col() { local i=$1; shift; for x in "$@"; do echo "$x" | awk -v i="$i" '{print $i}'; done; }
c_rps=$(median $(col 1 "${cur[@]}")); c_cpu=$(median $(col 2 "${cur[@]}")); c_rss=$(printf '%s\n' $(col 3 "${cur[@]}") | sort -n | tail -1)
echo "current:  median ${c_rps} rows/s, ${c_cpu} rows/CPU-s, peak RSS ${c_rss} MiB (target < 400 MiB; one year in < 10 s = 120k rows/s)"
if [ -n "${BASELINE:-}" ]; then
  b_rps=$(median $(col 1 "${base[@]}")); b_cpu=$(median $(col 2 "${base[@]}")); b_rss=$(printf '%s\n' $(col 3 "${base[@]}") | sort -n | tail -1)
  echo "baseline: median ${b_rps} rows/s, ${b_cpu} rows/CPU-s, peak RSS ${b_rss} MiB"
  awk -v a="$c_rps" -v b="$b_rps" -v c="$c_cpu" -v d="$b_cpu" 'BEGIN {printf "current/baseline: %.2fx rows/s, %.2fx rows/CPU-s\n", a/b, c/d}'
fi
