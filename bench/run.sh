#!/usr/bin/env bash
# fitd benchmark: start the packaged daemon with a pinned hardware profile, measure
# start-to-ready, drive each endpoint with wrk on loopback, then read the daemon's RSS.
# Appends a row per scenario to bench/results.md.
#
#   flock /tmp/fitd-mvn.lock bench/run.sh            # on shared build machines, hold the build lock
#   DURATION=20 CONNECTIONS=16 bench/run.sh           # knobs (defaults below)
#   JAVA_OPTS="-XX:+UseSerialGC" bench/run.sh         # JVM flags under test
#
# wrk and the daemon share the machine's cores: on a 2-core box both compete for them,
# so the figures are a floor for a daemon with a core to itself.
set -euo pipefail
cd "$(dirname "$0")/.."

PORT=${PORT:-18787}
DURATION=${DURATION:-15}          # seconds of measurement per scenario
WARMUP=${WARMUP:-5}               # seconds of unmeasured load before each scenario
THREADS=${THREADS:-1}             # wrk threads (1 leaves the other core to the daemon)
CONNECTIONS=${CONNECTIONS:-16}    # keep-alive connections for the cheap scenarios (throughput)
HEAVY_CONNECTIONS=${HEAVY_CONNECTIONS:-2}  # for full-catalog and what-if answers (latency): a
                                  # request there is CPU-bound for milliseconds, so with more
                                  # connections than cores p50 measures only the queue
MIN_REQUESTS=${MIN_REQUESTS:-100000}
START_RUNS=${START_RUNS:-7}       # starts measured for start to ready (median reported)
PROFILE=${PROFILE:-config/profile.rtx4090.example.json}
# The container's JVM settings: the Dockerfile's JDK_JAVA_OPTIONS (read from it, so the two
# cannot drift apart), MALLOC_ARENA_MAX=2 and the AppCDS archive (APPCDS=0 leaves it out).
source bench/common.sh
JAVA_OPTS=${JAVA_OPTS:-$(dockerfile_jvm_flags)}
APPCDS=${APPCDS:-1}
export MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2}
RESULTS=${RESULTS:-bench/results.md}
LABEL=${LABEL:-}
BASE="http://127.0.0.1:$PORT"

command -v wrk >/dev/null || { echo "installing wrk (Debian package)"; apt-get update -qq && apt-get install -y -qq wrk; }
command -v curl >/dev/null || { apt-get update -qq && apt-get install -y -qq curl; }

build_jar_if_stale
if [[ $APPCDS == 1 ]]; then
  make_archive_if_stale
  JAVA_OPTS="-XX:SharedArchiveFile=$ARCHIVE $JAVA_OPTS"
fi

props=(-Dquarkus.http.port="$PORT" -Dquarkus.log.level=WARN ${EXTRA_PROPS:-})
if [[ -f $PROFILE ]]; then
  props+=(-Dfitd.hardware.profile="$PROFILE")
else
  echo "note: $PROFILE not found: the daemon probes this machine's hardware"
  PROFILE="(probed)"
fi
# Local runtimes would add network polling noise: off for the benchmark.
props+=(-Dfitd.runtimes.lmstudio.enabled=false -Dfitd.runtimes.ollama.enabled=false
        -Dfitd.runtimes.jan.enabled=false -Dfitd.runtimes.gguf.enabled=false)

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
log=$(mktemp)
pid=
trap 'if [[ -n $pid ]]; then kill $pid 2>/dev/null || true; wait $pid 2>/dev/null || true; fi; rm -f "$log"' EXIT
# Starts the daemon, waits for /q/health/ready, sets pid and ready_ms.
start_daemon() {
  local start_ns
  start_ns=$(date +%s%N)
  # shellcheck disable=SC2086
  java $JAVA_OPTS "${props[@]}" -jar "$JAR" >"$log" 2>&1 &
  pid=$!
  until curl -fs -o /dev/null "$BASE/q/health/ready"; do
    if ! kill -0 $pid 2>/dev/null; then echo "daemon died:"; cat "$log"; exit 1; fi
    if (( ($(date +%s%N) - start_ns) / 1000000 > 30000 )); then echo "not ready after 30 s"; cat "$log"; exit 1; fi
    sleep 0.01
  done
  ready_ms=$(( ($(date +%s%N) - start_ns) / 1000000 ))
}
# Start to ready: the median of START_RUNS starts (one start is at the mercy of a shared
# machine's neighbours); the last start is the daemon the load runs against.
starts=()
for ((i = 1; i <= START_RUNS; i++)); do
  start_daemon
  starts+=("$ready_ms")
  if (( i < START_RUNS )); then kill $pid; wait $pid 2>/dev/null || true; fi
done
ready_ms=$(printf '%s\n' "${starts[@]}" | sort -n | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}')
rss_kb() { awk '/^VmRSS/ {print $2}' /proc/$pid/status; }
rss_ready=$(rss_kb)
echo "ready in ${ready_ms} ms (median of ${starts[*]}), RSS $((rss_ready / 1024)) MB"

