#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-or-later
#
# The facility API under 50 concurrent clients next to a static file of the same size served by the same server
# (docs/benchmarks.md). Starts the jar on a throw-away data folder, loads bench/facilities-5000.sql, saves the
# bbox GeoJSON of all facilities as a static file in a temporary folder that only this run serves
# (--spring.web.resources.static-locations; nothing is added to the product), then runs bench/HttpLoad.java
# against both URLs. Build first: ./mvnw -q -B -Dmaven.test.skip=true package
#
#   bench/facility-http.sh            # 20 s measured after 10 s of warm-up per URL
#
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA=${JAVA:-$(ls -d /usr/lib/jvm/temurin-2*/bin/java 2>/dev/null | tail -1)}
JAVA=${JAVA:-java}
PORT=${SERVER_PORT:-18090}
DB_PORT=${BENCH_DB_PORT:-15490}
DATA=$(mktemp -d /tmp/facility-bench-data.XXXXXX)
STATIC=$(mktemp -d /tmp/bench-static.XXXXXX)
DURATION=${BENCH_DURATION:-20s}
WARMUP=${BENCH_WARMUP:-10s}
PG_JAR=$(ls ~/.m2/repository/org/postgresql/postgresql/*/postgresql-*.jar | grep -v sources | tail -1)
JAR=$(ls target/machi-*.jar | grep -v original | head -1)

SERVER_PORT=$PORT MACHI_DB_PORT=$DB_PORT MACHI_DATA_DIR=$DATA MACHI_DEMO=true \
  "$JAVA" -jar "$JAR" --spring.web.resources.static-locations="file:$STATIC/,classpath:/static/" >"$DATA/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null; rm -rf "$DATA" "$STATIC"' EXIT
for i in $(seq 1 600); do
  curl -fsS "http://127.0.0.1:$PORT/actuator/health" >/dev/null 2>&1 && break
  sleep 0.2
done
"$JAVA" -cp "$PG_JAR" bench/RunSql.java "jdbc:postgresql://127.0.0.1:$DB_PORT/postgres" bench/facilities-5000.sql

API="http://127.0.0.1:$PORT/api/v1/facilities?bbox=139.5,35.6,139.8,35.9"
curl -fsS "$API" -o "$STATIC/facilities-all.json"
echo "GeoJSON of all: $(stat -c %s "$STATIC/facilities-all.json") bytes, $(grep -o '"type":"Feature"' "$STATIC/facilities-all.json" | wc -l) features"
curl -fsS "http://127.0.0.1:$PORT/facilities-all.json" -o "$STATIC/check.json"
cmp -s "$STATIC/facilities-all.json" "$STATIC/check.json" && echo "static copy served: identical bytes"
FILTERED="http://127.0.0.1:$PORT/api/v1/facilities?category=kumin-kan&wifi=true&stepFree=true"
curl -fsS "$FILTERED" -o "$STATIC/facilities-filtered.json"
echo "filtered: $(stat -c %s "$STATIC/facilities-filtered.json") bytes"

for url in "$API" "http://127.0.0.1:$PORT/facilities-all.json" "$FILTERED" "http://127.0.0.1:$PORT/facilities-filtered.json"; do
  echo "== $url (load average: $(cut -d' ' -f1-3 /proc/loadavg))"
  "$JAVA" bench/HttpLoad.java --url "$url" --clients 50 --duration "$DURATION" --warmup "$WARMUP" --timeout "${BENCH_TIMEOUT:-60s}" || true
done
