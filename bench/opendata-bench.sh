#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-or-later
# Open data benchmarks (docs/benchmarks.md). Starts the jar on a fresh embedded database with a small heap
# (OPENDATA_HEAP, default 128m: about the least Machi starts with), adds 100,000 published まちレポ reports with long descriptions (so the CSV is larger
# than the heap) and 500 uploaded datasets, then measures:
#   1. the first (generating) and a cached download of the report CSV, and the JVM's heap afterwards;
#   2. package_search p95 with 500+ datasets (bench/HttpLoad.java).
# Not part of ./mvnw verify. Usage: ./mvnw -q -B -DskipTests package && bash bench/opendata-bench.sh
set -uo pipefail
cd "$(dirname "$0")/.."
PORT=${PORT:-18413}
DB_PORT=${DB_PORT:-15443}
HEAP=${OPENDATA_HEAP:-128m}
DATA=$(mktemp -d /tmp/machi-opendata-bench.XXXXXX)
JAVA=${JAVA:-$( [ -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ] && echo /usr/lib/jvm/temurin-25-jdk-amd64/bin/java || echo java)}
JAR=$(ls target/machi-*.jar | grep -v original | head -1)
SERVER_PORT=$PORT MACHI_DB_PORT=$DB_PORT MACHI_DATA_DIR=$DATA MACHI_BASE_URL=http://127.0.0.1:$PORT \
  "$JAVA" -Xmx$HEAP -XX:+ExitOnOutOfMemoryError -jar "$JAR" >"$DATA/app.log" 2>&1 &
APP=$!
trap 'cp "$DATA/app.log" /tmp/opendata-bench-app.log 2>/dev/null; kill $APP 2>/dev/null; wait $APP 2>/dev/null; rm -rf "$DATA"' EXIT
for _ in $(seq 1 900); do
  curl -fs "http://127.0.0.1:$PORT/actuator/health" | grep -q UP && break
  sleep 1
done
curl -fs "http://127.0.0.1:$PORT/actuator/health" | grep -q UP || { echo "Machi did not start"; exit 1; }
echo "heap limit: -Xmx$HEAP; load average: $(cut -d' ' -f1-3 /proc/loadavg)"
psql -q -h 127.0.0.1 -p "$DB_PORT" -U postgres -d postgres -f bench/opendata-setup.sql
psql -At -h 127.0.0.1 -p "$DB_PORT" -U postgres -d postgres \
  -c "select count(*) || ' published reports, ' || (select count(*) from opendata_dataset) || ' datasets' from report where published"
URL="http://127.0.0.1:$PORT/opendata/files/131202_machi_reports.csv"
echo "--- report CSV: first download (generated from the database, streamed into the cache, then sent)"
curl -s -o "$DATA/reports.csv" -w 'status %{http_code}, %{size_download} bytes in %{time_total} s (first byte %{time_starttransfer} s)\n' "$URL"
echo "--- report CSV: a change, then the next download (regenerated)"
psql -q -h 127.0.0.1 -p "$DB_PORT" -U postgres -d postgres -c "update report set status = 'RESOLVED', updated_at = now() where id = (select min(id) from report)"
for i in 1 2 3; do
  curl -s -o /dev/null -w "regenerated: status %{http_code}, %{size_download} bytes in %{time_total} s\n" "$URL"
  psql -q -h 127.0.0.1 -p "$DB_PORT" -U postgres -d postgres -c "update report set updated_at = now() where id = (select min(id) from report)"
done
echo "--- report CSV: cached (same revision)"
for i in 1 2 3; do
  curl -s -o /dev/null -w "cached: status %{http_code}, %{size_download} bytes in %{time_total} s\n" "$URL"
done
echo "rows in the file: $(($(wc -l < "$DATA/reports.csv") - 1))"
echo "JVM after the downloads: $(jcmd $APP GC.heap_info 2>/dev/null | head -3 | tr '\n' ' ' || true)"
grep -c OutOfMemoryError "$DATA/app.log" && echo "OUT OF MEMORY" || echo "no OutOfMemoryError in the log"
echo "--- package_search with $(psql -At -h 127.0.0.1 -p "$DB_PORT" -U postgres -d postgres -c 'select count(*) from opendata_dataset') datasets"
"$JAVA" bench/HttpLoad.java --url "http://127.0.0.1:$PORT/api/3/action/package_search?q=%E4%BA%88%E7%AE%97&rows=10&facet.field=%5B%22tags%22,%22organization%22%5D" --clients 4 --duration 30s --warmup 10s
"$JAVA" bench/HttpLoad.java --url "http://127.0.0.1:$PORT/api/3/action/package_search?fq=tags:%E8%B2%A1%E6%94%BF&rows=100&sort=metadata_modified%20desc" --clients 4 --duration 30s --warmup 10s
