#!/usr/bin/env bash
# Builds and runs every test, then prints one line with the real counts read from the TRX results:
#   N passed, N failed, N skipped
# Installs what the tests need when it is missing: redis-server, python3-aiosmtpd (the SMTP server the alert e-mail
# tests run), chromium with CJK fonts for the dashboard's browser tests (Playwright drives the system Chromium; it
# never downloads a browser), and prometheus (the server and promtool) for the tests of deploy/prometheus and
# deploy/grafana. Exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")"

need_apt=()
command -v redis-server >/dev/null 2>&1 || need_apt+=(redis-server)
/usr/bin/python3 -c 'import aiosmtpd' >/dev/null 2>&1 || need_apt+=(python3-aiosmtpd)
[ -x /usr/bin/chromium ] || need_apt+=(chromium)
dpkg -s fonts-noto-cjk >/dev/null 2>&1 || need_apt+=(fonts-noto-cjk)
{ command -v prometheus && command -v promtool; } >/dev/null 2>&1 || need_apt+=(prometheus)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "Installing ${need_apt[*]} ..."
  if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

results=TestResults
rm -rf "$results"
dotnet build SyncMonitor.sln -c Release -nologo -v quiet

set +e
dotnet test SyncMonitor.sln -c Release --no-build -nologo \
  --logger "trx" --logger "console;verbosity=minimal" \
  --results-directory "$results" -- RunConfiguration.TestSessionTimeout=3000000
test_exit=$?
set -e

passed=0; failed=0; skipped=0; files=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  files=$((files + 1))
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  attr() { echo "$counters" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
  passed=$((passed + $(attr passed)))
  failed=$((failed + $(attr failed) + $(attr error) + $(attr timeout) + $(attr aborted)))
  skipped=$((skipped + $(attr total) - $(attr executed)))
done

if [ "$files" -eq 0 ]; then
  echo "No test results were written (build or test host failure)."
  echo "0 passed, 1 failed, 0 skipped"
  exit 1
fi

echo "${passed} passed, ${failed} failed, ${skipped} skipped"
if [ "$failed" -gt 0 ] || [ "$test_exit" -ne 0 ] || [ "$passed" -eq 0 ]; then
  exit 1
fi
