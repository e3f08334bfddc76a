#!/usr/bin/env bash
# What the llmfit drop-in costs: the full /api/v1/models answer (rows now also carry llmfit's fields) on a
# baseline jar and on this build, alternated A/B/A/B in one run so machine noise hits both, plus the latency of
# POST /api/v1/plan (the issue's Llama-3.1-70B question; hundreds of estimates over the device table).
# Appends a section to bench/llmfit-compat.md.
#
#   BASELINE_JAR=/path/to/fitd-before.jar bench/llmfit-compat.sh
#
# Needs wrk. Never hold the Maven lock while it runs (it is not a build).
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=${PORT:-18815}
DURATION=${DURATION:-10}
ROUNDS=${ROUNDS:-2}
BASELINE_JAR=${BASELINE_JAR:?set BASELINE_JAR to the jar to compare against}
JAR=${JAR:-target/fitd.jar}
PROFILE=${PROFILE:-config/profile.rtx4090.example.json}
OUT=${OUT:-bench/llmfit-compat.md}
BASE="http://127.0.0.1:$PORT"
pid=
trap 'if [[ -n $pid ]]; then kill $pid 2>/dev/null || true; wait $pid 2>/dev/null || true; fi' EXIT

start() { # jar
  java -Dquarkus.http.port="$PORT" -Dquarkus.log.level=WARN -Dfitd.hardware.profile="$PROFILE" \
    -Dfitd.runtimes.lmstudio.enabled=false -Dfitd.runtimes.ollama.enabled=false \
    -Dfitd.runtimes.jan.enabled=false -Dfitd.runtimes.gguf.enabled=false -jar "$1" >/dev/null 2>&1 &
  pid=$!
  for _ in $(seq 1 200); do curl -sf "$BASE/q/health/ready" >/dev/null && return; sleep 0.1; done
  echo "daemon did not become ready" >&2; exit 1
}
stop() { kill $pid; wait $pid 2>/dev/null || true; pid=; }
p50() { # wrk output -> "p50 ms, req/s"
  awk '/^ +50%/ {v=$2} /Requests\/sec/ {r=$2} END {
    if (v ~ /us$/) {sub(/us$/,"",v); v=v/1000} else if (v ~ /ms$/) {sub(/ms$/,"",v)} else if (v ~ /s$/) {sub(/s$/,"",v); v=v*1000}
    printf "%.2f | %.0f", v, r}'
}

rows=()
for round in $(seq 1 "$ROUNDS"); do
  for which in baseline build; do
    jar=$BASELINE_JAR; [[ $which == build ]] && jar=$JAR
    start "$jar"
    bytes=$(curl -s "$BASE/api/v1/models" | wc -c)
    wrk -t1 -c2 -d3s "$BASE/api/v1/models" >/dev/null
    m=$(wrk -t1 -c2 -d"${DURATION}s" --latency "$BASE/api/v1/models" | p50)
    plan="-"
    if [[ $which == build ]]; then
      wrk -t1 -c1 -d3s -s bench/plan.lua "$BASE/api/v1/plan" >/dev/null
      plan=$(wrk -t1 -c1 -d"${DURATION}s" --latency -s bench/plan.lua "$BASE/api/v1/plan" | p50)
    fi
    rows+=("| $round | $which | $bytes | $m | $plan |")
    stop
  done
done
{
  echo
  echo "## $(date -u +%Y-%m-%dT%H:%MZ) $(git rev-parse --short HEAD) vs $(basename "$BASELINE_JAR")"
  echo
  echo "Profile $PROFILE; wrk -t1, ${DURATION}s per measurement after 3 s warm-up; load average before: $(cut -d' ' -f1-3 /proc/loadavg)."
  echo
  echo "| round | jar | /models bytes | /models p50 ms (2 conns) | /models req/s | plan p50 ms (1 conn) | plan req/s |"
  echo "|---|---|---|---|---|---|---|"
  printf '%s\n' "${rows[@]}" | sed 's/| - |$/| - | - |/'
} >> "$OUT"
tail -n $((ROUNDS * 2 + 6)) "$OUT"
