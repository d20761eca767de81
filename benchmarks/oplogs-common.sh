#!/usr/bin/env bash
# Shared by the oplogs-*.sh benchmarks: build once, start/stop the bench host on 127.0.0.1 only.
# BENCH_DLL=<another build's SyncMonitor.Benchmarks.dll> measures that build (e.g. main before a change); no build then.
BENCH_DLL_GIVEN=${BENCH_DLL:-}
BENCH_DLL=${BENCH_DLL:-benchmarks/SyncMonitor.Benchmarks/bin/Release/net10.0/SyncMonitor.Benchmarks.dll}
BENCH_KEY=bench-admin-key

oplogs_build() {
  [ -n "$BENCH_DLL_GIVEN" ] && return 0
  dotnet build benchmarks/SyncMonitor.Benchmarks -c Release -v quiet -nologo >/dev/null
}

# oplogs_start PORT AUDIT(on|off) DATA_DIR LOG [STORE(real|null)] -> sets SERVER_PID; the server runs until oplogs_stop closes its stdin.
oplogs_start() {
  local port=$1 audit=$2 data=$3 log=$4 store=${5:-real}
  local fifo
  fifo=$(mktemp -u)
  mkfifo "$fifo"
  dotnet "$BENCH_DLL" oplogs-serve --port "$port" --audit "$audit" --data "$data" --store "$store" <"$fifo" >"$log" 2>&1 &
  SERVER_PID=$!
  exec 9>"$fifo"
  rm -f "$fifo"
  for _ in $(seq 1 600); do
    grep -q '^READY' "$log" && return 0
    kill -0 "$SERVER_PID" 2>/dev/null || { cat "$log"; return 1; }
    sleep 0.1
  done
  echo "server did not start"; cat "$log"; kill "$SERVER_PID"; return 1
}

oplogs_stop() {
  exec 9>&-
  for _ in $(seq 1 600); do
    kill -0 "$SERVER_PID" 2>/dev/null || break
    sleep 0.1
  done
  kill "$SERVER_PID" 2>/dev/null || true
  wait "$SERVER_PID" 2>/dev/null || true
}
