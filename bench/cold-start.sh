#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-or-later
#
# Cold start: time from launching the packaged jar to /actuator/health answering UP, with the embedded
# PostgreSQL, first with a fresh (empty) data folder, then again with the folder that run left behind.
#
#   ./mvnw -q -DskipTests package      # once, builds target/machi-*.jar
#   bench/cold-start.sh [runs]         # default 3 runs of each kind
#
# Environment: JAVA_HOME (else the newest JDK 21+ under /usr/lib/jvm), SERVER_PORT (default 18080),
# BENCH_DATA_DIR (default a temporary folder, removed afterwards; a given folder is EMPTIED before each
# fresh run), BENCH_LOG_DIR (default bench/results),
# JAVA_OPTS (extra JVM options), BENCH_JAR (another jar, e.g. an extracted one). MACHI_DB_URL is cleared
# so that the embedded server is measured.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
runs="${1:-3}"
port="${SERVER_PORT:-18080}"
log_dir="${BENCH_LOG_DIR:-bench/results}"
mkdir -p "$log_dir"

find_java() {
  local d v best="" best_v=0
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
    v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$JAVA_HOME/release" 2>/dev/null || true)
    if [ -n "$v" ] && [ "$v" -ge 21 ]; then echo "$JAVA_HOME/bin/java"; return; fi
  fi
  for d in /usr/lib/jvm/*; do
    v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$d/release" 2>/dev/null || true)
    if [ -n "$v" ] && [ -x "$d/bin/java" ] && [ "$v" -ge 21 ] && [ "$v" -gt "$best_v" ]; then best="$d/bin/java"; best_v=$v; fi
  done
  [ -n "$best" ] || { echo "cold-start: no JDK 21+ (set JAVA_HOME)" >&2; exit 1; }
  echo "$best"
}
java=$(find_java)
jar="${BENCH_JAR:-$(ls target/machi-*.jar 2>/dev/null | grep -v -- '-plain' | head -1 || true)}"
[ -n "$jar" ] || { echo "cold-start: no target/machi-*.jar; run ./mvnw -q -DskipTests package first" >&2; exit 1; }
if curl -s -o /dev/null "http://127.0.0.1:$port/"; then
  echo "cold-start: something already listens on port $port; set SERVER_PORT" >&2; exit 1
fi

own_data=false
if [ -n "${BENCH_DATA_DIR:-}" ]; then data="$BENCH_DATA_DIR"; else data=$(mktemp -d /tmp/machi-cold-XXXXXX); own_data=true; fi
pid=""
cleanup() {
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then kill "$pid"; wait "$pid" 2>/dev/null || true; fi
  if [ "$own_data" = true ]; then rm -rf "$data"; fi
}
trap cleanup EXIT

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# One start: sets ms (launch to UP) and spring (Spring's own "Started ... in" seconds); stops the server.
one_start() {
  local kind="$1" n="$2" log="$log_dir/cold-start-$1-$2.log" t0 t1 body
  t0=$(now_ms)
  env -u MACHI_DB_URL -u MACHI_DB_USER -u MACHI_DB_PASSWORD SERVER_PORT="$port" MACHI_DATA_DIR="$data" \
    "$java" ${JAVA_OPTS:-} -jar "$jar" >"$log" 2>&1 </dev/null &
  pid=$!
  while :; do
    body=$(curl -s --max-time 1 "http://127.0.0.1:$port/actuator/health" || true)
    if [[ "$body" == *'"status":"UP"'* ]]; then break; fi
    if ! kill -0 "$pid" 2>/dev/null; then echo "cold-start: the server exited; see $log" >&2; exit 1; fi
    if [ $(( $(now_ms) - t0 )) -gt 180000 ]; then echo "cold-start: not UP after 180 s; see $log" >&2; exit 1; fi
    sleep 0.05
  done
  t1=$(now_ms)
  spring=$(sed -n 's/.*Started MachiApplication in \([0-9.]*\) seconds.*/\1/p' "$log" | head -1)
  kill "$pid"; wait "$pid" 2>/dev/null || true; pid=""
  ms=$(( t1 - t0 )); spring="${spring:-?}"
}

echo "java: $("$java" -version 2>&1 | head -1)   jar: $jar   data: $data   port: $port"
printf '%-6s %-4s %12s %22s   %s\n' kind run "ms to UP" "Spring 'Started in' s" "load average before the run"
for ((i = 1; i <= runs; i++)); do
  rm -rf "$data"; mkdir -p "$data"
  load=$(cut -d' ' -f1-3 /proc/loadavg)
  one_start fresh "$i"
  printf '%-6s %-4s %12s %22s   %s\n' fresh "$i" "$ms" "$spring" "$load"
  load=$(cut -d' ' -f1-3 /proc/loadavg)
  one_start warm "$i"
  printf '%-6s %-4s %12s %22s   %s\n' warm "$i" "$ms" "$spring" "$load"
done
