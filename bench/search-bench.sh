#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-or-later
# Site search over HTTP with 10,000 FAQ entries (docs/benchmarks.md, issue 11): for each query word, the rate of
# GET /api/v1/search?q=…&type=faq&limit=10 (bench/HttpLoad.java) next to the rate of the PostgreSQL
# ILIKE '%…%' query a search without an index would run (bench/search-ilike.sql under pgbench), same database,
# same number of clients, same run. The ratio is the figure. The in-process figures (p99, full rebuild) come from
# SearchBench (./mvnw -B test -Dtest=SearchBench).
# Starts the jar on a fresh embedded database (its own data folder under /tmp, removed at the end), demo data on.
# Needs: a JDK 21+, the jar (./mvnw -q -B -Dmaven.test.skip=true package), curl, psql and pgbench
# (apt-get install postgresql-client). Not part of ./mvnw verify.
# Usage: bash bench/search-bench.sh            (CLIENTS=4 DURATION=20s WARMUP=5s to change)
set -euo pipefail
cd "$(dirname "$0")/.."
for tool in psql pgbench curl; do
  command -v "$tool" >/dev/null || { echo "needs $tool (apt-get install postgresql-client curl)"; exit 2; }
done
PORT=${PORT:-18431}
DB_PORT=${DB_PORT:-15451}
CLIENTS=${CLIENTS:-4}
DURATION=${DURATION:-20s}
WARMUP=${WARMUP:-5s}
DATA=$(mktemp -d /tmp/machi-search-bench.XXXXXX)
source bench/lib.sh
PSQL=(psql -q -X -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$DB_PORT" -U postgres -d postgres)
trap 'machi_stop; rm -rf "$DATA"' EXIT
machi_start "$PORT" "$DB_PORT" "$DATA"
bench_machine
"${PSQL[@]}" -f bench/faq-10000.sql
echo "published public FAQ entries: $("${PSQL[@]}" -At -c "select count(*) from inquiry_faq where status = 'PUBLISHED' and not staff_only")"
# the index follows the database within a few seconds (machi.search.refresh-interval)
for _ in $(seq 1 120); do
  TOTAL=$(curl -fs "http://127.0.0.1:$PORT/api/v1/search?q=%E7%B2%97%E5%A4%A7%E3%81%94%E3%81%BF&type=faq&limit=1" \
    | sed -n 's/.*"total":\([0-9]*\).*/\1/p')
  [ "${TOTAL:-0}" -gt 100 ] && break
  sleep 1
done
echo "the index has caught up: 粗大ごみ finds $TOTAL FAQ entries"
for WORD in 粗大ごみ 予防接種 住民票; do
  Q=$(printf '%s' "$WORD" | od -An -tx1 | tr -d ' \n' | sed 's/\(..\)/%\1/g')
  echo "=== $WORD: matches by ILIKE: $("${PSQL[@]}" -At -c "select count(*) from inquiry_faq where status = 'PUBLISHED' and not staff_only and (question_ja ilike '%$WORD%' or answer_ja ilike '%$WORD%')");" \
    "by the search: $(curl -fs "http://127.0.0.1:$PORT/api/v1/search?q=$Q&type=faq&limit=1" | sed -n 's/.*"total":\([0-9]*\).*/\1/p')"
  echo "--- HTTP: GET /api/v1/search?q=$WORD&type=faq&limit=10, $CLIENTS clients, load $(cut -d' ' -f1-3 /proc/loadavg)"
  "$JAVA" bench/HttpLoad.java --url "http://127.0.0.1:$PORT/api/v1/search?q=$Q&type=faq&limit=10" \
    --clients "$CLIENTS" --duration "$DURATION" --warmup "$WARMUP"
  echo "--- pgbench: bench/search-ilike.sql, $CLIENTS clients, load $(cut -d' ' -f1-3 /proc/loadavg)"
  PGPASSWORD= pgbench -h 127.0.0.1 -p "$DB_PORT" -U postgres -n -M prepared -D "word=$WORD" -f bench/search-ilike.sql \
    -c "$CLIENTS" -j 2 -T "${DURATION%s}" postgres 2>&1 | grep -E 'number of transactions actually|latency average|tps ='
done
echo "--- end: load average $(cut -d' ' -f1-3 /proc/loadavg)"
