#!/usr/bin/env bash
# End-to-end daily-basic backfill on the embedded store (SQLite) from the demo source: POST the batch for a date range,
# wait for the run to end, and report rows/s from the run record (finished_at - started_at) with the server's peak RSS
# sampled every 100 ms. Loopback only, one run, bounded by the range.
#   benchmarks/daily-backfill.sh                          # one year: 2025-01-01..2025-12-31 (~243 trade days x 5,010 rows)
#   START=2025-01-01 END=2025-06-30 benchmarks/daily-backfill.sh
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=${PORT:-5394}; START=${START:-2025-01-01}; END=${END:-2025-12-31}
BASE="http://127.0.0.1:${PORT}"
dotnet build src/SyncMonitor.Api -c Release -v quiet -nologo >/dev/null
DATA=$(mktemp -d); PID=""; SAMPLER=""
cleanup() { [ -n "$SAMPLER" ] && kill "$SAMPLER" 2>/dev/null; [ -n "$PID" ] && kill "$PID" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$DATA"; }
trap cleanup EXIT
(cd src/SyncMonitor.Api/bin/Release/net10.0 && exec dotnet SyncMonitor.Api.dll --urls="$BASE" --DataDirectory="$DATA" \
  --Serilog:MinimumLevel:Default=Warning) >"$DATA/app.log" 2>&1 &
PID=$!
for _ in $(seq 1 120); do curl -fs "$BASE/health/live" >/dev/null 2>&1 && break; sleep 0.5; done
KEY=$(cat "$DATA/admin.key")
( peak=0; while kill -0 "$PID" 2>/dev/null; do
    r=$(awk '/VmRSS/ {print $2}' "/proc/$PID/status" 2>/dev/null || echo 0)
    [ "${r:-0}" -gt "$peak" ] && peak=$r && echo "$peak" >"$DATA/peak"; sleep 0.1; done ) &
SAMPLER=$!
echo "load before: $(uptime)"
t0=$(date +%s%N)
curl -fs -X POST -H "X-Api-Key: $KEY" -H 'Content-Type: application/json' \
  -d "{\"start_date\":\"$START\",\"end_date\":\"$END\"}" "$BASE/api/v1/sync-status/sync/batch" >/dev/null
sleep 0.2
while curl -fs -H "X-Api-Key: $KEY" "$BASE/api/sync/current" | grep -q '"task_id"'; do sleep 0.1; done
t1=$(date +%s%N)
echo "load after:  $(uptime)"
curl -fs -H "X-Api-Key: $KEY" "$BASE/api/sync/multi-source/history?page=1&page_size=1" | python3 -c '
import json, sys
from datetime import datetime
d = json.load(sys.stdin)["data"]["items"][0]
wall = (datetime.fromisoformat(d["finished_at"]) - datetime.fromisoformat(d["started_at"])).total_seconds()
rows = d["inserted"] + d["updated"]
print("run: %s, total=%d inserted=%d updated=%d errors=%d" % (d["status"], d["total"], d["inserted"], d["updated"], d.get("errors", 0)))
print("http round trip %.1f s" % (int(sys.argv[2]) / 1e9))
print("peak RSS %d MiB (target < 400)" % (int(sys.argv[1]) // 1024))
print("service wall %.2f s = %.0f rows/s (target: one year in < 10 s, >= 120k rows/s)" % (wall, rows / wall))
' "$(cat "$DATA/peak")" "$((t1 - t0))"
