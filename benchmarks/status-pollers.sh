#!/usr/bin/env bash
# The SPA's polling pattern at scale: 200 concurrent pollers of GET /api/sync/stock_basics/status against
# GET /health/live, interleaved in one run on loopback (target: status >= 80 % of live throughput, p99 < 10 ms).
#   benchmarks/status-pollers.sh                         # 3 rounds x (5 s warm-up + 10 s) per endpoint, 200 connections
#   ROUNDS=5 DURATION=15 CONNECTIONS=200 benchmarks/status-pollers.sh
# Needs wrk (apt-get install -y wrk). Starts the service once (SQLite, no Redis), runs one demo sync so the status
# has a real record, then measures. Bounded in time; 127.0.0.1 only.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=${PORT:-5393}; DURATION=${DURATION:-10}; WARMUP=${WARMUP:-5}; CONNECTIONS=${CONNECTIONS:-200}; ROUNDS=${ROUNDS:-3}
BASE="http://127.0.0.1:${PORT}"
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
dotnet build src/SyncMonitor.Api -c Release -v quiet -nologo >/dev/null
APP_DIR=src/SyncMonitor.Api/bin/Release/net10.0
DATA=$(mktemp -d); OUT=$(mktemp -d); PID=""
KEY="bench-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
HASH=$(printf %s "$KEY" | sha256sum | cut -d' ' -f1)
cleanup() { [ -n "$PID" ] && kill "$PID" 2>/dev/null; wait "$PID" 2>/dev/null || true; rm -rf "$DATA" "$OUT"; }
trap cleanup EXIT
(cd "$APP_DIR" && exec dotnet SyncMonitor.Api.dll --urls="$BASE" --DataDirectory="$DATA" \
  --Auth:ApiKeys:0:UserId=bench --Auth:ApiKeys:0:Name=bench --Auth:ApiKeys:0:Role=Operator --Auth:ApiKeys:0:KeyHash="$HASH" \
  --Serilog:MinimumLevel:Default=Warning) >"$OUT/app.log" 2>&1 &
PID=$!
for _ in $(seq 1 120); do curl -fs "$BASE/health/live" >/dev/null 2>&1 && break; sleep 0.5; done
curl -fs -X POST -H "X-Api-Key: $KEY" "$BASE/api/sync/stock_basics/run" >/dev/null
for _ in $(seq 1 120); do
  curl -fs -H "X-Api-Key: $KEY" "$BASE/api/sync/stock_basics/status" | grep -q '"status":"success"' && break; sleep 0.5
done
cat >"$OUT/key.lua" <<LUA
wrk.headers["X-Api-Key"] = "$KEY"
LUA
run() { # url -> "req/s p50 p99" (ms)
  wrk -t2 -c"$CONNECTIONS" -d"${WARMUP}s" -s "$OUT/key.lua" "$1" >/dev/null
  wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency -s "$OUT/key.lua" "$1" | awk '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
    /Requests\/sec/ { rps = $2 } / 50%/ { p50 = ms($2) } / 99%/ { p99 = ms($2) } /Non-2xx/ { bad = $NF }
    END { printf "%s %.2f %.2f %s\n", rps, p50, p99, (bad == "" ? 0 : bad) }'
}
status=(); live=()
for round in $(seq 1 "$ROUNDS"); do
  s=$(run "$BASE/api/sync/stock_basics/status"); l=$(run "$BASE/health/live")
  echo "round $round: status $s | live $l   (req/s p50_ms p99_ms non2xx)"
  status+=("$s"); live+=("$l")
done
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
col() { local i=$1; shift; for x in "$@"; do echo "$x" | awk -v i="$i" '{print $i}'; done; }
s_rps=$(median $(col 1 "${status[@]}")); l_rps=$(median $(col 1 "${live[@]}"))
s_p99=$(median $(col 3 "${status[@]}")); l_p99=$(median $(col 3 "${live[@]}"))
echo "status: median ${s_rps} req/s, p99 ${s_p99} ms | live: median ${l_rps} req/s, p99 ${l_p99} ms"
awk -v a="$s_rps" -v b="$l_rps" 'BEGIN {printf "status/live: %.1f %% (target >= 80 %%)\n", 100*a/b}'
