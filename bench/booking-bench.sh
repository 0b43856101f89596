#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-or-later
# First-come booking benchmarks (docs/benchmarks.md, issue 4):
#  (a) 200 residents ask for one open slot at the same moment over HTTP (exactly one 201, 199 × 409, no 5xx), and
#      200 concurrent retries of one request with one Idempotency-Key (one booking, every answer the same booking);
#  (b) sustained first-come bookings of distinct slots per second under concurrency, next to pgbench's
#      simple-update (pgbench -N) transactions per second against the same embedded PostgreSQL in the same run.
# Starts the jar on a fresh embedded database (its own data folder under /tmp, removed at the end).
#
# Needs: a JDK 21+ (java), the jar (./mvnw -q -B -DskipTests package), curl, and the PostgreSQL client tools
# psql and pgbench — on Debian: apt-get install --no-install-recommends postgresql-client (Debian 12 ships
# pgbench 15 in postgresql-client-15; it talks to the embedded PostgreSQL 18 fine).
# Not part of ./mvnw verify. Usage: bash bench/booking-bench.sh      (CLIENTS=20 DURATION=30s to change)
# ONLY_BOOKING=1 skips the finder and facility-view runs at the end.
# PROFILE=1: the server runs under JDK Flight Recorder during the first distinct-slot run; the recording
# (target/bench/booking.jfr) is summarised with bench/JfrTop.java at the end (issue 15).
# Exits non-zero when a check fails (race/retry answers, a refused or failed booking in the distinct runs).
set -euo pipefail
cd "$(dirname "$0")/.."
for tool in psql pgbench curl; do
  command -v "$tool" >/dev/null || { echo "needs $tool (apt-get install postgresql-client curl)"; exit 2; }
done
PORT=${PORT:-18320}
DB_PORT=${DB_PORT:-15440}
CLIENTS=${CLIENTS:-20}
DURATION=${DURATION:-30s}
PROFILE=${PROFILE:-0}
DATA=$(mktemp -d /tmp/machi-booking-bench.XXXXXX)
source bench/lib.sh
JCMD=$(dirname "$JAVA")/jcmd
OUT=$(realpath -m "${OUT:-target/bench}")
mkdir -p "$OUT"
PSQL=(psql -q -X -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$DB_PORT" -U postgres -d postgres)
trap 'machi_stop; rm -rf "$DATA"' EXIT
machi_start "$PORT" "$DB_PORT" "$DATA"
bench_machine
"${PSQL[@]}" -f bench/booking-setup.sql
"${PSQL[@]}" -At -c "show server_version" | sed 's/^/PostgreSQL /'
ROOMS=$("${PSQL[@]}" -At -c "select string_agg(id::text, ',' order by id) from room where facility_id = 'bench-hall'")
FIRST_ROOM=${ROOMS%%,*}
SECOND_ROOM=$(echo "$ROOMS" | cut -d, -f2)
TODAY=$(TZ=Asia/Tokyo date +%F)
DAY=$(TZ=Asia/Tokyo date -d "$TODAY + 7 days" +%F)
URL=http://127.0.0.1:$PORT
echo "--- warm-up: 15 s of distinct-slot bookings far ahead (JIT, connection pool), not counted"
"$JAVA" bench/BookingLoad.java distinct --url "$URL" --rooms "$ROOMS" --from "$(TZ=Asia/Tokyo date -d "$TODAY + 300 days" +%F)" \
  --clients "$CLIENTS" --first-token 241 --duration 10s --warmup 5s >/dev/null
echo "--- (a) 200 residents, one open slot ($DAY am, room $FIRST_ROOM)"
"$JAVA" bench/BookingLoad.java race --url "$URL" --room "$FIRST_ROOM" --date "$DAY" --slot am --tokens 200
"${PSQL[@]}" -At -c "select 'active bookings of that slot in the database: ' || count(*) from reservation_booking
  where room_id = $FIRST_ROOM and use_date = '$DAY' and slot_code = 'am' and status in ('PROVISIONAL', 'CONFIRMED')"
echo "--- (a) 200 concurrent retries with one Idempotency-Key ($DAY am, room $SECOND_ROOM)"
"$JAVA" bench/BookingLoad.java retry --url "$URL" --room "$SECOND_ROOM" --date "$DAY" --slot am --requests 200 --token bench-token-1
"${PSQL[@]}" -At -c "select 'bookings of that slot in the database: ' || count(*) from reservation_booking
  where room_id = $SECOND_ROOM and use_date = '$DAY' and slot_code = 'am'"
echo "--- (b) distinct slots: $CLIENTS residents booking one slot after another"
[ "$PROFILE" = 1 ] && "$JCMD" $APP JFR.start name=booking settings=profile filename="$OUT/booking.jfr" >/dev/null
"$JAVA" bench/BookingLoad.java distinct --url "$URL" --rooms "$ROOMS" --from "$(TZ=Asia/Tokyo date -d "$TODAY + 10 days" +%F)" \
  --clients "$CLIENTS" --first-token 201 --duration "$DURATION" --warmup 5s
[ "$PROFILE" = 1 ] && "$JCMD" $APP JFR.stop name=booking >/dev/null
echo "--- (b) pgbench -N (simple update), $CLIENTS clients, same database, scale 10"
PGPASSWORD= pgbench -h 127.0.0.1 -p "$DB_PORT" -U postgres -i -s 10 -q postgres 2>&1 | tail -1
PGPASSWORD= pgbench -h 127.0.0.1 -p "$DB_PORT" -U postgres -N -c "$CLIENTS" -j 2 -T "${DURATION%s}" postgres 2>&1 \
  | grep -E "^(number of clients|number of transactions actually|latency average|tps)"
echo "--- (b) distinct slots again (after pgbench, later days)"
"$JAVA" bench/BookingLoad.java distinct --url "$URL" --rooms "$ROOMS" --from "$(TZ=Asia/Tokyo date -d "$TODAY + 150 days" +%F)" \
  --clients "$CLIENTS" --first-token 221 --duration "$DURATION" --warmup 5s
"${PSQL[@]}" -At -c "select 'slots with more than one active booking in the database: ' || count(*) from (
  select room_id, use_date, slot_code from reservation_booking where status in ('PROVISIONAL', 'CONFIRMED')
  group by 1, 2, 3 having count(*) > 1) x"
