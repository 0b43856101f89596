#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-or-later
# The notification benchmarks (docs/benchmarks.md): Machi's jar as its own process on a PostgreSQL kept by the driver,
# a local SMTP sink, 100,000 confirmed subscribers. Not part of ./mvnw verify.
# Usage: bash bench/notification-bench.sh [--phases rate,p99,kill] [--subscribers N] [--emergency-workers N] [--warm-up N]
#   builds the jar first when target/ has none (./mvnw -q -B -DskipTests package; run that yourself after changes).
#   PROFILE=1: Machi runs under JDK Flight Recorder (CPU samples, and socket reads, parks and waits of 1 ms or more);
#   the recording is summarised for the emergency workers and their database threads with bench/JfrTop.java.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! ls target/machi-*.jar 2>/dev/null | grep -qv original; then
    ./mvnw -q -B -DskipTests package   # a fresh clone: build the jar once
fi
source bench/lib.sh
[ -f target/bench-cp.txt ] || ./mvnw -q -B dependency:build-classpath -Dmdep.outputFile=target/bench-cp.txt -Dmdep.includeScope=test
[ -f target/test-classes/jp/machi/notification/SmtpSink.class ] || ./mvnw -q -B test-compile
EXTRA=()
if [ "${PROFILE:-0}" = 1 ]; then
    JFR_TOOL="$(dirname "$(readlink -f "$(command -v "$JAVA")")")/jfr"
    "$JFR_TOOL" configure --input profile jdk.SocketRead#threshold=1ms jdk.ThreadPark#threshold=1ms \
        jdk.JavaMonitorWait#threshold=1ms jdk.JavaMonitorEnter#threshold=1ms --output target/notification-waits.jfc >/dev/null
    REC="$PWD/target/notification-$(date +%Y%m%d-%H%M%S).jfr"
    EXTRA=(--jfr "$REC" --jfr-settings "$PWD/target/notification-waits.jfc")
fi
"$JAVA" -Xmx2g -cp "target/test-classes:$(cat target/bench-cp.txt)" bench/NotificationLoad.java --jar "$JAR" "${EXTRA[@]}" "$@"
if [ "${PROFILE:-0}" = 1 ]; then
    for f in "${REC%.jfr}"*.jfr; do
        echo "== $f (threads notification-emergency-*)"
        "$JAVA" -Dthreads=notification-emergency bench/JfrTop.java "$f" 25
    done
fi
