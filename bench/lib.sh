# SPDX-License-Identifier: AGPL-3.0-or-later
# Shared by the bench scripts (source it after `cd` to the project folder): which JDK and jar to run, starting Machi on
# its own embedded PostgreSQL and data folder, stopping it, and the line that says on what machine a figure was taken.
#   JAVA   the java to run (default: JAVA_HOME's if 21+, else the newest JDK 21+ under /usr/lib/jvm, else `java`)
#   JAR    the jar to run (default: target/machi-*.jar; build it with ./mvnw -q -B -DskipTests package)
#   JAVA_OPTS  extra JVM options for the server, e.g. a flight recording of the whole run:
#          JAVA_OPTS="-XX:StartFlightRecording=filename=/tmp/run.jfr,settings=profile" bash bench/booking-bench.sh
#          then: java bench/JfrTop.java /tmp/run.jfr 25

bench_java() {
  local d v best="" best_v=0
  if [ -n "${JAVA:-}" ]; then echo "$JAVA"; return; fi
  for d in ${JAVA_HOME:-} /usr/lib/jvm/*; do
    v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$d/release" 2>/dev/null || true)
    if [ -n "$v" ] && [ -x "$d/bin/java" ] && [ "$v" -ge 21 ] && [ "$v" -gt "$best_v" ]; then best="$d/bin/java"; best_v=$v; fi
  done
  echo "${best:-java}"
}

bench_jar() {
  local jar="${JAR:-$(ls target/machi-*.jar 2>/dev/null | grep -v original | head -1 || true)}"
  [ -n "$jar" ] || { echo "no target/machi-*.jar: build it first with ./mvnw -q -B -DskipTests package" >&2; exit 2; }
  echo "$jar"
}

JAVA=$(bench_java)
JAR=$(bench_jar)
APP=

# machi_start PORT DB_PORT DATA [JVM options ...] [-- application arguments ...]
# Starts the jar on a fresh (or kept) data folder with the embedded PostgreSQL on DB_PORT, logs to DATA/app.log (appended),
# sets APP to its pid and waits until /actuator/health says UP (START_TIMEOUT seconds, default 600); exits if it never does.
machi_start() {
  local port=$1 db_port=$2 data=$3; shift 3
  local jvm=() app=()
  while [ $# -gt 0 ]; do
    if [ "$1" = "--" ]; then shift; app=("$@"); break; fi
    jvm+=("$1"); shift
  done
  env -u MACHI_DB_URL SERVER_PORT="$port" MACHI_DB_PORT="$db_port" MACHI_DATA_DIR="$data" \
    MACHI_BASE_URL="${MACHI_BASE_URL:-http://127.0.0.1:$port}" \
    "$JAVA" ${JAVA_OPTS:-} "${jvm[@]}" -jar "$JAR" "${app[@]}" >>"$data/app.log" 2>&1 </dev/null &
  APP=$!
  local _
  for _ in $(seq 1 "${START_TIMEOUT:-600}"); do
    curl -fs "http://127.0.0.1:$port/actuator/health" 2>/dev/null | grep -q UP && return 0
    kill -0 "$APP" 2>/dev/null || break
    sleep 1
  done
  echo "Machi did not start; the end of its log:" >&2
  tail -20 "$data/app.log" >&2
  exit 1
}

# Stops the server machi_start started (if any) and waits for it.
machi_stop() {
  if [ -n "$APP" ]; then kill "$APP" 2>/dev/null || true; wait "$APP" 2>/dev/null || true; APP=; fi
}

bench_load() { cut -d' ' -f1-3 /proc/loadavg; }

# The line every benchmark prints first: when, what machine, how busy, which commit and jar.
bench_machine() {
  echo "--- machine: $(date -u '+%F %H:%M UTC'), nproc $(nproc), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)," \
    "load average $(bench_load), commit $(git rev-parse --short HEAD 2>/dev/null || echo '?'), jar $JAR, $("$JAVA" -version 2>&1 | head -1)"
}
