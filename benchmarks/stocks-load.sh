#!/usr/bin/env bash
# Loopback load test of the stock list (Stocks module): cold vs warm latency of
#   GET /api/stocks?page=1&page_size=50&sort=total_mv
# and warm throughput against GET /health/live, interleaved (list, live, list, live...), ratio printed last.
# Targets only 127.0.0.1, bounded in time.
#
#   benchmarks/stocks-load.sh                     # defaults: 10 s JIT warm-up per side, then 9 rounds x (2 s + 5 s) per side, 64 connections, 30 cold samples
#   ROUNDS=5 DURATION=10 CONNECTIONS=16 COLD_SAMPLES=60 benchmarks/stocks-load.sh
#
# Needs wrk (apt-get install -y wrk) and the .NET SDK. Starts the service twice on a temporary data directory:
#   1. Stocks:CacheSeconds=1 / LocalCacheSeconds=1: demo stock-basics sync, then one request every 1.1 s, so each one
#      misses the cache (a store query through the whole HTTP stack) - the cold latency;
#   2. default cache lifetimes (L1 60 s): warm throughput of the list and of /health/live, alternating.
set -euo pipefail
cd "$(dirname "$0")/.."

PORT=${PORT:-5391}
DURATION=${DURATION:-5}
WARMUP=${WARMUP:-2}
ROUNDS=${ROUNDS:-9}
CONNECTIONS=${CONNECTIONS:-64}
THREADS=${THREADS:-2}
COLD_SAMPLES=${COLD_SAMPLES:-30}
BASE="http://127.0.0.1:${PORT}"
LIST="${BASE}/api/stocks?page=1&page_size=50&sort=total_mv"

if ! command -v wrk >/dev/null 2>&1; then
  echo "wrk is missing: apt-get install -y wrk" >&2
  exit 1
fi

# APP_DIR=<another build's output> measures that build instead (e.g. main before a change), same script.
if [ -z "${APP_DIR:-}" ]; then
  dotnet build src/SyncMonitor.Api -c Release -v quiet -nologo >/dev/null
  APP_DIR=$PWD/src/SyncMonitor.Api/bin/Release/net10.0
fi
DATA=$(mktemp -d)
OUT=$(mktemp -d)
KEY="bench-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
HASH=$(printf %s "$KEY" | sha256sum | cut -d' ' -f1)
PID=""

cleanup() {
  if [ -n "$PID" ] && kill -0 "$PID" 2>/dev/null; then kill "$PID"; wait "$PID" 2>/dev/null || true; fi
  rm -rf "$DATA" "$OUT"
}
trap cleanup EXIT

start_app() { # $1 = Stocks:CacheSeconds, $2 = Stocks:LocalCacheSeconds
  (cd "$APP_DIR" && exec dotnet SyncMonitor.Api.dll --urls="$BASE" --DataDirectory="$DATA" \
    --Auth:ApiKeys:0:UserId=bench --Auth:ApiKeys:0:Name=bench --Auth:ApiKeys:0:Role=Operator --Auth:ApiKeys:0:KeyHash="$HASH" \
    --Stocks:CacheSeconds="$1" --Stocks:LocalCacheSeconds="$2" --Serilog:MinimumLevel:Default=Warning) >"$OUT/app.log" 2>&1 &
  PID=$!
  for _ in $(seq 1 120); do
    curl -fs "$BASE/health/live" >/dev/null 2>&1 && return 0
    sleep 0.5
  done
  echo "the service did not start; log:" >&2; cat "$OUT/app.log" >&2; exit 1
}

stop_app() { kill "$PID"; wait "$PID" 2>/dev/null || true; PID=""; }

get() { curl -fs -H "X-Api-Key: $KEY" "$@"; }

wrk_run() { # $1 = url, $2 = output file
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --timeout 10s --latency -H "X-Api-Key: $KEY" "$1" >"$2"
}

pct() { awk -v p="$1" '$1 == p { print $2 }' "$2"; }
rps() { awk '/Requests\/sec/ { print $2 }' "$1"; }

median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
ms() { awk '{ v = $1; if (v ~ /us$/) v = v / 1000; else if (v ~ /ms$/) v = v + 0; else if (v ~ /s$/) v = v * 1000; printf "%.2f", v }' <<<"$1"; }

echo "== run 1: cold latency, ${COLD_SAMPLES} requests 1.1 s apart with 1 s cache lifetimes"
start_app 1 1
get -X POST "$BASE/api/sync/stock_basics/run" >/dev/null
for _ in $(seq 1 240); do
  status=$(get "$BASE/api/sync/stock_basics/status" | sed -n 's/.*"status":"\([a-z_]*\)".*/\1/p')
  [ "$status" = "success" ] && break
  sleep 0.5
