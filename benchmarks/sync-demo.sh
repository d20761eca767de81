#!/usr/bin/env bash
# Wall time of a full 5,000-stock demo stock-basics sync on the embedded default (SQLite), as the service records it
# (finished_at - started_at of each run), plus the HTTP round trip from POST to "ended". Loopback only, bounded.
#   usage: benchmarks/sync-demo.sh [runs=5]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
port=5097
dir=$(mktemp -d /tmp/syncmonitor-bench.XXXXXX)
dotnet build src/SyncMonitor.Api -c Release -nologo -v quiet >/dev/null
dotnet src/SyncMonitor.Api/bin/Release/net10.0/SyncMonitor.Api.dll --DataDirectory="$dir" --urls="http://127.0.0.1:$port" \
  --Serilog:MinimumLevel:Default=Warning >/dev/null 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; rm -rf "$dir"' EXIT
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/health/live" >/dev/null && break; sleep 0.2; done
key=$(cat "$dir/admin.key")
for i in $(seq 1 "$runs"); do
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
print("run %s: %s total=%d inserted=%d updated=%d service wall=%.0f ms, http round trip=%.0f ms"
      % (sys.argv[1], d["status"], d["total"], d["inserted"], d["updated"], wall, int(sys.argv[2]) / 1e6))
' "$i" "$((t1 - t0))"
  sleep 0.5  # the lease is released just after the record is written
done
