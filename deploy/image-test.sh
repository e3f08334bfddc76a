#!/usr/bin/env bash
# Builds the fitd image from the repository's Dockerfile with podman and tests it the way an operator
# runs it: as uid 10001, read-only root, /tmp the only writable place, --memory=512m --cpus=1.
#
#   deploy/image-test.sh [--install] [--keep] [--no-cache]
#
#   --install   apt-get install podman, runc and debootstrap when one is missing (otherwise the script
#               stops with exit 2 and says which is missing; it installs nothing unless asked).
#   --keep      leave the test containers running (they are removed at exit otherwise).
#   --no-cache  build every layer again (podman build --no-cache), to time a cold build.
#
# No container registry is reachable from the machines this project is built on, so the Dockerfile's
# two base images are stand-ins made here from Debian's own packages (debootstrap --variant=minbase,
# then podman import), tagged with the Dockerfile's FROM names:
#   eclipse-temurin:17-jre   ca-certificates + openjdk-17-jre-headless
#   eclipse-temurin:17-jdk   ca-certificates + openjdk-17-jdk-headless, trusting the host's
#                            /usr/local/share/ca-certificates/*.crt (HTTPS from inside the build goes
#                            through a proxy whose CA only the host knows)
# Each stand-in is cached as a tarball keyed by a hash of its recipe (suite, packages, CA files), and the
# imported image carries that key as a label: a re-run with the same recipe skips debootstrap.
# If a real eclipse-temurin image is already present under that name (no fitd.standin label), the
# script leaves it alone and uses it.
#
# podman reads only $CONTAINERS_CONF (written into the work directory: runc, cgroupfs, the ulimits
# below); nothing under /etc is edited. Builds and debootstrap run under `flock /tmp/mvn.lock`, like
# every Maven build on these shared machines. Every test talks to 127.0.0.1 only (host network, the
# daemon bound to loopback on $FITD_IMAGE_TEST_PORT).
#
# Environment: FITD_IMAGE_WORK (default /var/tmp/fitd-image-test), FITD_IMAGE_TEST_PORT (default 18817),
# FITD_IMAGE_TAG (default localhost/fitd:image-test), DEBIAN_MIRROR (default http://deb.debian.org/debian),
# FITD_BUILD_LOCK (default /tmp/mvn.lock).
# Prints one line per check and ends with "N passed, M failed"; exit status 0 only when M is 0.
set -uo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)

install=false keep=false cache=()
for arg in "$@"; do
  case "$arg" in
    --install) install=true ;;
    --keep) keep=true ;;
    --no-cache) cache=(--no-cache) ;;
    -h|--help) sed -n '2,32p' "$0"; exit 0 ;;
    *) echo "image-test: unknown argument '$arg' (known: --install, --keep, --no-cache)" >&2; exit 2 ;;
  esac
done

work=${FITD_IMAGE_WORK:-/var/tmp/fitd-image-test}
port=${FITD_IMAGE_TEST_PORT:-18817}
tag=${FITD_IMAGE_TAG:-localhost/fitd:image-test}
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
lock=${FITD_BUILD_LOCK:-/tmp/mvn.lock}
suite=bookworm
mkdir -p "$work"

# --- tools ------------------------------------------------------------------------------------------
missing=()
for tool in podman runc debootstrap curl; do
  command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