done
[ "$status" = "success" ] || { echo "sync did not finish: $status" >&2; exit 1; }
echo "stored stocks: $(get "$LIST" | sed -n 's/.*"total":\([0-9]*\).*/\1/p')"
: >"$OUT/cold.txt"
for _ in $(seq 1 "$COLD_SAMPLES"); do
  sleep 1.1
  get -o /dev/null -w '%{time_total}\n' "$LIST" >>"$OUT/cold.txt"
done
get "$BASE/api/monitoring/cache" >"$OUT/cache-cold.json"
stop_app

echo "== run 2: warm list vs /health/live, interleaved: ${ROUNDS} rounds x (${WARMUP}s warm-up + ${DURATION}s) each, ${CONNECTIONS} connections"
start_app 300 60
get "$LIST" >/dev/null
# JIT warm-up of both paths before anything counts (tiered compilation runs for the first ~20 s of load); then many
# short alternating slices, so the shared machine's load swings hit both sides alike.
for url in "$LIST" "$BASE/health/live"; do wrk -t"$THREADS" -c"$CONNECTIONS" -d10s -H "X-Api-Key: $KEY" "$url" >/dev/null; done
cpu_ticks() { awk '{print $14 + $15}' "/proc/$PID/stat"; } # the service's user + system time, in clock ticks
TICKS=$(getconf CLK_TCK)
warm=(); live=(); ratios=()
for round in $(seq 1 "$ROUNDS"); do
  for side in warm live; do
    url=$LIST; [ "$side" = live ] && url="$BASE/health/live"
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" -H "X-Api-Key: $KEY" "$url" >/dev/null
    before=$(cpu_ticks)
    wrk_run "$url" "$OUT/$side-$round.txt"
    after=$(cpu_ticks)
    per_cpu=$(awk -v cpu="$(( after - before ))" -v hz="$TICKS" '/requests in/ { n = $1 } END { printf "%.0f", (cpu > 0 ? n * hz / cpu : 0) }' "$OUT/$side-$round.txt")
    line="$(rps "$OUT/$side-$round.txt") $(ms "$(pct 50% "$OUT/$side-$round.txt")") $(ms "$(pct 99% "$OUT/$side-$round.txt")") $per_cpu"
    [ "$side" = warm ] && warm+=("$line") || live+=("$line")
    echo "round $round $side: $line   (req/s p50_ms p99_ms req_per_service_cpu_s)"
  done
  ratios+=("$(awk -v a="${warm[-1]%% *}" -v b="${live[-1]%% *}" 'BEGIN {print a/b}')")
done
get "$BASE/api/monitoring/cache" >"$OUT/cache-warm.json"
stop_app

sort -n "$OUT/cold.txt" >"$OUT/cold-sorted.txt"
cold_pct() { awk -v p="$1" '{ v[NR] = $1 } END { i = int((p / 100) * NR + 0.999999); if (i < 1) i = 1; printf "%.2f ms", v[i] * 1000 }' "$OUT/cold-sorted.txt"; }
loads() { sed -n 's/.*"name":"stocks_list"[^}]*"misses":\([0-9]*\).*/\1/p' "$1" | head -1; }
col() { local i=$1; shift; for x in "$@"; do echo "$x" | awk -v i="$i" '{print $i}'; done; }
w_rps=$(median $(col 1 "${warm[@]}")); l_rps=$(median $(col 1 "${live[@]}"))

echo
echo "load: $(uptime)"
echo "| request | p50 | p99 | requests/s (median of ${ROUNDS}) |"
echo "|---|---:|---:|---:|"
echo "| cold \`GET /api/stocks?page=1&page_size=50&sort=total_mv\` (n=${COLD_SAMPLES}, sequential, p99 = nearest rank) | $(cold_pct 50) | $(cold_pct 99) | - |"
echo "| warm \`GET /api/stocks?page=1&page_size=50&sort=total_mv\` (${CONNECTIONS} connections) | $(median $(col 2 "${warm[@]}")) ms | $(median $(col 3 "${warm[@]}")) ms | ${w_rps} |"
echo "| \`GET /health/live\` (${CONNECTIONS} connections) | $(median $(col 2 "${live[@]}")) ms | $(median $(col 3 "${live[@]}")) ms | ${l_rps} |"
echo
echo "store queries (stocks_list misses): cold run $(loads "$OUT/cache-cold.json") of ${COLD_SAMPLES}, warm run $(loads "$OUT/cache-warm.json")"
w_cpu=$(median $(col 4 "${warm[@]}")); l_cpu=$(median $(col 4 "${live[@]}"))
echo "requests per service CPU-second: warm list ${w_cpu}, live ${l_cpu} ($(awk -v a="$w_cpu" -v b="$l_cpu" 'BEGIN {printf "%.1f %%", 100*a/b}'))"
echo "median of the per-round ratios (warm list / live req/s): $(median "${ratios[@]}")"
awk -v a="$w_rps" -v b="$l_rps" 'BEGIN {printf "warm list / live: %.1f %% (target >= 75 %%)\n", 100*a/b}'
