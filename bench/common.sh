# Shared by bench/run.sh and bench/soak.sh (sourced from the project directory): the daemon
# they start is the packaged jar, with the container's JVM flags and its AppCDS archive.

JAR=target/fitd.jar
ARCHIVE=target/app-cds.jsa          # make-appcds.sh writes it beside the jar

# The Dockerfile's JDK_JAVA_OPTIONS, so the scripts' figures are for exactly the image's flags.
dockerfile_jvm_flags() {
  local flags
  flags=$(sed -n 's/^ENV JDK_JAVA_OPTIONS="\([^"]*\)".*/\1/p' Dockerfile)
  [[ -n $flags ]] || { echo "no ENV JDK_JAVA_OPTIONS line in the Dockerfile" >&2; exit 1; }
  echo "$flags"
}

# Builds the jar when it is missing or older than any source.
build_jar_if_stale() {
  if [[ ! -f $JAR ]] || [[ -n $(find src/main catalog pom.xml -newer "$JAR" -type f -print -quit) ]]; then
    echo "building the daemon (./mvnw -B -q package -DskipTests)"
    ./mvnw -B -q package -DskipTests
  fi
}

# Writes the AppCDS archive when it is missing or older than the jar; PORT + 1 for its training run.
make_archive_if_stale() {
  if [[ ! -f $ARCHIVE || $JAR -nt $ARCHIVE ]]; then
    APPCDS_PORT=$((PORT + 1)) src/main/docker/make-appcds.sh "$JAR"
  fi
}
