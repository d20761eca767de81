#!/usr/bin/env bash
# Wall time of a warm 5,000-stock demo stock-basics sync on the embedded default (SQLite), as the service records it
# (finished_at - started_at of each run), plus the HTTP round trip from POST to "ended". Loopback only, bounded.
#   usage: benchmarks/sync-demo.sh [runs=5]
#   BASELINE=<other build's bin dir> benchmarks/sync-demo.sh 5   # interleaved: baseline, this build, baseline, …
# Each server gets a fresh data directory, one cold run (JIT, universe generated, inserts) and WARMUP (2) warm-up runs
# (tiered JIT) that are not counted; then the warm runs alternate between the servers. Medians per side; the ratio (this build / baseline) is printed last.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
uptime
[ "${SKIP_BUILD:-0}" = 1 ] || dotnet build src/SyncMonitor.Api -c Release -nologo -v quiet >/dev/null
declare -a names dirs pids ports keys
names=(current)
apps=("$PWD/src/SyncMonitor.Api/bin/Release/net10.0")
if [ -n "${BASELINE:-}" ]; then names=(baseline current); apps=("$BASELINE" "${apps[0]}"); fi
cleanup() { for p in "${pids[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null || true; done; for d in "${dirs[@]:-}"; do [ -n "$d" ] && rm -rf "$d"; done; }
trap cleanup EXIT
for i in "${!names[@]}"; do
  ports[$i]=$((5097 + i))
  dirs[$i]=$(mktemp -d /tmp/syncmonitor-bench.XXXXXX)
  (cd "${apps[$i]}" && exec dotnet SyncMonitor.Api.dll --DataDirectory="${dirs[$i]}" --urls="http://127.0.0.1:${ports[$i]}" \
    --Serilog:MinimumLevel:Default=Warning >/dev/null 2>&1) &
  pids[$i]=$!
  for _ in $(seq 1 150); do curl -sf "http://127.0.0.1:${ports[$i]}/health/live" >/dev/null && break; sleep 0.2; done
  keys[$i]=$(cat "${dirs[$i]}/admin.key")
done

# One run on server $1; prints "<service wall ms> <round trip ms> <status> <inserted> <updated> <total>".
run_once() {
  local i=$1 port=${ports[$1]} key=${keys[$1]} t0 t1 task run status
  t0=$(date +%s%N)
  task=$(curl -sf -X POST -H "X-Api-Key: $key" "http://127.0.0.1:$port/api/sync/stock_basics/run" | python3 -c 'import json,sys; print(json.load(sys.stdin)["data"]["task_id"])')
  while :; do
    run=$(curl -sf -H "X-Api-Key: $key" "http://127.0.0.1:$port/api/sync/stock_basics/status")
    status=$(echo "$run" | python3 -c 'import json,sys; print(json.load(sys.stdin)["data"]["status"])')
    [ "$status" != "running" ] && break
    sleep 0.02
  done
  t1=$(date +%s%N)
  echo "$run" | python3 -c '
import json, sys
from datetime import datetime
d = json.load(sys.stdin)["data"]
wall = (datetime.fromisoformat(d["finished_at"]) - datetime.fromisoformat(d["started_at"])).total_seconds() * 1000
print("%.0f %.0f %s %d %d %d" % (wall, int(sys.argv[1]) / 1e6, d["status"], d["inserted"], d["updated"], d["total"]))
' "$((t1 - t0))"
  sleep 0.5  # the lease is released just after the record is written
}

declare -A walls
warmup=${WARMUP:-2}
for i in "${!names[@]}"; do
  echo "${names[$i]} cold run: $(run_once "$i")"
  for w in $(seq 1 "$warmup"); do echo "${names[$i]} warm-up $w (not counted): $(run_once "$i")"; done
done
for r in $(seq 1 "$runs"); do
  order=("${!names[@]}"); [ $((r % 2)) -eq 0 ] && order=($(printf '%s\n' "${!names[@]}" | sort -r))
  for i in "${order[@]}"; do
    line=$(run_once "$i")
    echo "round $r ${names[$i]}: service wall/round trip/status/inserted/updated/total = $line"
    walls[$i]+="${line%% *} "
  done
done
uptime
medians=()
for i in "${!names[@]}"; do
  m=$(printf '%s\n' ${walls[$i]} | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}')
  medians[$i]=$m
  echo "${names[$i]}: median service wall of $runs warm runs = $m ms (runs: ${walls[$i]})"
done
if [ ${#names[@]} -eq 2 ]; then
  python3 -c "import sys; print('current / baseline = %.3f' % (float(sys.argv[2]) / float(sys.argv[1])))" "${medians[0]}" "${medians[1]}"
else
  echo "median warm service wall = ${medians[0]} ms (target < 250 ms)"
fi
