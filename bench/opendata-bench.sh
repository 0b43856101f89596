#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-or-later
# Open data benchmarks (docs/benchmarks.md). Starts the jar on a fresh embedded database with a small heap
# (OPENDATA_HEAP, default 256m: at 128m Machi's own live set filled the heap and the collector ran all the time), adds
# 100,000 published まちレポ reports with long descriptions (so the CSV, ~280 MB, is larger than the heap) and 500
# uploaded datasets, then measures (each download with the CPU seconds Machi and PostgreSQL spent on it):
#   1. the first (generating) and a cached download of the report CSV, and the JVM's heap afterwards;
#   2. package_search p95 with 500+ datasets (bench/HttpLoad.java).
# Not part of ./mvnw verify. Usage: ./mvnw -q -B -DskipTests package && bash bench/opendata-bench.sh
set -uo pipefail
cd "$(dirname "$0")/.."
PORT=${PORT:-18413}
DB_PORT=${DB_PORT:-15443}
HEAP=${OPENDATA_HEAP:-256m}
# how many times the 45-character sentence is repeated in each description: 18 makes the CSV ~290 MB, more than the heap
REPEAT=${OPENDATA_REPEAT:-18}
DATA=$(mktemp -d /tmp/machi-opendata-bench.XXXXXX)
source bench/lib.sh
trap 'cp "$DATA/app.log" /tmp/opendata-bench-app.log 2>/dev/null; machi_stop; rm -rf "$DATA"' EXIT
machi_start "$PORT" "$DB_PORT" "$DATA" -Xmx$HEAP -XX:+ExitOnOutOfMemoryError ${OPENDATA_JAVA_OPTS:-}
bench_machine
echo "heap limit: -Xmx$HEAP; description sentence x$REPEAT; load average: $(cut -d' ' -f1-3 /proc/loadavg)"
psql -q -h 127.0.0.1 -p "$DB_PORT" -U postgres -d postgres -v repeat="$REPEAT" -f bench/opendata-setup.sql
psql -At -h 127.0.0.1 -p "$DB_PORT" -U postgres -d postgres \
  -c "select count(*) || ' published reports, ' || (select count(*) from opendata_dataset) || ' datasets' from report where published"
# CPU seconds used so far by Machi's JVM and by PostgreSQL (postmaster, its live backends and the ones that ended),
# so that a download's cost can be told apart from the time it waited for a core on a loaded machine.
PG_PID=$(head -1 "$DATA/postgres/postmaster.pid" 2>/dev/null)
TICKS=$(getconf CLK_TCK)
cpu() {
  local t=0 pid
  for pid in $APP $PG_PID $(grep -l "^PPid:[[:space:]]*$PG_PID\$" /proc/[0-9]*/status 2>/dev/null | cut -d/ -f3); do
    [ -r /proc/$pid/stat ] && t=$((t + $(sed 's/^.*) //' /proc/$pid/stat | awk '{print $12 + $13 + $14 + $15}')))
  done
  echo "$t"
}
timed() { # label, then curl arguments: prints the curl line and the CPU seconds of Machi + PostgreSQL during it
  local label=$1 before after; shift
  before=$(cpu)
  curl -s "$@" -w "$label: status %{http_code}, %{size_download} bytes in %{time_total} s (first byte %{time_starttransfer} s)"
  after=$(cpu)
  awk -v d=$((after - before)) -v t="$TICKS" 'BEGIN { printf ", CPU (Machi + PostgreSQL) %.2f s\n", d / t }'
}
URL="http://127.0.0.1:$PORT/opendata/files/131202_machi_reports.csv"
echo "--- report CSV: first download (generated from the database, streamed into the cache, then sent)"
timed "first" -o "$DATA/reports.csv" "$URL"
echo "--- report CSV: a change, then the next download (regenerated)"
psql -q -h 127.0.0.1 -p "$DB_PORT" -U postgres -d postgres -c "update report set status = 'RESOLVED', updated_at = now() where id = (select min(id) from report)"
for i in 1 2 3; do
  timed "regenerated" -o /dev/null "$URL"
  # the next change (none after the last download, so that the cached downloads below are really cached)
  [ $i -lt 3 ] && psql -q -h 127.0.0.1 -p "$DB_PORT" -U postgres -d postgres -c "update report set updated_at = now() where id = (select min(id) from report)"
done
echo "--- report CSV: cached (same revision)"
for i in 1 2 3; do
  timed "cached" -o /dev/null "$URL"
done
echo "rows in the file: $(($(wc -l < "$DATA/reports.csv") - 1))"
echo "JVM after the downloads: $(jcmd $APP GC.heap_info 2>/dev/null | head -3 | tr '\n' ' ' || true)"
grep -c OutOfMemoryError "$DATA/app.log" && echo "OUT OF MEMORY" || echo "no OutOfMemoryError in the log"
echo "load average now: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "--- package_search with $(psql -At -h 127.0.0.1 -p "$DB_PORT" -U postgres -d postgres -c 'select count(*) from opendata_dataset') datasets"
"$JAVA" bench/HttpLoad.java --url "http://127.0.0.1:$PORT/api/3/action/package_search?q=%E4%BA%88%E7%AE%97&rows=10&facet.field=%5B%22tags%22,%22organization%22%5D" --clients 4 --duration 30s --warmup 10s
"$JAVA" bench/HttpLoad.java --url "http://127.0.0.1:$PORT/api/3/action/package_search?fq=tags:%E8%B2%A1%E6%94%BF&rows=100&sort=metadata_modified%20desc" --clients 4 --duration 30s --warmup 10s
