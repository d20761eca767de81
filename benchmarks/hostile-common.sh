#!/usr/bin/env bash
# Shared by hostile-*.sh: start/stop the real service (SQLite, no Redis) on 127.0.0.1 with one operator key.
APP_DIR=src/SyncMonitor.Api/bin/Release/net10.0
hostile_build() {
  [ -n "${SKIP_BUILD:-}" ] || dotnet build src/SyncMonitor.Api -c Release -v quiet -nologo >/dev/null
}

# hostile_start PORT DATA_DIR LOG [--Setting=value ...] -> sets PID, BASE, KEY
hostile_start() {
  local port=$1 data=$2 log=$3; shift 3
  BASE="http://127.0.0.1:${port}"
  KEY="bench-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
  local hash
  hash=$(printf %s "$KEY" | sha256sum | cut -d' ' -f1)
  (cd "$APP_DIR" && exec dotnet SyncMonitor.Api.dll --urls="$BASE" --DataDirectory="$data" \
    --Auth:ApiKeys:0:UserId=bench --Auth:ApiKeys:0:Name=bench --Auth:ApiKeys:0:Role=Operator --Auth:ApiKeys:0:KeyHash="$hash" \
    --Scheduler:Enabled=false "$@") >"$log" 2>&1 &
  PID=$!
  for _ in $(seq 1 240); do curl -fs "$BASE/health/live" >/dev/null 2>&1 && return 0; sleep 0.25; done
  echo "service did not start"; cat "$log"; return 1
}

hostile_stop() {
  [ -n "${PID:-}" ] && kill "$PID" 2>/dev/null; wait "$PID" 2>/dev/null || true; PID=""
}

# bytes of the store (database + WAL) and of the log folder under DATA_DIR
store_bytes() { du -cb "$1"/*.db* 2>/dev/null | tail -1 | cut -f1; }
log_bytes() { du -sb "$1/logs" 2>/dev/null | cut -f1 || echo 0; }
