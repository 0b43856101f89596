#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-or-later
# まちレポ benchmarks (docs/benchmarks.md): start the jar on a fresh embedded database, add 100,000 reports,
# then measure Open311 GET /requests.json, the public map's GeoJSON and posting a report with a 5-MB photo.
# Not part of ./mvnw verify. Usage: bash bench/report-bench.sh   (build first: ./mvnw -q -B -DskipTests package)
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=${PORT:-18311}
DB_PORT=${DB_PORT:-15433}
DATA=$(mktemp -d /tmp/machi-report-bench.XXXXXX)
source bench/lib.sh
trap 'machi_stop; rm -rf "$DATA"' EXIT
machi_start "$PORT" "$DB_PORT" "$DATA"
bench_machine
psql -q -h 127.0.0.1 -p "$DB_PORT" -U postgres -d postgres -f bench/report-100k.sql
psql -At -h 127.0.0.1 -p "$DB_PORT" -U postgres -d postgres -c "select count(*) from report"
echo "--- Open311 GET /open311/v2/requests.json (90-day default window, 1,000 reports per answer)"
curl -s "http://127.0.0.1:$PORT/open311/v2/requests.json" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)), "requests in one answer")'
"$JAVA" bench/HttpLoad.java --url "http://127.0.0.1:$PORT/open311/v2/requests.json" --clients 4 --duration 30s --warmup 10s
echo "--- GeoJSON GET /api/v1/reports?bbox=<the ward>"
BBOX=139.55,35.71,139.70,35.79
curl -s "http://127.0.0.1:$PORT/api/v1/reports?bbox=$BBOX" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["features"]), "features in one answer")'
"$JAVA" bench/HttpLoad.java --url "http://127.0.0.1:$PORT/api/v1/reports?bbox=$BBOX" --clients 4 --duration 30s --warmup 10s
echo "--- POST /api/v1/reports with a 5-MB photo, one at a time"
"$JAVA" bench/ReportPostLoad.java --url "http://127.0.0.1:$PORT/api/v1/reports" --requests 40 --warmup 5
