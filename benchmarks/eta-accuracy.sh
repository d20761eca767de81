#!/usr/bin/env bash
# How believable the progress ETA is (issue 13 item 10): a demo daily batch on a steady source (Sources:demo:DelayMs
# per trade date), its progress polled every 0.5 s; afterwards each estimate is compared with the time that was
# really left. Prints the samples from 20 % on and the share within ±30 %. Loopback only, bounded (~1 min).
#   usage: benchmarks/eta-accuracy.sh [start=2026-05-01] [end=2026-10-30] [delay_ms=300]
set -euo pipefail
cd "$(dirname "$0")/.."
start=${1:-2026-05-01}
end=${2:-2026-10-30}
delay=${3:-300}
port=5099
dir=$(mktemp -d /tmp/syncmonitor-eta.XXXXXX)
dotnet build src/SyncMonitor.Api -c Release -nologo -v quiet >/dev/null
dotnet src/SyncMonitor.Api/bin/Release/net10.0/SyncMonitor.Api.dll --DataDirectory="$dir" --urls="http://127.0.0.1:$port" \
  --Serilog:MinimumLevel:Default=Warning --Scheduler:Enabled=false --Sources:demo:DelayMs="$delay" >/dev/null 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; rm -rf "$dir"' EXIT
for _ in $(seq 1 150); do curl -sf "http://127.0.0.1:$port/health/live" >/dev/null && break; sleep 0.2; done
key=$(cat "$dir/admin.key")
python3 - "$port" "$key" "$start" "$end" <<'PY'
import json, sys, time, urllib.request
port, key, start, end = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
base = f"http://127.0.0.1:{port}"
def call(method, path, body=None):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(base + path, data=data, method=method,
                                 headers={"X-Api-Key": key, "Content-Type": "application/json"})
    with urllib.request.urlopen(req) as r:
        return json.load(r)
task = call("POST", "/api/v1/sync-status/sync/batch", {"start_date": start, "end_date": end})["data"]["task_id"]
t0, samples = time.monotonic(), []
while True:
    p = call("GET", f"/api/sync/tasks/{task}/progress")
    now = time.monotonic() - t0
    if p["status"] != "running":
        break
    samples.append((now, p["progress"], p.get("estimated_remaining_seconds")))
    time.sleep(0.5)
total = now
run = call("GET", "/api/sync/multi-source/history?page_size=1")["data"]["items"][0]
print(f"batch {start}..{end}: {run['total_days']} trade days, {run['status']}, {total:.1f} s by polling")
rows = [(t, pct, eta, total - t) for t, pct, eta in samples if pct >= 20 and eta is not None]
within = [r for r in rows if abs(r[2] - r[3]) <= 0.3 * r[3]]
errors = sorted(abs(r[2] - r[3]) / r[3] for r in rows if r[3] > 0)
print(f"{len(rows)} samples from 20 %: {len(within)} within ±30 % ({100 * len(within) / max(1, len(rows)):.0f} %), "
      f"median error {100 * errors[len(errors) // 2]:.0f} %, worst {100 * errors[-1]:.0f} %")
print("   t(s)  progress  eta(s)  real left(s)")
for t, pct, eta, left in rows[:: max(1, len(rows) // 12)]:
    print(f"{t:7.1f}  {pct:7.1f}%  {eta:6.0f}  {left:8.1f}")
PY
