# syntax=docker/dockerfile:1
#
# fitd as a sidecar image. Build:   docker build -t fitd .
# Run (read-only root, writable /tmp only):
#   docker run --rm --read-only --tmpfs /tmp:rw,size=16m -p 127.0.0.1:8787:8787 \
#     --gpus all -e FITD_SECURITY_TOKEN=... fitd
# docs/operations.md explains every setting; config/kubernetes/ has a DaemonSet.

# --- build ------------------------------------------------------------------------
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
# Wrapper and pom first: the dependency download is cached until they change.
# quarkus:go-offline -Dmode=prod resolves what a production Quarkus build needs (the application
# and its deployment dependencies; the default mode "all" adds dev-mode and test artifacts such as
# quarkus-devui). dependency:go-offline cannot: it tries to resolve Netty's
# netty-transport-native-unix-common:${os.detected.name}, a classifier only the os-maven-plugin
# extension defines, and fails. No `|| true`: a failed download must fail the build.
COPY mvnw pom.xml ./
COPY .mvn/ .mvn/
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B -ntp quarkus:go-offline -Dmode=prod
COPY catalog/ catalog/
COPY src/main/ src/main/
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B -ntp package -DskipTests

# --- run --------------------------------------------------------------------------
FROM eclipse-temurin:17-jre
# A fixed non-root uid/gid (10001) so a Kubernetes securityContext and a shared socket
# volume (fsGroup) can name it. No home, no shell login.
RUN groupadd --system --gid 10001 fitd \
 && useradd --system --uid 10001 --gid 10001 --no-create-home --home-dir /nonexistent \
      --shell /usr/sbin/nologin fitd \
 && mkdir -p /run/fitd && chown 10001:10001 /run/fitd && chmod 0770 /run/fitd
# The socket directory is a volume: under `docker run --read-only` it gets a writable anonymous
# volume owned by 10001 (the image's ownership is copied into it) instead of sitting on the read-only
# root, where the daemon exited 1 ("Unable to write in the domain socket directory") when the socket
# was enabled. Kubernetes mounts its own volume there (config/kubernetes/).
VOLUME /run/fitd
WORKDIR /deployments
# One application jar (a Quarkus uber-jar: the JVM's own class loader loads it, so AppCDS
# serves its classes straight from the archive), owned by root and read-only to the daemon.
COPY --from=build /src/target/fitd.jar fitd.jar
COPY --from=build /src/src/main/docker/make-appcds.sh /usr/local/bin/make-appcds.sh

# Listen on every interface inside the container only; the packaged default stays
# 127.0.0.1 for people running the jar on their own machine.
ENV QUARKUS_HTTP_HOST=0.0.0.0 \
    QUARKUS_HTTP_PORT=8787
EXPOSE 8787

# JVM flags for a sidecar, in JDK_JAVA_OPTIONS so a deployment can replace them without
# rebuilding. bench/run.sh and bench/soak.sh read this line, so the figures in bench/ and
# docs/operations.md ("Memory and JVM flags") are for exactly these flags:
#  -XX:+UseSerialGC          one GC thread, no concurrent-GC bookkeeping: the smallest footprint;
#                            young pauses on a heap this small are 1-5 ms.
#  -Xms48m -Xmx96m -XX:MinHeapFreeRatio=20   a 48 MiB heap to run in (the live set is 17-25 MiB
#                            with the bundled catalog and full caches), grown towards 96 MiB only when
#                            less than 20 % of it is free after a collection (a large catalog overlay);
#                            the default 40 % grew it by ~7 MiB under load for nothing. A heap sized from
#                            the container limit (MaxRAMPercentage) grew to ~100 MiB and RSS to 206 MB
#                            for no gain in speed; one that floats with tight free ratios paid for it
#                            in 35-50 ms full collections.
#  -Xmn16m -XX:SurvivorRatio=4   a 16 MiB young generation with roomy survivor spaces: per-request
#                            garbage dies young, and cached answers are not promoted after one GC.
#  -XX:TieredStopAtLevel=1   C1 only: no C2 compiler threads and arenas (~40 MB less RSS, faster
#                            start); repeated answers come from the micro-cache, so peak JIT speed
#                            matters only for what-if requests (~1.3x slower). Drop it to trade back.
#  -XX:CICompilerCount=1     one C1 compiler thread instead of two: on a 2-core node it competes less
#                            with start-up itself (~60-75 ms sooner ready in alternating runs) and
#                            the daemon's hot paths are compiled within seconds either way.
#  -Xss512k                  request threads never recurse deeply; halves stack reservation.
#  -XX:ReservedCodeCacheSize=32m -XX:MaxMetaspaceSize=96m   caps on the non-heap pools.
#  -XX:-UsePerfData          no /tmp/hsperfdata file and no shared-memory counters.
#  -XX:TrimNativeHeapInterval=5000   return freed malloc memory to the OS every 5 s
#                            (JDK 17.0.9+), so a burst of what-if requests does not leave RSS high.
# MALLOC_ARENA_MAX=2: glibc otherwise keeps up to 8 malloc arenas per core for JVM threads.
ENV JDK_JAVA_OPTIONS="-XX:+UseSerialGC -Xms48m -Xmx96m -XX:MinHeapFreeRatio=20 -Xmn16m -XX:SurvivorRatio=4 -XX:TieredStopAtLevel=1 -XX:CICompilerCount=1 -Xss512k -XX:ReservedCodeCacheSize=32m -XX:MaxMetaspaceSize=96m -XX:-UsePerfData -XX:TrimNativeHeapInterval=5000" \
    MALLOC_ARENA_MAX=2
# AppCDS: start the daemon once with this image's own JVM and flags, stop it, keep the class
# archive it writes at exit; start-up maps those classes instead of loading them again.
# APPCDS_PORT: the loopback port of that training run (a build on the host network may need another).
ARG APPCDS_PORT=8799
RUN APPCDS_PORT=$APPCDS_PORT make-appcds.sh /deployments/fitd.jar && rm -rf /tmp/* /tmp/.[!.]*
# Not tuning, so not overridable by accident: the class archive, and /tmp as the only
# writable place (tmpfs / emptyDir), where JNA (OSHI) and Netty (epoll, for the Unix socket)
# unpack their native libraries and Vert.x keeps its file cache.
ENTRYPOINT ["java", "-XX:SharedArchiveFile=/deployments/app-cds.jsa", \
  "-Djna.tmpdir=/tmp", "-Dio.netty.native.workdir=/tmp", "-Djava.io.tmpdir=/tmp", \
  "-Dvertx.cacheDirBase=/tmp/vertx-cache", \
  "-jar", "/deployments/fitd.jar"]
USER 10001:10001

# No curl or wget in the JRE image: a dependency-free class from the application jar
# sends GET /health (over the Unix socket when TCP is off) and exits 0 on a 200.
# env -u: the daemon's JDK_JAVA_OPTIONS (a 48 MiB minimum heap) must not size this small JVM.
# -XX:-UsePerfData: otherwise every check leaves a /tmp/hsperfdata_10001/<pid> file behind in the
# daemon's small tmpfs. -Xshare:auto maps the JDK's default class archive (read-only, nothing written).
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["env", "-u", "JDK_JAVA_OPTIONS", "java", "-XX:-UsePerfData", "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx16m", "-cp", "/deployments/fitd.jar", "dev.fitd.ops.HealthCheck"]