total_requests=0
declare -a rows=()
# scenario name | path | wrk script (optional) | connections
scenarios=(
  "top5|/api/v1/models/top?limit=5||$CONNECTIONS"
  "models (full catalog)|/api/v1/models||$HEAVY_CONNECTIONS"
  "what-if max_context|/api/v1/models?max_context=32768||$HEAVY_CONNECTIONS"
  "what-if hardware (random)|/api/v1/models|bench/whatif.lua|$HEAVY_CONNECTIONS"
  "by name|/api/v1/models/meta-llama%2FLlama-3.1-8B-Instruct||$CONNECTIONS"
)
if [[ -n ${ONLY:-} ]]; then
  filtered=(); for s in "${scenarios[@]}"; do [[ $s == *"$ONLY"* ]] && filtered+=("$s"); done; scenarios=("${filtered[@]}")
fi

run_wrk() { # seconds path script connections
  local args=(-t"$THREADS" -c"${4:-$CONNECTIONS}" -d"$1"s --latency)
  [[ -n $3 ]] && args+=(-s "$3")
  wrk "${args[@]}" "$BASE$2"
}
to_ms() { # wrk latency such as 812.00us, 2.31ms, 1.02s -> ms
  awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n = n; else if (v ~ /s$/) n *= 1000; printf "%.2f", n }'
}

for s in "${scenarios[@]}"; do
  IFS='|' read -r name path script conns <<<"$s"
  code=$(curl -s -o /dev/null -w '%{http_code}' "$BASE$path")
  [[ $code == 200 ]] || { echo "$name: $path answers $code"; exit 1; }
  run_wrk "$WARMUP" "$path" "$script" "$conns" >/dev/null
  out=$(run_wrk "$DURATION" "$path" "$script" "$conns")
  rps=$(awk '/^Requests\/sec/ {printf "%.0f", $2}' <<<"$out")
  p50=$(to_ms "$(awk '$1 == "50%" {print $2}' <<<"$out")")
  p99=$(to_ms "$(awk '$1 == "99%" {print $2}' <<<"$out")")
  n=$(awk '/requests in/ {print $1}' <<<"$out")
  errs=$(awk '/Non-2xx|Socket errors/ {print}' <<<"$out" | tr '\n' ' ')
  total_requests=$((total_requests + n + 0))
  printf '%-28s c=%-3s %8s req/s  p50 %7s ms  p99 %7s ms  %s\n' "$name" "$conns" "$rps" "$p50" "$p99" "$errs"
  rows+=("| $name | \`$path\`${script:+ ($script)} | $conns | $rps | $p50 | $p99 | ${errs:-none} |")
done

# Top up to MIN_REQUESTS so the RSS figure is "after at least 100 000 requests".
while (( total_requests < MIN_REQUESTS )); do
  out=$(run_wrk 5 "/api/v1/models/top?limit=5" "")
  total_requests=$((total_requests + $(awk '/requests in/ {print $1}' <<<"$out")))
done
rss_after=$(rss_kb)
hwm=$(awk '/^VmHWM/ {print $2}' /proc/$pid/status)
echo "RSS after $total_requests requests: $((rss_after / 1024)) MB (peak $((hwm / 1024)) MB)"

commit=$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src pom.xml || echo "+dirty")
machine="$(nproc) cores $(awk -F: '/model name/ {gsub(/^ +/, "", $2); print $2; exit}' /proc/cpuinfo), $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo)"
new_file=0; [[ -s $RESULTS ]] || new_file=1
{
  (( new_file )) && cat <<'HEAD'
# fitd benchmark results

Written by `bench/run.sh` (newest last). wrk and the daemon share the machine's cores.
Targets (2-core build machine): /top >= 15 000 req/s with p99 <= 5 ms; full /models p50 <= 25 ms;
what-if p50 <= 10 ms; start to ready <= 1.5 s; RSS <= 150 MB after 100 000 requests.
HEAD
  echo
  echo "## $(date -u '+%Y-%m-%d %H:%M UTC') · commit $commit${LABEL:+ · $LABEL}"
  echo
  echo "Machine: $machine; Java $(java -version 2>&1 | awk -F'"' '/version/ {print $2; exit}'); hardware profile: $PROFILE"
  echo "JVM: \`$JAVA_OPTS\` (MALLOC_ARENA_MAX=$MALLOC_ARENA_MAX); wrk -t$THREADS, ${DURATION}s per scenario after ${WARMUP}s warm-up; load average before: $load_before"
  echo
  echo "Start to ready: **${ready_ms} ms** (median of $START_RUNS starts: ${starts[*]}); RSS at ready $((rss_ready / 1024)) MB; RSS after $total_requests requests: **$((rss_after / 1024)) MB** (peak $((hwm / 1024)) MB)"
  echo
  echo "| scenario | request | connections | req/s | p50 ms | p99 ms | errors |"
  echo "|---|---|---:|---:|---:|---:|---|"
  printf '%s\n' "${rows[@]}"
} >>"$RESULTS"
echo "appended to $RESULTS"
