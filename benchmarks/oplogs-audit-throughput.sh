#!/usr/bin/env bash
# Throughput of a cheap mutating endpoint (POST /api/bench/noop, 204) with operation-log auditing off and on.
# Loopback only (127.0.0.1), bounded: 2 x WARMUP + ROUNDS x 2 x (2 + DURATION) seconds of load.
#   benchmarks/oplogs-audit-throughput.sh            # 9 rounds of 5 s per side after 15 s of JIT warm-up each, 16 connections
#   STORE=null benchmarks/oplogs-audit-throughput.sh # entries built and queued but discarded: the request-side cost
#   BENCH_DLL=<other build>/SyncMonitor.Benchmarks.dll benchmarks/oplogs-audit-throughput.sh   # e.g. main before a change
# Both servers (auditing off, auditing on) run side by side and are loaded in turn (off, on, off, on...), so a swing
# of the shared machine's load hits both sides alike; each also reports requests per second of its own CPU time.
set -euo pipefail
cd "$(dirname "$0")/.."
source benchmarks/oplogs-common.sh
DURATION=${DURATION:-5}; WARMUP=${WARMUP:-15}; CONNECTIONS=${CONNECTIONS:-16}; ROUNDS=${ROUNDS:-9}; PORT=${PORT:-5198}
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk"; exit 1; }
oplogs_build
work=$(mktemp -d)
OFF_PID=""; ON_PID=""
cleanup() { for p in $OFF_PID $ON_PID; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT
cat >"$work/post.lua" <<LUA
wrk.method = "POST"
wrk.headers["X-Api-Key"] = "$BENCH_KEY"
LUA

start() { # mode port fd -> STARTED_PID; the server stops when its stdin (a fifo held open on fd by this shell) closes
  local mode=$1 port=$2 fd=$3 fifo
  fifo=$(mktemp -u); mkfifo "$fifo"
  dotnet "$BENCH_DLL" oplogs-serve --port "$port" --audit "$mode" --data "$work/data-$mode" --store "${STORE:-real}" \
    <"$fifo" >"$work/server-$mode.log" 2>&1 &
  STARTED_PID=$!
  eval "exec $fd>\"$fifo\""; rm -f "$fifo"
  for _ in $(seq 1 600); do grep -q '^READY' "$work/server-$mode.log" && break; sleep 0.1; done
  grep -q '^READY' "$work/server-$mode.log" || { cat "$work/server-$mode.log" >&2; exit 1; }
}
start off "$PORT" 8; OFF_PID=$STARTED_PID
start on "$((PORT + 1))" 9; ON_PID=$STARTED_PID
url() { echo "http://127.0.0.1:$1/api/bench/noop"; }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
TICKS=$(getconf CLK_TCK)

answered() { awk '/requests in/ { print $1 }' "$work/wrk.txt" >>"$work/answered-$1"; } # responses wrk got, per port
measure() { # pid port -> "req/s requests_per_server_cpu_second non2xx"
  wrk -t1 -c"$CONNECTIONS" -d2s -s "$work/post.lua" "$(url "$2")" >"$work/wrk.txt"; answered "$2"
  local before after
  before=$(cpu_ticks "$1")
  wrk -t1 -c"$CONNECTIONS" -d"${DURATION}s" -s "$work/post.lua" "$(url "$2")" >"$work/wrk.txt"
  after=$(cpu_ticks "$1")
  answered "$2"
  awk -v cpu="$(( after - before ))" -v hz="$TICKS" '/requests in/ { n = $1 } /Requests\/sec/ { rps = $2 } /Non-2xx/ { bad = $NF }
    END { printf "%s %.0f %s\n", rps, (cpu > 0 ? n * hz / cpu : 0), (bad == "" ? 0 : bad) }' "$work/wrk.txt"
}

# JIT warm-up (tiered compilation runs for the first ~20 s of load), then the alternating rounds.
for p in "$PORT" "$((PORT + 1))"; do wrk -t1 -c"$CONNECTIONS" -d"${WARMUP}s" -s "$work/post.lua" "$(url "$p")" >"$work/wrk.txt"; answered "$p"; done
off=(); on=(); ratios=()
for round in $(seq 1 "$ROUNDS"); do
  a=$(measure "$OFF_PID" "$PORT"); b=$(measure "$ON_PID" "$((PORT + 1))")
  echo "round $round: off $a | on $b   (req/s req_per_server_cpu_s non2xx)"
  off+=("$a"); on+=("$b"); ratios+=("$(awk -v x="${b%% *}" -v y="${a%% *}" 'BEGIN {print x/y}')")
done
exec 8>&- 9>&- # graceful stop: the "on" server drains its queue and reports what it stored and dropped
for p in $OFF_PID $ON_PID; do while kill -0 "$p" 2>/dev/null; do sleep 0.2; done; done
OFF_PID=""; ON_PID=""
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
col() { local i=$1; shift; for x in "$@"; do echo "$x" | awk -v i="$i" '{print $i}'; done; }
m_off=$(median $(col 1 "${off[@]}")); m_on=$(median $(col 1 "${on[@]}"))
c_off=$(median $(col 2 "${off[@]}")); c_on=$(median $(col 2 "${on[@]}"))
echo "audit off: median ${m_off} req/s, ${c_off} req per server CPU-s"
echo "audit on:  median ${m_on} req/s, ${c_on} req per server CPU-s"
echo "audit on, completeness: $(awk '{n += $1} END {print n}' "$work/answered-$((PORT + 1))") audited responses received by wrk;" \
  "server: $(grep STOPPED "$work/server-on.log" || echo 'no STOPPED line') (stored + dropped >= received)"
echo "load: $(uptime)"
awk -v a="$c_on" -v b="$c_off" 'BEGIN {printf "requests per server CPU-second, on/off: %.1f %%\n", 100*a/b}'
echo "median of the per-round ratios (on/off req/s): $(median "${ratios[@]}")"
awk -v a="$m_on" -v b="$m_off" 'BEGIN {printf "on/off: %.1f %% (target >= 95 %%)\n", 100*a/b}'
