#!/usr/bin/env bash
# fitd soak: steady scheduler-like load for MINUTES (default 30) against the packaged
# daemon, sampling throughput, latency, errors and RSS every 30 s; writes a report.
#
#   bench/soak.sh                 # 30 minutes, ~200 req/s, report in bench/soak-report.md
#   MINUTES=5 bench/soak.sh       # a shorter one
#
# The load is paced (wrk's delay()), not flat out: a soak looks for drift (RSS growth,
# errors, latency creep), and at ~200 req/s the daemon uses a few percent of a core, so it
# does not need the build lock for half an hour. Take it anyway on a quiet machine if you
# want latency figures free of other processes: flock /tmp/fitd-mvn.lock bench/soak.sh
set -euo pipefail
cd "$(dirname "$0")/.."

MINUTES=${MINUTES:-30}
SAMPLE=${SAMPLE:-30}               # seconds per sample
CONNECTIONS=${CONNECTIONS:-4}
export DELAY_MS=${DELAY_MS:-20}    # per connection: 4 x 1000/20 = ~200 req/s
PORT=${PORT:-18797}
PROFILE=${PROFILE:-config/profile.rtx4090.example.json}
source bench/common.sh
JAVA_OPTS=${JAVA_OPTS:-$(dockerfile_jvm_flags)}
export MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2}
REPORT=${REPORT:-bench/soak-report.md}
BASE="http://127.0.0.1:$PORT"

command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }
build_jar_if_stale
make_archive_if_stale
JAVA_OPTS="-XX:SharedArchiveFile=$ARCHIVE $JAVA_OPTS"

commit=$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src pom.xml || echo "+dirty")
load_start=$(cut -d' ' -f1-3 /proc/loadavg)
log=$(mktemp)
# shellcheck disable=SC2086
java $JAVA_OPTS -Dquarkus.http.port="$PORT" -Dquarkus.log.level=WARN -Dfitd.hardware.profile="$PROFILE" \
  -Dfitd.runtimes.lmstudio.enabled=false -Dfitd.runtimes.ollama.enabled=false \
  -Dfitd.runtimes.jan.enabled=false -Dfitd.runtimes.gguf.enabled=false \
  -jar "$JAR" >"$log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true; wait $pid 2>/dev/null || true' EXIT
until curl -fs -o /dev/null "$BASE/q/health/ready"; do
  kill -0 $pid 2>/dev/null || { cat "$log"; exit 1; }
  sleep 0.05
done

to_ms() { awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n = n; else if (v ~ /s$/) n *= 1000; printf "%.2f", n }'; }
rss() { awk '/^VmRSS/ {printf "%.0f", $2/1024}' /proc/$pid/status; }

samples=$(( MINUTES * 60 / SAMPLE ))
rows=()
total=0
start=$(date +%s)
echo "soak: $samples samples of ${SAMPLE}s, pid $pid"
for ((i = 1; i <= samples; i++)); do
  out=$(wrk -t1 -c"$CONNECTIONS" -d"${SAMPLE}s" --latency -s bench/soak.lua "$BASE")
  n=$(awk '/requests in/ {print $1}' <<<"$out")
  rps=$(awk '/^Requests\/sec/ {printf "%.0f", $2}' <<<"$out")
  p50=$(to_ms "$(awk '$1 == "50%" {print $2}' <<<"$out")")
  p99=$(to_ms "$(awk '$1 == "99%" {print $2}' <<<"$out")")
  # 400s are expected (the mix includes limit=oops); errors are socket errors, timeouts and 5xx
  sock=$(awk '/Socket errors/ {gsub(/,/, ""); print $4 + $6 + $8 + $10}' <<<"$out"); sock=${sock:-0}
  five=$(curl -s "$BASE/q/metrics" | awk '/^http_server_requests_seconds_count/ && /status="5/ {s += $2} END {print s + 0}')
  total=$((total + n))
  t=$(( $(date +%s) - start ))
  r=$(rss)
  printf '%5ss  %6s req  %5s req/s  p50 %6s ms  p99 %7s ms  socket errors %s  5xx so far %s  RSS %s MB\n' "$t" "$n" "$rps" "$p50" "$p99" "$sock" "$five" "$r"
  rows+=("| $t | $n | $rps | $p50 | $p99 | $sock | $five | $r |")
done
first_rss=$(awk -F'|' 'NR==1 {gsub(/ /, "", $9); print $9}' <<<"$(printf '%s\n' "${rows[@]}")")
last_rss=$(rss)
{
  echo "# fitd soak report"
  echo
  echo "$(date -u '+%Y-%m-%d %H:%M UTC') · commit $commit · ${MINUTES} min · $(nproc) cores · load average at start $load_start"
  echo
  echo "Daemon: \`java $JAVA_OPTS\` (MALLOC_ARENA_MAX=$MALLOC_ARENA_MAX), profile $PROFILE, runtimes off."
  echo "Load: wrk -c$CONNECTIONS, ${DELAY_MS} ms pause per connection, a scheduler-like mix (bench/soak.lua):"
  echo "/top variants, /system, /health, a model by name, a max_context what-if, the full catalog,"
  echo "a 400 (limit=oops) and 5 % hardware what-ifs on random machines."
  echo
  echo "Total: $total requests; RSS $first_rss MB after the first sample, $last_rss MB at the end."
  echo
  echo "| t (s) | requests | req/s | p50 ms | p99 ms | socket errors | 5xx (cumulative) | RSS MB |"
  echo "|---:|---:|---:|---:|---:|---:|---:|---:|"
  printf '%s\n' "${rows[@]}"
} >"$REPORT"
echo "wrote $REPORT"
