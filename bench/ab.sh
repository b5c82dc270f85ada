#!/usr/bin/env bash
# Compares builds of the plugin by running them in turn: this machine's speed drifts by up to half within
# an hour, so only runs taken alternately, and counted pair by pair, say which build is faster.
#
#   bench/ab.sh OLD.jar NEW.jar                 the core (ExportMain) on tests-300, 6 rounds
#   bench/ab.sh --e2e OLD.jar NEW.jar           end to end through mvn: each jar in turn as the installed plugin
#   bench/ab.sh --rounds 10 --stream tests-75 A.jar B.jar C.jar
#   bench/ab.sh --e2e NEW.jar 'NEW.jar::-XX:FreqInlineSize=60'   one build, with and without a JVM option
#
# A jar is a built plugin (target/stackviz-maven-plugin-*.jar; copy it away before building the next);
# JAR::OPTIONS runs it with those JVM options (on java's command line, or with --e2e in MAVEN_OPTS).
# Prints per jar the median wall time and CPU time (user + system) and, against the first jar, in how many
# rounds it was faster. Options: --rounds N (default 6), --stream STREAM (a file, or an input of target/bench generated
# if missing: KIND-SIZE, or junit-TESTS for a folder of Surefire reports; default tests-300), --e2e, --heap SIZE
# (default 256m).
# With --e2e the installed plugin jar is replaced in turn and put back at the end.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD
BENCH=$ROOT/target/bench
ROUNDS=6
STREAM=tests-300
E2E=0
HEAP=256m
JARS=()
OPTS=()

while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) ROUNDS=$2; shift ;;
    --stream) STREAM=$2; shift ;;
    --e2e) E2E=1 ;;
    --heap) HEAP=$2; shift ;;
    -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
    -*) echo "unknown option: $1" >&2; exit 2 ;;
    *)
      jar=${1%%::*}
      JARS+=("$(cd "$(dirname "$jar")" && pwd)/$(basename "$jar")")
      if [[ $1 == *::* ]]; then OPTS+=("${1#*::}"); else OPTS+=(""); fi
      ;;
  esac
  shift
done
if [ "${#JARS[@]}" -lt 2 ]; then
  sed -n '2,17p' "$0" >&2
  exit 2
fi
for jar in "${JARS[@]}"; do
  [ -f "$jar" ] || { echo "no such jar: $jar" >&2; exit 2; }
done

# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"

stream_arg "$STREAM"
WORK=$(mktemp -d "$BENCH_TMP/stackviz-ab.XXXXXX")
SAVED=$WORK/installed.jar
cp -p "$JAR" "$SAVED"
# the installed jar goes back however the script ends
trap 'cp -p "$SAVED" "$JAR"; rm -rf "$WORK"' EXIT

# run I: one export with jar I and its JVM options; prints "wall cpu"
run() {
  local jar=${JARS[$1]} opts=${OPTS[$1]}
  rm -rf "$WORK/out" "$WORK/cwd"
  mkdir -p "$WORK/cwd"
  if [ "$E2E" = 1 ]; then
    cp -p "$jar" "$JAR"
    (cd "$WORK/cwd" && MAVEN_OPTS="-Xmx$HEAP $opts" /usr/bin/time -f '%e %U %S' -o "$WORK/time.txt" \
        mvn -B -ntp -o -q "$GAV:export" "${MVN_INPUT[@]}" -Dstackviz.outputDirectory="$WORK/out" \
        >"$WORK/log.txt" 2>&1) || { tail -15 "$WORK/log.txt" >&2; exit 1; }
  else
    # shellcheck disable=SC2086 # $opts unquoted: several options are several words
    /usr/bin/time -f '%e %U %S' -o "$WORK/time.txt" java -Xmx$HEAP $opts -cp "$CLASSES:$jar:$DEPS" \
        io.github.stackviz.export.ExportMain "$WORK/out" "${CORE_INPUT[@]}" >"$WORK/log.txt" 2>&1 \
      || { tail -15 "$WORK/log.txt" >&2; exit 1; }
  fi
  awk '{printf "%.2f %.2f\n", $1, $2 + $3}' "$WORK/time.txt"
}

say "$ROUNDS rounds of $([ "$E2E" = 1 ] && echo "mvn … export" || echo "the core") on $NAME, ${#JARS[@]} jars in turn (a first warm-up round is not counted)"
for i in "${!JARS[@]}"; do run "$i" >/dev/null; done
declare -A WALL=() CPU=()
for ((r = 1; r <= ROUNDS; r++)); do
  line="round $r:"
  for i in "${!JARS[@]}"; do
    run "$i" >"$WORK/result.txt"
    read -r wall cpu <"$WORK/result.txt"
    WALL[$i]="${WALL[$i]:-} $wall"
    CPU[$i]="${CPU[$i]:-} $cpu"
    line="$line $wall s"
  done
  say "$line"
done

echo
echo "| jar | wall s (median) | CPU s (median) | faster than the first in |"
echo "|---|---:|---:|---|"
for i in "${!JARS[@]}"; do
  python3 - "${JARS[$i]}${OPTS[$i]:+ ${OPTS[$i]}}" "${WALL[$i]}" "${CPU[$i]}" "${WALL[0]}" "$i" <<'PY'
import statistics, sys
jar, wall, cpu, first, index = sys.argv[1], sys.argv[2].split(), sys.argv[3].split(), sys.argv[4].split(), sys.argv[5]
wall = [float(w) for w in wall]; cpu = [float(c) for c in cpu]; first = [float(f) for f in first]
wins = "–" if index == "0" else "%d of %d rounds" % (sum(w < f for w, f in zip(wall, first)), len(wall))
print("| %s | %.2f | %.2f | %s |" % (jar.split("/")[-1], statistics.median(wall), statistics.median(cpu), wins))
PY
done
