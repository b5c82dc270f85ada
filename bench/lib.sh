# Shared set-up of bench/run.sh, bench/profile.sh and bench/ab.sh; sourced, not run. Expects ROOT (the project), BENCH
# (target/bench) to be set and the current directory to be ROOT; REBUILD, REGEN (0 or 1) and FIXTURES (the
# fixture streams) may be set by the script's options, else they default here. Provides
# JAR (the installed plugin), CP (bench classes + plugin jar + test dependencies), say, gen KIND SIZE
# (generates target/bench/streams/KIND-SIZE.subunit unless cached; sets TESTS[KIND-SIZE], BYTES[KIND-SIZE]),
# and stream_arg (below).
# shellcheck shell=bash

GAV=io.github.stackviz:stackviz-maven-plugin:0.1.0-SNAPSHOT
MAVEN_REPO=${MAVEN_REPO:-$HOME/.m2/repository}
JAR=$MAVEN_REPO/io/github/stackviz/stackviz-maven-plugin/0.1.0-SNAPSHOT/stackviz-maven-plugin-0.1.0-SNAPSHOT.jar
BENCH_TMP=${BENCH_TMP:-/tmp}
mkdir -p "$BENCH/streams" "$BENCH/logs"
REBUILD=${REBUILD:-0}
REGEN=${REGEN:-0}
FIXTURES=$(cd "${FIXTURES:-$ROOT/src/test/fixtures/streams}" && pwd)

say() { echo "== $*" >&2; }

# ---------------------------------------------------------------------------------------------- setup
# The plugin, installed in the local repository (what the mvn runs use). Another build may be writing the
# same files: retry.
install_plugin() {
  local attempt
  for attempt in 1 2 3; do
    say "installing the plugin (attempt $attempt)"
    if mvn -B -ntp -q install -DskipTests -Dinvoker.skip >"$BENCH/logs/install.log" 2>&1; then
      return 0
    fi
    if [ "$attempt" = 3 ]; then
      tail -40 "$BENCH/logs/install.log" >&2
      exit 1
    fi
    sleep 10
  done
}
if [ "$REBUILD" = 1 ] || [ ! -f "$JAR" ]; then
  install_plugin
  REBUILD=1
fi

# The test classpath's dependencies; the project's classes come from the installed jar, so the core runs
# exactly the code the mvn runs run, whatever a concurrent build does to target/classes.
DEPS_FILE=$BENCH/deps.txt
if [ ! -s "$DEPS_FILE" ] || [ pom.xml -nt "$DEPS_FILE" ]; then
  say "building the test classpath"
  mvn -B -ntp -o -q dependency:build-classpath -Dmdep.outputFile="$DEPS_FILE" -Dmdep.includeScope=test \
      >"$BENCH/logs/classpath.log" 2>&1 \
    || mvn -B -ntp -q dependency:build-classpath -Dmdep.outputFile="$DEPS_FILE" -Dmdep.includeScope=test \
      >"$BENCH/logs/classpath.log" 2>&1 \
    || { tail -40 "$BENCH/logs/classpath.log" >&2; exit 1; }
  touch "$DEPS_FILE" # the plugin leaves an unchanged file as it was: newer than the pom from now on
fi
DEPS=$(cat "$DEPS_FILE")

# The bench classes and the test helpers they use, compiled against the installed jar.
SOURCES=(src/test/java/io/github/stackviz/bench/StreamGenerator.java
         src/test/java/io/github/stackviz/bench/ReportGenerator.java
         src/test/java/io/github/stackviz/bench/JfrTop.java
         src/test/java/io/github/stackviz/bench/JitLog.java
         src/test/java/io/github/stackviz/bench/ThreadCpu.java
         src/test/java/io/github/stackviz/bench/CopyFloor.java
         src/test/java/io/github/stackviz/subunit/SubunitV2Writer.java
         src/test/java/io/github/stackviz/export/ExportMain.java)
CLASSES=$BENCH/classes
STAMP=$CLASSES/.stamp
need_compile=0
if [ ! -f "$STAMP" ] || [ "$JAR" -nt "$STAMP" ]; then
  need_compile=1
else
  for s in "${SOURCES[@]}"; do
    if [ "$s" -nt "$STAMP" ]; then need_compile=1; fi
  done
fi
if [ "$need_compile" = 1 ]; then
  say "compiling the bench classes"
  rm -rf "$CLASSES"
  mkdir -p "$CLASSES"
  if ! javac --release 17 -nowarn -d "$CLASSES" -cp "$JAR:$DEPS" "${SOURCES[@]}" 2>"$BENCH/logs/javac.log"; then
    # the bench sources may use main code newer than the installed jar: install it once and retry
    if [ "$REBUILD" = 1 ]; then
      cat "$BENCH/logs/javac.log" >&2
      exit 1
    fi
    say "the bench classes do not compile against the installed jar; re-installing the plugin"
    install_plugin
    REBUILD=1
    javac --release 17 -nowarn -d "$CLASSES" -cp "$JAR:$DEPS" "${SOURCES[@]}"
  fi
  touch "$STAMP"
