#!/usr/bin/env bash
# Wall time of the terminal view (java -jar target/fitd.jar top|models|system|model NAME), from process
# start to exit, on the pinned profile: N runs per command (default 7), median and worst in ms.
# Target: under 2 s. Usage: bench/cli.sh [runs]   (after ./mvnw -B -q package -DskipTests)
# The JVM runs with the jar's defaults; output goes to /dev/null (no terminal, so no colour).
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS="${1:-7}"
JAR=target/fitd.jar
PROFILE=-Dfitd.hardware.profile=config/profile.rtx4090.example.json
[ -f "$JAR" ] || { echo "no $JAR: build it first" >&2; exit 1; }
echo "| command | median ms | worst ms | runs |"
echo "|---|---|---|---|"
measure() {
  local times=() start end r
  for ((r = 0; r < RUNS; r++)); do
    start=$(date +%s%N)
    java "$PROFILE" -jar "$JAR" "$@" > /dev/null
    end=$(date +%s%N)
    times+=($(( (end - start) / 1000000 )))
  done
  local sorted=($(printf '%s\n' "${times[@]}" | sort -n))
  echo "| \`$*\` | ${sorted[$(( RUNS / 2 ))]} | ${sorted[$(( RUNS - 1 ))]} | $RUNS |"
}
measure top
measure models
measure models --sort tps --json
measure model llama3.1:8b --max-context 32768
measure system
measure top --gpu "Apple M2 Max" --ram-gb 64