if [ "${ONLY_BOOKING:-0}" != 1 ]; then
HALL=$("${PSQL[@]}" -At -c "select facility_id from room where bookable and facility_id <> 'bench-hall' order by id limit 1")
FIND_DAY=$(TZ=Asia/Tokyo date -d "$TODAY + 40 days" +%F)
echo "--- finder: GET /reservations for one day's evening (every bookable unit of the ward), 1 client"
curl -s "$URL/reservations?date=$FIND_DAY&band=evening" | grep -c 'class="slot-states"' | sed 's/^/units listed: /'
"$JAVA" bench/HttpLoad.java --url "$URL/reservations?date=$FIND_DAY&band=evening" --clients 1 --duration 20s --warmup 5s --timeout 60s
echo "--- finder: GET /reservations for one day's evening, demo 区民館 only (category kumin-kan), 1 client"
"$JAVA" bench/HttpLoad.java --url "$URL/reservations?date=$FIND_DAY&band=evening&category=kumin-kan" --clients 1 --duration 20s --warmup 5s --timeout 60s
echo "--- facility view: GET /reservations/facilities/$HALL (a demo hall: 2 rooms, 4 units × 7 days × 3 slots), 1 client"
"$JAVA" bench/HttpLoad.java --url "$URL/reservations/facilities/$HALL?start=$FIND_DAY" --clients 1 --duration 20s --warmup 5s --timeout 60s
echo "--- facility view: GET /reservations/facilities/bench-hall (100 rooms × 7 days × 3 slots), 1 client"
"$JAVA" bench/HttpLoad.java --url "$URL/reservations/facilities/bench-hall?start=$FIND_DAY" --clients 1 --duration 30s --warmup 5s --timeout 60s
fi
echo "--- load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
if [ "$PROFILE" = 1 ]; then
  echo "=== profile booking (distinct slots): top frames (self) and top jp.machi frames of jdk.ExecutionSample"
  "$JAVA" bench/JfrTop.java "$OUT/booking.jfr" 25
fi
