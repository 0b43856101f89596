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
PORT=${SERVER_PORT:-18090}
DB_PORT=${BENCH_DB_PORT:-15490}
DATA=$(mktemp -d /tmp/facility-bench-data.XXXXXX)
STATIC=$(mktemp -d /tmp/bench-static.XXXXXX)
DURATION=${BENCH_DURATION:-20s}
WARMUP=${BENCH_WARMUP:-10s}
PG_JAR=$(ls ~/.m2/repository/org/postgresql/postgresql/*/postgresql-*.jar | grep -v sources | tail -1)
source bench/lib.sh
export MACHI_DEMO=true
trap 'machi_stop; rm -rf "$DATA" "$STATIC"' EXIT
# the saved GeoJSON is served by the same server under /static/ (spring.mvc.static-path-pattern)
machi_start "$PORT" "$DB_PORT" "$DATA" -- --spring.web.resources.static-locations="file:$STATIC/,classpath:/static/"
bench_machine
"$JAVA" -cp "$PG_JAR" bench/RunSql.java "jdbc:postgresql://127.0.0.1:$DB_PORT/postgres" bench/facilities-5000.sql

API="http://127.0.0.1:$PORT/api/v1/facilities?bbox=139.5,35.6,139.8,35.9"
curl -fsS "$API" -o "$STATIC/facilities-all.json"
echo "GeoJSON of all: $(stat -c %s "$STATIC/facilities-all.json") bytes, $(grep -o '"type":"Feature"' "$STATIC/facilities-all.json" | wc -l) features"
curl -fsS "http://127.0.0.1:$PORT/static/facilities-all.json" -o "$STATIC/check.json"
cmp -s "$STATIC/facilities-all.json" "$STATIC/check.json" && echo "static copy served: identical bytes"
FILTERED="http://127.0.0.1:$PORT/api/v1/facilities?category=kumin-kan&wifi=true&stepFree=true"
curl -fsS "$FILTERED" -o "$STATIC/facilities-filtered.json"
echo "filtered: $(stat -c %s "$STATIC/facilities-filtered.json") bytes"

for url in "$API" "http://127.0.0.1:$PORT/static/facilities-all.json" "$FILTERED" "http://127.0.0.1:$PORT/static/facilities-filtered.json"; do
  echo "== $url (load average: $(cut -d' ' -f1-3 /proc/loadavg))"
  "$JAVA" bench/HttpLoad.java --url "$url" --clients 50 --duration "$DURATION" --warmup "$WARMUP" --timeout "${BENCH_TIMEOUT:-60s}" || true
done
