#!/usr/bin/env bash
# Throughput of a cheap mutating endpoint (POST /api/bench/noop, 204) with operation-log auditing off and on,
# interleaved in one run. Loopback only (127.0.0.1), bounded: ROUNDS x 2 x (WARMUP + DURATION) seconds.
#   benchmarks/oplogs-audit-throughput.sh            # defaults: 3 rounds of 10 s warm-up + 10 s measured, 16 connections
#   STORE=null benchmarks/oplogs-audit-throughput.sh # entries built and queued but discarded: the request-side cost
set -euo pipefail
cd "$(dirname "$0")/.."
source benchmarks/oplogs-common.sh
DURATION=${DURATION:-10}; WARMUP=${WARMUP:-10}; CONNECTIONS=${CONNECTIONS:-16}; ROUNDS=${ROUNDS:-3}; PORT=${PORT:-5198}
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk"; exit 1; }
oplogs_build
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cat >"$work/post.lua" <<LUA
wrk.method = "POST"
wrk.headers["X-Api-Key"] = "$BENCH_KEY"
LUA
url="http://127.0.0.1:$PORT/api/bench/noop"

measure() { # mode -> prints requests/s
  local mode=$1 data="$work/data-$1-$2" log="$work/server-$1-$2.log"
  oplogs_start "$PORT" "$mode" "$data" "$log" "${STORE:-real}"
  wrk -t1 -c"$CONNECTIONS" -d"${WARMUP}s" -s "$work/post.lua" "$url" >/dev/null
  local out
  out=$(wrk -t1 -c"$CONNECTIONS" -d"${DURATION}s" -s "$work/post.lua" "$url")
  oplogs_stop
  local rps non2xx
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  non2xx=$(echo "$out" | awk '/Non-2xx/ {print $NF}')
  echo "$mode round $2: ${rps} req/s ${non2xx:+(non-2xx: $non2xx) }$(grep STOPPED "$log" || true)" >&2
  echo "$rps"
}

off=(); on=()
for round in $(seq 1 "$ROUNDS"); do
  off+=("$(measure off "$round")")
  on+=("$(measure on "$round")")
done
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
m_off=$(median "${off[@]}"); m_on=$(median "${on[@]}")
echo "audit off: median ${m_off} req/s (${off[*]})"
echo "audit on:  median ${m_on} req/s (${on[*]})"
echo "load: $(uptime)"
awk -v a="$m_on" -v b="$m_off" 'BEGIN {printf "on/off: %.1f %% (target >= 95 %%)\n", 100*a/b}'
