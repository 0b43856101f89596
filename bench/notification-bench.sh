#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-or-later
# The notification benchmarks (docs/benchmarks.md): Machi's jar as its own process on a PostgreSQL kept by the driver,
# a local SMTP sink, 100,000 confirmed subscribers. Not part of ./mvnw verify.
# Usage: ./mvnw -q -B -DskipTests package && bash bench/notification-bench.sh [--phases rate,p99,kill]
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
[ -f target/bench-cp.txt ] || ./mvnw -q -B dependency:build-classpath -Dmdep.outputFile=target/bench-cp.txt -Dmdep.includeScope=test
[ -f target/test-classes/jp/machi/notification/SmtpSink.class ] || ./mvnw -q -B test-compile
exec "$JAVA" -Xmx2g -cp "target/test-classes:$(cat target/bench-cp.txt)" bench/NotificationLoad.java --jar "$JAR" "$@"