done
if [ ${#missing[@]} -gt 0 ]; then
  if ! $install; then
    echo "image-test: missing ${missing[*]}; install them (apt-get install podman runc debootstrap curl)" \
      "or run with --install" >&2
    exit 2
  fi
  [ "$(id -u)" = 0 ] || { echo "image-test: --install needs root (apt-get)" >&2; exit 2; }
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q podman runc debootstrap curl >"$work/apt.log" 2>&1 \
    || { echo "image-test: apt-get install failed, see $work/apt.log" >&2; exit 2; }
fi
[ "$(id -u)" = 0 ] || { echo "image-test: run as root (debootstrap and rootful podman)" >&2; exit 2; }

# --- containers.conf: only this file is read while CONTAINERS_CONF is set ------------------------------
# runc: the packaged default (crun) is not what these machines run reliably; cgroupfs: there is no systemd
# to delegate cgroups to; ulimits: the ones the issue's recipe gives for this VM.
export CONTAINERS_CONF="$work/containers.conf"
cat >"$CONTAINERS_CONF" <<'EOF'
[containers]
default_ulimits = ["nofile=20000:20000", "nproc=32768:32768"]
[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"
events_logger = "file"
EOF

t0=$(date +%s)
stamp() { echo "[$(( $(date +%s) - t0 ))s] $*"; }

# --- stand-in base images --------------------------------------------------------------------------
# standin NAME PACKAGES TRUST_HOST_CA
standin() {
  local name=$1 packages=$2 trust=$3 key ca_sum="" label tarball root
  if [ "$trust" = yes ]; then
    ca_sum=$(cat /usr/local/share/ca-certificates/*.crt 2>/dev/null | sha256sum | cut -c1-16)
  fi
  key=$(printf 'v1 %s %s minbase %s %s %s' "$suite" "$mirror" "$packages" "$trust" "$ca_sum" | sha256sum | cut -c1-16)
  if podman image exists "$name"; then
    label=$(podman image inspect --format '{{index .Config.Labels "fitd.standin"}}' "$name" 2>/dev/null)
    if [ "$label" = "$key" ]; then
      stamp "stand-in $name: cached (recipe $key)"; return 0
    elif [ -z "$label" ] || [ "$label" = "<no value>" ]; then
      stamp "stand-in $name: a non-stand-in image of that name exists; using it"; return 0
    fi
  fi
  tarball="$work/standin-${name//[:\/]/_}-$key.tar"
  if [ ! -s "$tarball" ]; then
    stamp "stand-in $name: debootstrap $suite minbase + $packages"
    root=$(mktemp -d "$work/rootfs.XXXXXX")
    mkdir -p "$work/debs"
    if ! flock "$lock" debootstrap --variant=minbase --include="$packages" --cache-dir="$work/debs" \
        "$suite" "$root" "$mirror" >"$work/debootstrap-${name//[:\/]/_}.log" 2>&1; then
      echo "image-test: debootstrap failed, see $work/debootstrap-${name//[:\/]/_}.log" >&2
      rm -rf "$root"; return 1
    fi
    if [ "$trust" = yes ]; then
      # The JDK reads /etc/ssl/certs/java/cacerts, which ca-certificates-java rebuilds from the system
      # store in update-ca-certificates' hook: so the proxy's CA reaches both curl and Maven.
      cp /usr/local/share/ca-certificates/*.crt "$root/usr/local/share/ca-certificates/" 2>/dev/null || true
      mount -t proc proc "$root/proc"
      chroot "$root" update-ca-certificates >>"$work/debootstrap-${name//[:\/]/_}.log" 2>&1
      local rc=$?
      umount "$root/proc"
      [ $rc = 0 ] || { echo "image-test: update-ca-certificates failed in $name" >&2; rm -rf "$root"; return 1; }
    fi
    rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/* "$root"/tmp/* "$root"/var/log/*.log
    tar -C "$root" -cf "$tarball.part" . && mv "$tarball.part" "$tarball"
    rm -rf "$root"
  fi
  stamp "stand-in $name: import $(du -h "$tarball" | cut -f1)"
  local jhome=/usr/lib/jvm/java-17-openjdk-amd64
  podman import --quiet --change "LABEL fitd.standin=$key" --change "ENV JAVA_HOME=$jhome" \
    --change "ENV PATH=$jhome/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" \
    --change 'CMD ["/bin/bash"]' "$tarball" "$name" >/dev/null
}
[ "$(uname -m)" = x86_64 ] || { echo "image-test: stand-ins are made for amd64 only" >&2; exit 2; }
standin eclipse-temurin:17-jre ca-certificates,openjdk-17-jre-headless no || exit 1
standin eclipse-temurin:17-jdk ca-certificates,openjdk-17-jdk-headless yes || exit 1

# --- build -----------------------------------------------------------------------------------------
# --format docker: the OCI format has no HEALTHCHECK. Host network for the build: Maven reaches
# Central through the host's proxy; make-appcds.sh's training daemon binds 127.0.0.1:$port.
stamp "podman build $tag (waits for $lock)"
old_id=$(podman image inspect --format '{{.Id}}' "$tag" 2>/dev/null || true)
# The build's own time is taken once the lock is held (other builds may hold it first).
if ! flock "$lock" sh -c 'date +%s >"$1/build.start"; shift; exec "$@"' sh "$work" \
    podman build --format docker --network host --build-arg APPCDS_PORT="$port" ${cache[@]+"${cache[@]}"} \
    -t "$tag" "$repo" >"$work/build.log" 2>&1; then
  echo "image-test: podman build failed; the last lines of $work/build.log:" >&2
  tail -40 "$work/build.log" >&2
  echo "0 passed, 1 failed"
  exit 1
fi
build_s=$(( $(date +%s) - $(cat "$work/build.start") ))
size=$(podman image inspect --format '{{.Size}}' "$tag")
# The image this run replaced under the tag is no one's now: remove it (only that one) so runs do not pile up.
new_id=$(podman image inspect --format '{{.Id}}' "$tag")
if [ -n "$old_id" ] && [ "$old_id" != "$new_id" ]; then podman rmi "$old_id" >/dev/null 2>&1 || true; fi
stamp "built in ${build_s}s; image size $((size / 1000000)) MB ($size bytes)"

# --- tests -----------------------------------------------------------------------------------------
passed=0 failed=0
check() { # check NAME COMMAND...: runs the command, counts and prints the outcome
  local name=$1; shift
  if "$@"; then passed=$((passed + 1)); echo "PASS $name"; else failed=$((failed + 1)); echo "FAIL $name"; fi
}
token=$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')
sockdir="$work/socket"
c1=fitd-image-test-$$ c2=fitd-image-test-ro-$$ c3=fitd-image-test-nfd-$$
cleanup() {
  $keep && return
  # One at a time: podman 4.3's `rm -f A B` removes nothing (and says nothing) when B does not exist.
  local c
  for c in "$c1" "$c2" "$c3"; do
    podman container exists "$c" 2>/dev/null && podman rm -f -t 2 "$c" >/dev/null 2>>"$work/podman.log"
  done
  return 0
}
trap cleanup EXIT

# The socket directory a DaemonSet's hostPath gives the pod, prepared the way the initContainer does it.
rm -rf "$sockdir"; mkdir -p "$sockdir"; chown 10001:10001 "$sockdir"; chmod 0770 "$sockdir"

# The tests need the port to themselves: a daemon left over from elsewhere would answer for this one.
if curl -s -o /dev/null --max-time 2 "http://127.0.0.1:$port/health"; then
  echo "image-test: something already answers on 127.0.0.1:$port; stop it or set FITD_IMAGE_TEST_PORT" >&2
  echo "0 passed, 1 failed"
  exit 1
fi

# --read-only-tmpfs=false: podman would otherwise mount tmpfs on /run and /var/tmp, which docker does
# not; the test should see what `docker run --read-only` sees.
podman run -d --name "$c1" --user 10001:10001 --read-only --read-only-tmpfs=false --tmpfs /tmp:rw,size=32m \
  --memory=512m --cpus=1 --network host \
  -e QUARKUS_HTTP_HOST=127.0.0.1 -e QUARKUS_HTTP_PORT="$port" -e FITD_SECURITY_TOKEN="$token" \
  -e QUARKUS_HTTP_DOMAIN_SOCKET_ENABLED=true -e QUARKUS_VERTX_PREFER_NATIVE_TRANSPORT=true \
  -v "$sockdir":/run/fitd "$tag" >/dev/null 2>>"$work/podman.log" || { echo "image-test: podman run failed" >&2; echo "0 passed, 1 failed"; exit 1; }

base="http://127.0.0.1:$port"
ready=false r0=$(date +%s%N)
for _ in $(seq 1 600); do
  if curl -fsS -o /dev/null "$base/health" 2>/dev/null; then ready=true; break; fi
  [ "$(podman inspect --format '{{.State.Running}}' "$c1" 2>/dev/null)" = true ] || break
  sleep 0.1
done
ready_ms=$(( ($(date +%s%N) - r0) / 1000000 ))
check "GET /health answers 200 as uid 10001 on a read-only root (${ready_ms} ms after podman run returned)" $ready
if ! $ready; then podman logs "$c1" 2>&1 | tail -30; fi

check "the daemon runs as uid 10001" \
  test "$(podman exec "$c1" cat /proc/1/status | awk '/^Uid:/{print $2}')" = 10001

system=$(curl -fsS -H "Authorization: Bearer $token" "$base/api/v1/system" 2>/dev/null)
limit_check() {
  python3 - "$system" <<'EOF'
import json, sys
s = json.loads(sys.argv[1])["system"]
gb, cores = s.get("container_limit_gb"), s.get("cpu_usable_cores")
print(f"  container_limit_gb={gb} cpu_usable_cores={cores}")
# 512 MiB is 0.537 GB (or 0.5 when reported in GiB); --cpus=1 is one usable core.
sys.exit(0 if gb is not None and 0.49 <= gb <= 0.55 and cores == 1 else 1)
EOF
}
check "/api/v1/system shows --memory=512m --cpus=1 as the container limit" limit_check

check "without the token /api/v1/system is 401" \
  test "$(curl -s -o /dev/null -w '%{http_code}' "$base/api/v1/system")" = 401
check "a wrong token is 401" \
  test "$(curl -s -o /dev/null -w '%{http_code}' -H 'Authorization: Bearer wrong' "$base/api/v1/system")" = 401
check "the bearer token is accepted" \
  test "$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $token" "$base/api/v1/models/top")" = 200

sock="$sockdir/fitd.sock"
check "the Unix socket exists with mode 660, owned by 10001" \
  test "$(stat -c '%a %u' "$sock" 2>/dev/null)" = "660 10001"
check "GET /api/v1/system over the socket with the token is 200" \
  test "$(curl -s -o /dev/null -w '%{http_code}' --unix-socket "$sock" -H "Authorization: Bearer $token" http://fitd/api/v1/system)" = 200
check "over the socket without the token is 401" \
  test "$(curl -s -o /dev/null -w '%{http_code}' --unix-socket "$sock" http://fitd/api/v1/system)" = 401

# HEALTHCHECK: podman runs it on a systemd timer, which this machine has not (podman logs that to
# $work/podman.log); `healthcheck run` runs the image's own command once and records the result in the
# container state.
hc_ok=false
for _ in 1 2 3; do podman healthcheck run "$c1" >/dev/null 2>&1 && { hc_ok=true; break; }; sleep 1; done
check "the image's HEALTHCHECK command succeeds" $hc_ok
check "the container's health turns healthy" \
  test "$(podman inspect --format '{{.State.Health.Status}}' "$c1" 2>/dev/null || podman inspect --format '{{.State.Healthcheck.Status}}' "$c1")" = healthy
check "the HEALTHCHECK JVM leaves nothing in /tmp (no hsperfdata_*)" \
  test -z "$(podman exec "$c1" sh -c 'ls -d /tmp/hsperfdata_* 2>/dev/null')"

# 1000 requests over keep-alive connections: the scheduler's poll, the endpoints around it and what-ifs.
urls="$work/urls.txt"; : >"$urls"
for i in $(seq 1 1000); do
  case $((i % 10)) in
    0) echo "url = \"$base/api/v1/models?max_context=$((4096 * (i % 7 + 1)))\"" ;;
    1) echo "url = \"$base/api/v1/models/top?limit=5&use_case=coding\"" ;;
    2) echo "url = \"$base/api/v1/system\"" ;;
    3) echo "url = \"$base/health\"" ;;
    *) echo "url = \"$base/api/v1/models/top\"" ;;
  esac
  echo 'output = "/dev/null"'
done >>"$urls"
l0=$(date +%s%N)
codes=$(curl -s -K "$urls" -H "Authorization: Bearer $token" -w '%{http_code}\n' | sort | uniq -c | tr -s ' \n' ' ')
load_ms=$(( ($(date +%s%N) - l0) / 1000000 ))
echo "  1000 requests in ${load_ms} ms: status counts:$codes"
check "1000 requests all answered 200" test "$(echo "$codes" | xargs)" = "1000 200"
rss_kb=$(podman exec "$c1" awk '/^VmRSS:/{print $2}' /proc/1/status)
rss_mb=$((rss_kb * 1024 / 1000000))
echo "  RSS after 1000 requests: ${rss_mb} MB (${rss_kb} kB)"
check "RSS ≤ 150 MB after 1000 requests (${rss_mb} MB)" test "$rss_mb" -le 150

# docker run --read-only semantics without any volume for the socket: the image's VOLUME /run/fitd gives
# the socket directory a writable anonymous volume owned by 10001, so the daemon comes up (before the
# fix it exited 1: "Unable to write in the domain socket directory"). TCP off, socket only, so the
# HEALTHCHECK goes over the socket.
podman run -d --name "$c2" --user 10001:10001 --read-only --read-only-tmpfs=false --tmpfs /tmp:rw,size=32m \
  --memory=512m --cpus=1 --network none \
  -e QUARKUS_HTTP_HOST_ENABLED=false -e QUARKUS_HTTP_DOMAIN_SOCKET_ENABLED=true \
  -e QUARKUS_VERTX_PREFER_NATIVE_TRANSPORT=true "$tag" >/dev/null 2>>"$work/podman.log"
ro_ok=false
for _ in $(seq 1 60); do
  if podman healthcheck run "$c2" >/dev/null 2>&1; then ro_ok=true; break; fi
  [ "$(podman inspect --format '{{.State.Running}}' "$c2" 2>/dev/null)" = true ] || break
  sleep 1
done
check "read-only root, no socket volume given: socket-only daemon is healthy over /run/fitd/fitd.sock" $ro_ok
if ! $ro_ok; then podman logs "$c2" 2>&1 | tail -20; fi

# The DaemonSet's host-dirs init container, run as the manifest runs it (root, only CHOWN and FOWNER,
# read-only root), on two root-owned host directories like the ones the kubelet creates for hostPath.
hostrun="$work/host"
rm -rf "$hostrun"; mkdir -p "$hostrun/run-fitd" "$hostrun/features.d"; chmod 0755 "$hostrun/run-fitd" "$hostrun/features.d"
init_cmd=$(sed -n 's/^ *command: \["sh", "-c", "\(.*\)"\]$/\1/p' config/kubernetes/daemonset.example.yaml)
init_ok=false
if [ -n "$init_cmd" ] && podman run --rm --user 0:0 --read-only --cap-drop=ALL --cap-add=CHOWN,FOWNER \
    -v "$hostrun/run-fitd":/run/fitd -v "$hostrun/features.d":/features.d --entrypoint sh "$tag" -c "$init_cmd" \
    >/dev/null 2>>"$work/podman.log"; then
  init_ok=true
fi
check "the DaemonSet's init container makes /run/fitd 10001:10001 0770 and features.d group 10001, 0775" \
  test "$init_ok $(stat -c '%u:%g %a' "$hostrun/run-fitd") $(stat -c '%u:%g %a' "$hostrun/features.d")" \
    = "true 10001:10001 770 0:10001 775"

# Then the daemon as the DaemonSet runs it: node labels into features.d, container limits not applied.
podman run -d --name "$c3" --user 10001:10001 --read-only --read-only-tmpfs=false --tmpfs /tmp:rw,size=32m \
  --memory=512m --cpus=1 --network none \
  -e FITD_KUBERNETES_NFD_FEATURES_FILE=/etc/kubernetes/node-feature-discovery/features.d/fitd \
  -e FITD_HARDWARE_APPLY_CONTAINER_LIMITS=false -e QUARKUS_HTTP_HOST_ENABLED=false \
  -e QUARKUS_HTTP_DOMAIN_SOCKET_ENABLED=true -e QUARKUS_VERTX_PREFER_NATIVE_TRANSPORT=true \
  -v "$hostrun/run-fitd":/run/fitd -v "$hostrun/features.d":/etc/kubernetes/node-feature-discovery/features.d \
  "$tag" >/dev/null 2>>"$work/podman.log"
features="$hostrun/features.d/fitd"
for _ in $(seq 1 60); do [ -s "$features" ] && break; sleep 1; done
nfd_valid() {
  [ -s "$features" ] || return 1
  # NFD's label syntax: prefix/name=value, name and value <= 63 of [A-Za-z0-9._-], alphanumeric at both ends
  local bad
  bad=$(grep -v '^#' "$features" | grep -Ev '^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?=([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?$')
  [ -z "$bad" ] || { echo "  invalid lines: $bad"; return 1; }
}
check "the NFD feature file is written and every line is a valid label ($(grep -c '\.fit=' "$features" 2>/dev/null) models)" nfd_valid
host_ram_gib=$(awk '/^MemAvailable:/{print int($2 / 1048576)}' /proc/meminfo)
file_ram_gib=$(sed -n 's|^fitd.dev/ram-gib=||p' "$features" 2>/dev/null)
echo "  ram-gib in the file: ${file_ram_gib:-none}; the host's MemAvailable: ${host_ram_gib} GiB"
check "with container limits off, ram-gib describes the node, not the 512m container" \
  test "${file_ram_gib:-0}" -gt 1
check "no dot-file left in features.d" test -z "$(ls -A "$hostrun/features.d" | grep '^\.')"
cp "$features" "$work/features.d-fitd.txt" 2>/dev/null || true
podman rm -f -t 2 "$c3" >/dev/null 2>>"$work/podman.log" || true

echo "image: $tag, $((size / 1000000)) MB; build ${build_s}s; ready ${ready_ms} ms; 1000 requests ${load_ms} ms; RSS ${rss_mb} MB"
stamp "done"
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
