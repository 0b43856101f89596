#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-or-later
# What one request costs in SQL (issue 15; docs/benchmarks.md, docs/modules/reservation.md): starts the jar on a fresh
# embedded PostgreSQL, switches on pg_stat_statements (ALTER SYSTEM + a restart of the jar on the same data folder),
# loads bench/booking-setup.sql, then for each request kind: 3 warm-up requests, a reset of the statistics, 10 measured
# requests; prints the statements per request, their execution time per request, and the most frequent statements.
# Then, with CPU_REQUESTS=n (default 300; 0 skips it), the CPU each request kind costs: n/2 warm-up requests (JIT), then n
# sequential requests, with the CPU time (utime + stime from /proc, 10 ms ticks) of the server process and of every
# PostgreSQL process (postmaster and its backends) read before and after; printed as ms per request. curl's own CPU is
# not in it. The figures do not depend much on other load on the machine, unlike wall-clock rates. PROFILE=1: the server
# runs under JDK Flight Recorder during each of those loops (target/bench/cost-finder.jfr, cost-booking.jfr), summarised
# with bench/JfrTop.java at the end.
# ONLY=booking measures only the booking (statements and CPU); TOP=n lists the n most frequent statements (default 12).
# Needs: the jar (./mvnw -q -B -DskipTests package), curl, psql. Usage: bash bench/request-cost.sh  (JAR=… for another build)
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=${PORT:-18340}
DB_PORT=${DB_PORT:-15460}
DATA=$(mktemp -d /tmp/machi-request-cost.XXXXXX)
CPU_REQUESTS=${CPU_REQUESTS:-300}
ONLY=${ONLY:-}
TOP=${TOP:-12}
PROFILE=${PROFILE:-0}
OUT=$(realpath -m "${OUT:-target/bench}")
source bench/lib.sh
PSQL=(psql -q -X -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$DB_PORT" -U postgres -d postgres)
URL=http://127.0.0.1:$PORT
start() { machi_start "$PORT" "$DB_PORT" "$DATA"; }
trap 'machi_stop; rm -rf "$DATA"' EXIT
start
bench_machine
"${PSQL[@]}" -c "alter system set shared_preload_libraries = 'pg_stat_statements'" -c "alter system set pg_stat_statements.track = 'all'"
"${PSQL[@]}" -f bench/booking-setup.sql
machi_stop
start
"${PSQL[@]}" -c "create extension if not exists pg_stat_statements"
read -r -a ROOMS <<<"$("${PSQL[@]}" -At -c "select string_agg(id::text, ' ' order by id) from room where facility_id = 'bench-hall'")"
TODAY=$(TZ=Asia/Tokyo date +%F)
FIND_DAY=$(TZ=Asia/Tokyo date -d "$TODAY + 40 days" +%F)
n=0
book() {
  n=$((n + 1))
  curl -s -o /dev/null -w '%{http_code}\n' -H "Authorization: Bearer bench-token-$((n % 400 + 1))" -H "Idempotency-Key: cost-$n-$RANDOM" \
    -H 'Content-Type: application/json' \
    -d "{\"roomId\":${ROOMS[$((n % ${#ROOMS[@]}))]},\"date\":\"$(TZ=Asia/Tokyo date -d "$TODAY + $((10 + n / ${#ROOMS[@]})) days" +%F)\",\"slot\":\"am\"}" "$URL/api/v1/bookings" \
    | grep -qx 201 || echo "a booking was not created"
}
measure() { # name, then a command that makes one request
  local name=$1; shift
  for _ in 1 2 3; do "$@" >/dev/null; done
  "${PSQL[@]}" -At -c "select pg_stat_statements_reset()" >/dev/null
  for _ in 1 2 3 4 5 6 7 8 9 10; do "$@" >/dev/null; done
  echo "=== $name: per request (mean of 10)"
  "${PSQL[@]}" -At -F ' | ' -c "
    select round(sum(calls) / 10.0, 1) || ' statements', round(sum(total_exec_time)::numeric / 10, 2) || ' ms executing in PostgreSQL'
    from pg_stat_statements where query not like '%pg_stat_statements%'"
  "${PSQL[@]}" -At -F ' | ' -c "
    select round(calls / 10.0, 1), round(total_exec_time::numeric / calls, 3) || ' ms', left(regexp_replace(query, '\s+', ' ', 'g'), 110)
    from pg_stat_statements where query not like '%pg_stat_statements%' order by calls desc, total_exec_time desc limit $TOP"
}
get() { curl -s -o /dev/null "$1"; }
if [ "$ONLY" != booking ]; then
measure "GET /actuator/health" get "$URL/actuator/health"
measure "GET / (home page)" get "$URL/"
measure "GET /reservations?date=…&band=evening (finder, whole ward)" get "$URL/reservations?date=$FIND_DAY&band=evening"
measure "GET /reservations/facilities/bench-hall (100 rooms × 7 days)" get "$URL/reservations/facilities/bench-hall?start=$FIND_DAY"
fi
measure "POST /api/v1/bookings (book and confirm one slot, Bearer token)" book

# ---- CPU per request (server process and PostgreSQL) ----
ticks() { # the CPU ticks (utime + stime) of the given pids
  local t=0 p v
  for p in "$@"; do
    v=$(awk '{print $14 + $15}' "/proc/$p/stat" 2>/dev/null || echo 0)
    t=$((t + v))
  done
  echo "$t"
}
pg_pids() { # the embedded PostgreSQL's postmaster and its children (the pool's backends live as long as the pool)
  local pm
  pm=$(head -1 "$DATA"/postgres*/postmaster.pid 2>/dev/null || find "$DATA" -name postmaster.pid -exec head -1 {} \; | head -1)
  [ -n "$pm" ] && { echo "$pm"; ps -o pid= --ppid "$pm"; }
}
cpu() { # name, a recording name, then a command that makes one request
  local name=$1 rec=$2; shift 2
  [ "$CPU_REQUESTS" -gt 0 ] || return 0
  local i hz app0 pg0 app1 pg1 pgs
  hz=$(getconf CLK_TCK)
  for ((i = 0; i < CPU_REQUESTS / 2; i++)); do "$@" >/dev/null; done
  pgs=$(pg_pids | xargs)
  if [ "$PROFILE" = 1 ]; then
    mkdir -p "$OUT"
    "$(dirname "$JAVA")/jcmd" "$APP" JFR.start name="$rec" settings=profile filename="$OUT/cost-$rec.jfr" >/dev/null
  fi
  app0=$(ticks "$APP"); pg0=$(ticks $pgs)
  for ((i = 0; i < CPU_REQUESTS; i++)); do "$@" >/dev/null; done
  app1=$(ticks "$APP"); pg1=$(ticks $pgs)
  [ "$PROFILE" = 1 ] && "$(dirname "$JAVA")/jcmd" "$APP" JFR.stop name="$rec" >/dev/null
  echo "=== CPU $name: $CPU_REQUESTS requests after $((CPU_REQUESTS / 2)) warm-up (load $(bench_load)):" \
    "server $(awk -v t=$((app1 - app0)) -v n="$CPU_REQUESTS" -v hz="$hz" 'BEGIN { printf "%.2f", t * 1000 / hz / n }') ms," \
    "PostgreSQL $(awk -v t=$((pg1 - pg0)) -v n="$CPU_REQUESTS" -v hz="$hz" 'BEGIN { printf "%.2f", t * 1000 / hz / n }') ms per request"
}
[ "$ONLY" = booking ] || cpu "GET /reservations?date=…&band=evening (finder, whole ward)" finder get "$URL/reservations?date=$FIND_DAY&band=evening"
cpu "POST /api/v1/bookings (book and confirm one slot, Bearer token)" booking book
if [ "$PROFILE" = 1 ] && [ "$CPU_REQUESTS" -gt 0 ]; then
  recs="finder booking"; [ "$ONLY" = booking ] && recs=booking
  for rec in $recs; do
    echo "=== profile $rec (the server during the CPU loop): top frames (self) and top jp.machi frames"
    "$JAVA" bench/JfrTop.java "$OUT/cost-$rec.jfr" 25
  done
fi
