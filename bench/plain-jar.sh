#!/usr/bin/env bash
# What a user who types the README's run command gets, against the container image's settings,
# in one run on the same machine:
#   plain     java -jar target/fitd.jar       no flag, no JVM option variable (fitd re-executes itself
#                                             with the image's flags: dev.fitd.launch.TunedLaunch)
#   image     the Dockerfile's JDK_JAVA_OPTIONS, MALLOC_ARENA_MAX=2 and its AppCDS archive
#   untuned   java -Dfitd.launch.tune=false -jar target/fitd.jar   (the JVM's own defaults: what
#             the plain command did before the re-execution)
# Start to ready: the median of START_RUNS starts per setting, taken in turns (plain, image,
# untuned, plain, ...) so a busy minute on a shared machine hits all three. Then, per setting, one
# daemon gets ≥ MIN_REQUESTS requests (what-if and full-catalog load first, then /top) and its
# RSS is read from /proc (execve keeps the process id, so it is the daemon's own).
# Appends a section to bench/results.md.
#   flock /tmp/mvn.lock bench/plain-jar.sh        # on the shared build machine
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=${PORT:-18787}
START_RUNS=${START_RUNS:-7}
MIN_REQUESTS=${MIN_REQUESTS:-100000}
SETTINGS=${SETTINGS:-"plain image untuned"}
PROFILE=${PROFILE:-config/profile.rtx4090.example.json}
RESULTS=${RESULTS:-bench/results.md}
BASE="http://127.0.0.1:$PORT"
source bench/common.sh
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }
build_jar_if_stale
# The archive's training daemon on PORT itself (free until the measured starts), not PORT + 1.
if [[ ! -f $ARCHIVE || $JAR -nt $ARCHIVE ]]; then APPCDS_PORT=$PORT src/main/docker/make-appcds.sh "$JAR"; fi
IMAGE_FLAGS="-XX:SharedArchiveFile=$ARCHIVE $(dockerfile_jvm_flags)"
props=(-Dquarkus.http.port="$PORT" -Dquarkus.log.level=WARN -Dfitd.hardware.profile="$PROFILE"
       -Dfitd.runtimes.lmstudio.enabled=false -Dfitd.runtimes.ollama.enabled=false
       -Dfitd.runtimes.jan.enabled=false -Dfitd.runtimes.gguf.enabled=false)
log=$(mktemp)
pid=
trap 'if [[ -n $pid ]]; then kill $pid 2>/dev/null || true; wait $pid 2>/dev/null || true; fi; rm -f "$log"' EXIT

start() { # setting -> pid, ready_ms
  local start_ns
  start_ns=$(date +%s%N)
  case $1 in
    plain)   env -u JDK_JAVA_OPTIONS -u JAVA_TOOL_OPTIONS -u _JAVA_OPTIONS -u MALLOC_ARENA_MAX \
               java "${props[@]}" -jar "$JAR" >"$log" 2>&1 & ;;
    # shellcheck disable=SC2086
    image)   env -u JDK_JAVA_OPTIONS MALLOC_ARENA_MAX=2 java $IMAGE_FLAGS "${props[@]}" -jar "$JAR" >"$log" 2>&1 & ;;
    untuned) env -u JDK_JAVA_OPTIONS -u JAVA_TOOL_OPTIONS -u _JAVA_OPTIONS -u MALLOC_ARENA_MAX \
               java -Dfitd.launch.tune=false "${props[@]}" -jar "$JAR" >"$log" 2>&1 & ;;
  esac
  pid=$!
  until curl -fs -o /dev/null "$BASE/q/health/ready"; do
    kill -0 $pid 2>/dev/null || { echo "$1: daemon died"; cat "$log"; exit 1; }
    (( ($(date +%s%N) - start_ns) / 1000000 < 60000 )) || { echo "$1: not ready after 60 s"; cat "$log"; exit 1; }
    sleep 0.01
  done
  ready_ms=$(( ($(date +%s%N) - start_ns) / 1000000 ))
}
stop() { kill $pid; wait $pid 2>/dev/null || true; pid=; }
median() { printf '%s\n' "$@" | sort -n | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}'; }
requests() { awk '/requests in/ {print $1}'; }

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
declare -A starts
for ((i = 1; i <= START_RUNS; i++)); do
  for s in $SETTINGS; do start "$s"; starts[$s]+="$ready_ms "; stop; done
done
declare -A rss hwm total ready jvm
for s in $SETTINGS; do
  # shellcheck disable=SC2086
  ready[$s]=$(median ${starts[$s]})
  start "$s"
  jvm[$s]=$(tr '\0' ' ' </proc/$pid/cmdline | sed 's/ -Dquarkus.http.port.*//')
  n=0
  n=$((n + $(wrk -t1 -c2 -d10s -s bench/whatif.lua "$BASE/api/v1/models" | requests)))
  n=$((n + $(wrk -t1 -c2 -d10s "$BASE/api/v1/models" | requests)))
  while (( n < MIN_REQUESTS )); do n=$((n + $(wrk -t1 -c16 -d5s "$BASE/api/v1/models/top?limit=5" | requests))); done
  total[$s]=$n
  rss[$s]=$(( $(awk '/^VmRSS/ {print $2}' /proc/$pid/status) / 1024 ))
  hwm[$s]=$(( $(awk '/^VmHWM/ {print $2}' /proc/$pid/status) / 1024 ))
  echo "$s: ready ${ready[$s]} ms (${starts[$s]}), RSS ${rss[$s]} MB after ${total[$s]} requests (peak ${hwm[$s]} MB)"
  stop
done

commit=$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src pom.xml || echo "+dirty")
{
  echo
  echo "## $(date -u '+%Y-%m-%d %H:%M UTC') · commit $commit · plain jar against the image (bench/plain-jar.sh)"
  echo
  echo "Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo); Java $(java -version 2>&1 | awk -F'"' '/version/ {print $2; exit}'); load average before: $load_before. Start to ready: median of $START_RUNS starts per setting, taken in turns. RSS after what-if, full-catalog and /top load."
  echo
  echo "| setting | command | ready ms (median) | starts | RSS after requests | requests | peak RSS |"
  echo "|---|---|---:|---|---:|---:|---:|"
  for s in $SETTINGS; do
    case $s in
      plain) cmd='`java -jar target/fitd.jar` (re-executes itself with the image flags)' ;;
      image) cmd='Dockerfile `JDK_JAVA_OPTIONS` + `MALLOC_ARENA_MAX=2` + AppCDS archive' ;;
      untuned) cmd='`java -Dfitd.launch.tune=false -jar target/fitd.jar` (JVM defaults)' ;;
    esac
    echo "| $s | $cmd | **${ready[$s]}** | ${starts[$s]% } | **${rss[$s]} MB** | ${total[$s]} | ${hwm[$s]} MB |"
  done
  echo
  for s in $SETTINGS; do echo "- $s ran as: \`${jvm[$s]}\`"; done
} >>"$RESULTS"
echo "appended to $RESULTS"
