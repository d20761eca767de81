#!/usr/bin/env bash
# Builds and runs every test, then prints one line with the real counts read from the TRX results:
#   N passed, N failed, N skipped
# followed, when tests were skipped, by why (e.g. " (MongoDB not available: set SYNCMONITOR_TEST_MONGO ...)").
# A failed build still ends with such a line. The Mongo live contract suites run against a real server with
#   SYNCMONITOR_TEST_MONGO='mongodb://host:27017/?replicaSet=rs0' ./test.sh
# Installs what the tests need when it is missing: redis-server, docker-compose (validates docker-compose.yml; no engine
# needed), python3-aiosmtpd (the SMTP server the alert e-mail tests run), chromium with CJK fonts for the dashboard's
# browser tests (Playwright drives the system Chromium; it never downloads a browser), and prometheus (the server and
# promtool) for the tests of deploy/prometheus and deploy/grafana. Exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")"

need_apt=()
command -v redis-server >/dev/null 2>&1 || need_apt+=(redis-server)
command -v docker-compose >/dev/null 2>&1 || need_apt+=(docker-compose)
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
if ! dotnet build SyncMonitor.sln -c Release -nologo -v quiet; then
  echo "0 passed, 1 failed, 0 skipped (the build failed; nothing ran)"
  exit 1
fi

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
  echo "0 passed, 1 failed, 0 skipped (no test results were written: the test host failed)"
  exit 1
fi

# Why tests were skipped: the message of every not-executed result, counted per distinct message.
skip_messages() {
  awk '
    /<UnitTestResult / { skipped = ($0 ~ /outcome="NotExecuted"/) }
    skipped && /<Message>/ {
      line = $0; sub(/.*<Message>/, "", line); sub(/<\/Message>.*/, "", line); print line; skipped = 0
    }' "$results"/*.trx \
    | sed -e "s/&apos;/'/g" -e 's/&quot;/"/g' -e 's/&lt;/</g' -e 's/&gt;/>/g' -e 's/&amp;/\&/g'
}

summary="${passed} passed, ${failed} failed, ${skipped} skipped"
if [ "$skipped" -gt 0 ]; then
  distinct=$(skip_messages | sort -u | grep -c . || true)
  reasons=$(skip_messages | sort | uniq -c | sort -rn \
    | awk -v multi="$([ "$distinct" -gt 1 ] && echo 1)" \
        '{ count = $1; sub(/^ *[0-9]+ /, ""); printf "%s%s%s", (NR > 1 ? "; " : ""), (multi ? count ": " : ""), $0 }')
  summary="${summary} (${reasons:-no reason given})"
fi
echo "$summary"
if [ "$failed" -gt 0 ] || [ "$test_exit" -ne 0 ] || [ "$passed" -eq 0 ]; then
  exit 1
fi
