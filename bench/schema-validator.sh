#!/usr/bin/env bash
# Start-up cost of validating the bundled catalog with the loader's SchemaCheck vs networknt's
# json-schema-validator (see bench/SchemaValidatorBench.java). Needs `./mvnw -B test-compile` first.
# Usage: bench/schema-validator.sh [runs per variant, default 7]
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-7}
# DEPS: the test class path (set it to skip the Maven call, e.g. when builds must hold a lock)
DEPS=${DEPS:-$(./mvnw -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=/dev/stdout)}
CP="target/classes:$DEPS"
OUT=$(mktemp -d)
javac -d "$OUT" -cp "$CP" bench/SchemaValidatorBench.java
# The container image's JVM flags (Dockerfile JDK_JAVA_OPTIONS), as the daemon runs.
FLAGS="-XX:+UseSerialGC -Xms48m -Xmx96m -XX:TieredStopAtLevel=1 -XX:CICompilerCount=1 -Xss512k -XX:-UsePerfData"
for i in $(seq "$RUNS"); do
  for v in own networknt; do
    java $FLAGS -cp "$OUT:$CP" dev.fitd.catalog.SchemaValidatorBench "$v"
  done
done
