#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-or-later
# Finder, facility view and home page over HTTP, with an optional profile (issue 15; docs/benchmarks.md):
#  - GET /reservations?date=…&band=evening — every bookable unit of the ward (the demo's rooms plus the 100 rooms of
#    bench/booking-setup.sql) — with 1 and with 20 clients, and how many table scans one such request causes
#    (pg_stat_user_tables, idx_scan + seq_scan: about one per statement that reads a table);
#  - GET /reservations/facilities/bench-hall (100 rooms × 7 days × 3 slots), 1 client;
#  - GET / and GET /actuator/health with 50 clients each (the home page's share of health's rate).
# With PROFILE=1 the server runs under JDK Flight Recorder during the 20-client finder run and the home-page run; the
# recordings (target/bench/*.jfr) are summarised with `jfr view hot-methods` and the top frames of
# jdk.ExecutionSample (bench/JfrTop.java).
# Needs: the jar (./mvnw -q -B -DskipTests package), curl, psql. Usage: bash bench/finder-bench.sh
#   JAR=/path/to/machi.jar to measure another build; DURATION=20s; PROFILE=1.
# Run through the benchmark lock on a shared machine: flock /work/helpers/bench.lock bash bench/finder-bench.sh
set -euo pipefail
cd "$(dirname "$0")/.."
for tool in psql curl; do
  command -v "$tool" >/dev/null || { echo "needs $tool (apt-get install postgresql-client curl)"; exit 2; }
done
PORT=${PORT:-18330}
DB_PORT=${DB_PORT:-15450}
DURATION=${DURATION:-20s}
PROFILE=${PROFILE:-0}
DATA=$(mktemp -d /tmp/machi-finder-bench.XXXXXX)
source bench/lib.sh
OUT=$(realpath -m "${OUT:-target/bench}")
mkdir -p "$OUT"
PSQL=(psql -q -X -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$DB_PORT" -U postgres -d postgres)
trap 'machi_stop; rm -rf "$DATA"' EXIT
machi_start "$PORT" "$DB_PORT" "$DATA"
load() { bench_load; }
bench_machine
"${PSQL[@]}" -f bench/booking-setup.sql
URL=http://127.0.0.1:$PORT
TODAY=$(TZ=Asia/Tokyo date +%F)
FIND_DAY=$(TZ=Asia/Tokyo date -d "$TODAY + 40 days" +%F)
FINDER="$URL/reservations?date=$FIND_DAY&band=evening"
scans() { "${PSQL[@]}" -At -c "select coalesce(sum(coalesce(idx_scan, 0) + coalesce(seq_scan, 0)), 0) from pg_stat_user_tables"; }
echo "--- finder: units listed: $(curl -s "$FINDER" | grep -c 'class="slot-states"'), $(curl -s "$FINDER" | wc -c) bytes"
for _ in 1 2 3 4 5; do curl -s -o /dev/null "$FINDER"; done
sleep 1; before=$(scans)
for _ in 1 2 3 4 5 6 7 8 9 10; do curl -s -o /dev/null "$FINDER"; done
sleep 1; after=$(scans)
echo "--- finder: table scans per request (pg_stat_user_tables, mean of 10): $(( (after - before) / 10 ))"
echo "--- finder, 1 client (load $(load))"
"$JAVA" bench/HttpLoad.java --url "$FINDER" --clients 1 --duration "$DURATION" --warmup 5s --timeout 60s
echo "--- finder, 20 clients (load $(load))"
[ "$PROFILE" = 1 ] && "$(dirname "$JAVA")/jcmd" $APP JFR.start name=finder settings=profile filename="$OUT/finder.jfr" >/dev/null
"$JAVA" bench/HttpLoad.java --url "$FINDER" --clients 20 --duration "$DURATION" --warmup 5s --timeout 60s
[ "$PROFILE" = 1 ] && "$(dirname "$JAVA")/jcmd" $APP JFR.stop name=finder >/dev/null
echo "--- facility view bench-hall (100 rooms × 7 days × 3 slots), 1 client (load $(load))"
"$JAVA" bench/HttpLoad.java --url "$URL/reservations/facilities/bench-hall?start=$FIND_DAY" --clients 1 --duration "$DURATION" --warmup 5s --timeout 60s
echo "--- /actuator/health, 50 clients (load $(load))"
"$JAVA" bench/HttpLoad.java --url "$URL/actuator/health" --clients 50 --duration "$DURATION" --warmup 10s
echo "--- home page /, 50 clients (load $(load))"
[ "$PROFILE" = 1 ] && "$(dirname "$JAVA")/jcmd" $APP JFR.start name=home settings=profile filename="$OUT/home.jfr" >/dev/null
"$JAVA" bench/HttpLoad.java --url "$URL/" --clients 50 --duration "$DURATION" --warmup 10s
[ "$PROFILE" = 1 ] && "$(dirname "$JAVA")/jcmd" $APP JFR.stop name=home >/dev/null
echo "--- end: load average $(load)"
if [ "$PROFILE" = 1 ]; then
  for f in finder home; do
    echo "=== profile $f: top frames (self) and top jp.machi frames of jdk.ExecutionSample"
    "$JAVA" bench/JfrTop.java "$OUT/$f.jfr" 25
  done
fi