fi
CP=$CLASSES:$JAR:$DEPS

# ---------------------------------------------------------------------------------------------- streams
GEN_HASH=$(sha1sum src/test/java/io/github/stackviz/bench/StreamGenerator.java | cut -c1-12)
declare -A TESTS=() BYTES=()

# gen KIND SIZE: target/bench/streams/KIND-SIZE.subunit, reused while the generator is unchanged
gen() {
  local kind=$1 size=$2
  local file=$BENCH/streams/$kind-$size.subunit meta=$BENCH/streams/$kind-$size.meta
  if [ "$REGEN" = 1 ] || [ ! -f "$file" ] || [ ! -f "$meta" ] || ! grep -q "^gen=$GEN_HASH\$" "$meta"; then
    say "generating $kind-$size ($size MB)"
    local line
    line=$(java -Xmx256m -cp "$CP" io.github.stackviz.bench.StreamGenerator "$kind" "$file" "$size" "$FIXTURES")
    echo "   $line" >&2
    {
      echo "gen=$GEN_HASH"
      echo "$line" | tr ' ' '\n' | grep -E '^(tests|bytes)='
    } >"$meta"
  fi
  TESTS[$kind-$size]=$(sed -n 's/^tests=//p' "$meta")
  BYTES[$kind-$size]=$(stat -c %s "$file")
}

# gen_reports TESTS: target/bench/reports/junit-TESTS, a folder of Surefire reports holding TESTS testcases (a few
# more: whole passes), reused while the generator is unchanged; sets TESTS[junit-TESTS], BYTES[junit-TESTS]
REPORT_GEN_HASH=$(sha1sum src/test/java/io/github/stackviz/bench/ReportGenerator.java | cut -c1-12)
gen_reports() {
  local tests=$1
  local dir=$BENCH/reports/junit-$tests meta=$BENCH/reports/junit-$tests.meta
  if [ "$REGEN" = 1 ] || [ ! -d "$dir" ] || [ ! -f "$meta" ] || ! grep -q "^gen=$REPORT_GEN_HASH\$" "$meta"; then
    say "generating junit-$tests (Surefire reports)"
    rm -rf "$dir"
    local line
    line=$(java -Xmx256m -cp "$CP" io.github.stackviz.bench.ReportGenerator "$dir" "$tests" \
      "$ROOT/src/test/fixtures/junit/parallel")
    echo "   $line" >&2
    {
      echo "gen=$REPORT_GEN_HASH"
      echo "$line" | tr ' ' '\n' | grep -E '^(tests|bytes|files)='
    } >"$meta"
  fi
  TESTS[junit-$tests]=$(sed -n 's/^tests=//p' "$meta")
  BYTES[junit-$tests]=$(sed -n 's/^bytes=//p' "$meta")
}

# stream_arg TARGET [EXPORT-OPTIONS...] (profile.sh, ab.sh): sets STREAM, the input TARGET names (a stream file, KIND-SIZE
# of target/bench/streams, or junit-TESTS of target/bench/reports; generated if missing), CORE_INPUT and MVN_INPUT (the
# arguments that give it to ExportMain and to the plugin) and NAME, for the files a script writes about it (the
# options folded in); exits when TARGET is none of them.
stream_arg() {
  local target=$1
  shift
  if [ -f "$target" ]; then
    STREAM=$(cd "$(dirname "$target")" && pwd)/$(basename "$target")
    NAME=$(basename "$target" .subunit)
  elif [[ "$target" =~ ^(tests|attachments|logs)-([0-9]+)$ ]]; then
    gen "${BASH_REMATCH[1]}" "${BASH_REMATCH[2]}"
    STREAM=$BENCH/streams/$target.subunit
    NAME=$target
  elif [[ "$target" =~ ^junit-([0-9]+)$ ]]; then
    gen_reports "${BASH_REMATCH[1]}"
    STREAM=$BENCH/reports/$target
    NAME=$target
    CORE_INPUT=(--junit "$STREAM")
    MVN_INPUT=(-Dstackviz.junitReports="$STREAM")
  else
    echo "no such input: $target (give a file, or tests-SIZE / attachments-SIZE / logs-SIZE / junit-TESTS)" >&2
    exit 2
  fi
  if [ -f "$STREAM" ]; then
    CORE_INPUT=("$STREAM")
    MVN_INPUT=(-Dstackviz.streamFiles="$STREAM")
  fi
  local arg
  for arg in "$@"; do NAME=$NAME${arg//[^A-Za-z0-9]/_}; done
}
