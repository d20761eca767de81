#!/usr/bin/env bash
# The SPA's polling pattern at scale: 200 concurrent pollers of GET /api/sync/stock_basics/status against
# GET /health/live, interleaved in one run on loopback (target: status >= 90 % of live throughput, p99 within 1.5x of live's).
#   benchmarks/status-pollers.sh                         # 9 rounds x (2 s warm-up + 5 s) per endpoint, 200 connections
#   ROUNDS=5 DURATION=15 CONNECTIONS=200 benchmarks/status-pollers.sh
# Needs wrk (apt-get install -y wrk). Starts the service once (SQLite, no Redis), runs one demo sync so the status
# has a real record, then measures. Bounded in time; 127.0.0.1 only.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=${PORT:-5393}; DURATION=${DURATION:-5}; WARMUP=${WARMUP:-2}; CONNECTIONS=${CONNECTIONS:-200}; ROUNDS=${ROUNDS:-9}
BASE="http://127.0.0.1:${PORT}"
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
# APP_DIR=<another build's output> measures that build instead (e.g. main before a change), same script.
if [ -z "${APP_DIR:-}" ]; then
  dotnet build src/SyncMonitor.Api -c Release -v quiet -nologo >/dev/null
  APP_DIR=$PWD/src/SyncMonitor.Api/bin/Release/net10.0
fi
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
cpu_ticks() { awk '{print $14 + $15}' "/proc/$PID/stat"; } # the service's user + system time, in clock ticks
TICKS=$(getconf CLK_TCK)
run() { # url -> "req/s p50_ms p99_ms non2xx requests_per_service_cpu_second"
  wrk -t2 -c"$CONNECTIONS" -d"${WARMUP}s" -s "$OUT/key.lua" "$1" >/dev/null
  local before after
  before=$(cpu_ticks)
  wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency -s "$OUT/key.lua" "$1" >"$OUT/wrk.txt"
  after=$(cpu_ticks)
  awk -v cpu="$(( after - before ))" -v hz="$TICKS" '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
    /requests in/ { n = $1 } /Requests\/sec/ { rps = $2 } / 50%/ { p50 = ms($2) } / 99%/ { p99 = ms($2) } /Non-2xx/ { bad = $NF }
    END { printf "%s %.2f %.2f %s %.0f\n", rps, p50, p99, (bad == "" ? 0 : bad), (cpu > 0 ? n * hz / cpu : 0) }' "$OUT/wrk.txt"
}
# Short alternating slices: on this shared machine the load swings within seconds, so many short A,B pairs
# compare the two sides under the same load better than a few long ones.
# JIT warm-up of both paths before anything counts (tiered compilation runs for the first ~20 s of load).
wrk -t2 -c"$CONNECTIONS" -d10s -s "$OUT/key.lua" "$BASE/api/sync/stock_basics/status" >/dev/null
wrk -t2 -c"$CONNECTIONS" -d10s -s "$OUT/key.lua" "$BASE/health/live" >/dev/null
status=(); live=(); ratios=()
for round in $(seq 1 "$ROUNDS"); do
  s=$(run "$BASE/api/sync/stock_basics/status"); l=$(run "$BASE/health/live")
  echo "round $round: status $s | live $l   (req/s p50_ms p99_ms non2xx req_per_cpu_s)"
  status+=("$s"); live+=("$l")
  ratios+=("$(awk -v a="${s%% *}" -v b="${l%% *}" 'BEGIN {print a/b}')")
done
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
col() { local i=$1; shift; for x in "$@"; do echo "$x" | awk -v i="$i" '{print $i}'; done; }
s_rps=$(median $(col 1 "${status[@]}")); l_rps=$(median $(col 1 "${live[@]}"))
s_p99=$(median $(col 3 "${status[@]}")); l_p99=$(median $(col 3 "${live[@]}"))
s_cpu=$(median $(col 5 "${status[@]}")); l_cpu=$(median $(col 5 "${live[@]}"))
echo "status: median ${s_rps} req/s, p99 ${s_p99} ms, ${s_cpu} req per service CPU-s | live: median ${l_rps} req/s, p99 ${l_p99} ms, ${l_cpu} req per CPU-s"
echo "load: $(uptime)"
grep -E '\] (ERR|FTL)' "$OUT/app.log" | head -5 || true # the server's side of any non-2xx above
awk -v a="$s_cpu" -v b="$l_cpu" 'BEGIN {printf "requests per service CPU-second, status/live: %.1f %%\n", 100*a/b}'
echo "median of the per-round ratios (status/live req/s): $(median "${ratios[@]}")"
awk -v a="$s_p99" -v b="$l_p99" 'BEGIN {printf "status p99 / live p99: %.2f (target <= 1.5)\n", a/b}'
awk -v a="$s_rps" -v b="$l_rps" 'BEGIN {printf "status/live: %.1f %% (target >= 90 %%)\n", 100*a/b}'
