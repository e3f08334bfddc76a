#!/bin/sh
# Writes an AppCDS archive (app-cds.jsa, beside JAR) for the application jar JAR: starts
# the daemon once with the JVM that will run it, waits until GET /health answers, sends the
# probes' and a scheduler's first requests, stops it;
# the JVM writes the classes it loaded at exit. Start-up then maps them instead of
# loading and verifying them again (measured in docs/operations.md). JDK 17 archives only
# classes that were linked, so the run logs every class it loads and, at shutdown, the
# daemon links them all (dev.fitd.ops.AppCdsLinker) before the archive is written.
# The daemon must later run as "java -XX:SharedArchiveFile=... -jar JAR" with JAR at the same
# path: the JVM refuses an archive made for another class path.
# Used by the Dockerfile's run stage; PackagedLayoutIT runs it against a copy of target/fitd.jar.
#   make-appcds.sh [JAR]    (default /deployments/fitd.jar; APPCDS_PORT picks the port, default 8799)
set -eu
jar=${1:-/deployments/fitd.jar}
test -f "$jar" || { echo "make-appcds: no application jar at $jar" >&2; exit 1; }
archive="$(dirname "$jar")/app-cds.jsa"
port=${APPCDS_PORT:-8799}
classlog=$(mktemp /tmp/make-appcds-classes.XXXXXX)
rm -f "$archive"
java -XX:ArchiveClassesAtExit="$archive" \
  -Xlog:class+load=info:file="$classlog" -Dfitd.appcds.link-classes="$classlog" \
  -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$port" -Dquarkus.http.domain-socket-enabled=false \
  -Dfitd.runtimes.lmstudio.enabled=false -Dfitd.runtimes.ollama.enabled=false \
  -Dfitd.runtimes.jan.enabled=false -Dfitd.runtimes.gguf.enabled=false \
  -Djna.tmpdir=/tmp -Dio.netty.native.workdir=/tmp -Djava.io.tmpdir=/tmp \
  -jar "$jar" >/tmp/make-appcds.log 2>&1 &
pid=$!
# GET each path (default /health) from the training daemon; 0 when every one answers 200.
ask() {
  QUARKUS_HTTP_PORT="$port" QUARKUS_HTTP_DOMAIN_SOCKET_ENABLED=false \
    java -Xshare:auto -XX:TieredStopAtLevel=1 -cp "$jar" dev.fitd.ops.HealthCheck "$@"
}
tries=0
until ask >/dev/null 2>&1; do
  tries=$((tries + 1))
  if [ "$tries" -ge 120 ] || ! kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null || true
    echo "make-appcds: the daemon did not become healthy:" >&2
    cat /tmp/make-appcds.log >&2
    exit 1
  fi
  sleep 0.5
done
# Then the requests a node sees first: the readiness and liveness probes and a scheduler's first poll,
# so their classes are archived too (the first /q/health/ready is part of start to ready).
if ! ask /q/health/ready /q/health/live /api/v1/models/top >/tmp/make-appcds.warmup 2>&1; then
  kill "$pid" 2>/dev/null || true
  echo "make-appcds: a warm-up request failed:" >&2
  cat /tmp/make-appcds.warmup /tmp/make-appcds.log >&2
  exit 1
fi
rm -f /tmp/make-appcds.warmup
kill -TERM "$pid"
wait "$pid" || true
test -s "$archive"
grep -h "make-appcds: linked" /tmp/make-appcds.log || true
rm -f /tmp/make-appcds.log "$classlog"
echo "make-appcds: wrote $archive ($(wc -c <"$archive") bytes)"
