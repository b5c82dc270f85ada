#!/usr/bin/env bash
# The export's benchmark: generates large subunit streams (cached in target/bench/streams), times the
# export end to end through Maven and the core alone, and prints one markdown table with the targets.
#
#   bench/run.sh              full run: tests streams of 75, 150, 300 MB, attachments 300 MB, logs 355 MB, Surefire
#                             reports of 100,000 testcases; 1 warm-up + 3 runs
#   bench/run.sh --quick      smoke test of the script: small streams, 1 run, no warm-up
#
# Options: --runs N (measured runs per case, default 3), --warmup N (default 1), --rebuild (re-install the
# plugin from this working tree first), --regen (re-generate the streams), --fixtures DIR (the fixture
# streams, default src/test/fixtures/streams), --heap SIZE (heap of the tests cases and of the core,
# default 256m), --att-heap SIZE (heap of the end-to-end attachments cases, default 32m); the targets
# hold for the default heaps only. Environment: BENCH_TMP (where the exports are written,
# default /tmp; keep it on the disk the streams are on), MAVEN_REPO (default ~/.m2/repository).
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD
BENCH=$ROOT/target/bench
QUICK=0
RUNS=3
WARMUP=1
HEAP=256m
ATT_HEAP=32m

while [ $# -gt 0 ]; do
  case "$1" in
    --quick) QUICK=1; RUNS=1; WARMUP=0 ;;
    --runs) RUNS=$2; shift ;;
    --warmup) WARMUP=$2; shift ;;
    --rebuild) REBUILD=1 ;;
    --regen) REGEN=1 ;;
    --fixtures) FIXTURES=$2; shift ;;
    --heap) HEAP=$2; shift ;;
    --att-heap) ATT_HEAP=$2; shift ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
  shift
done

if [ "$QUICK" = 1 ]; then
  SIZES=(5 10 20); ATT_SIZE=20; LOGS_SIZE=24; JUNIT_TESTS=5000
else
  SIZES=(75 150 300); ATT_SIZE=300; LOGS_SIZE=355; JUNIT_TESTS=100000
fi
SMALL=${SIZES[0]}; MID=${SIZES[1]}; BIG=${SIZES[2]}

# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"

for s in "${SIZES[@]}"; do gen tests "$s"; done
gen attachments "$ATT_SIZE"
gen_reports "$JUNIT_TESTS"
JUNIT=junit-$JUNIT_TESTS
gen logs "$LOGS_SIZE"
# a second file for the parallel case: the same bytes under another name (both are exported)
PAR_A=$BENCH/streams/tests-$MID.subunit
PAR_B=$BENCH/streams/tests-$MID-copy.subunit
if [ ! -f "$PAR_B" ] || [ "$PAR_A" -nt "$PAR_B" ]; then
  cp "$PAR_A" "$PAR_B"
fi
stream() { echo "$BENCH/streams/$1.subunit"; }

# ---------------------------------------------------------------------------------------------- measuring
JAR_SHA=$(sha1sum <"$JAR")
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
WORK=$(mktemp -d "$BENCH_TMP/stackviz-bench.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
RUN_CWD=$WORK/cwd   # empty, no pom: the plugin runs without a project
OUT=$WORK/out/stackviz

declare -A T=() RSS=() SIZE=() NTESTS=() STATUS=()
ORDER=()

median() {
  printf '%s\n' "$@" | sort -g | awk '{a[NR] = $1} END {if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR / 2] + a[NR / 2 + 1]) / 2}'
}

# measure NAME SIZE-BYTES TESTS COMMAND...: 1 warm-up + RUNS runs from an empty directory, outputs removed
# before each; records the median wall time and the median peak RSS.
measure() {
  local name=$1 bytes=$2 tests=$3
  shift 3
  local times=() rss=() i t0 t1 kb log=$BENCH/logs/$(echo "$name" | tr -c 'A-Za-z0-9_.-' '_').log
  ORDER+=("$name")
  SIZE[$name]=$bytes
  NTESTS[$name]=$tests
  STATUS[$name]=ok
  for ((i = 0; i < WARMUP + RUNS; i++)); do
    rm -rf "$WORK/cwd" "$WORK/out"
    mkdir -p "$WORK/cwd" "$WORK/out"
    t0=$(date +%s.%N)
    if ! (cd "$RUN_CWD" && /usr/bin/time -v -o "$WORK/time.txt" "$@" >"$log" 2>&1); then
      say "FAILED: $name (log: $log)"
      tail -15 "$log" >&2
      STATUS[$name]=FAILED
      if grep -q OutOfMemoryError "$log"; then STATUS[$name]="FAILED: OutOfMemoryError"; fi
      return 0
    fi
    t1=$(date +%s.%N)
    kb=$(sed -n 's/.*Maximum resident set size (kbytes): *//p' "$WORK/time.txt")
    if ((i >= WARMUP)); then
      times+=("$(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.3f", b - a}')")
      rss+=("$kb")
    fi
  done
  T[$name]=$(median "${times[@]}")
  RSS[$name]=$(awk -v k="$(median "${rss[@]}")" 'BEGIN {printf "%.0f", k / 1024}')
  say "$name: ${T[$name]} s (runs: ${times[*]}), peak RSS ${RSS[$name]} MB"
}

# the plugin from an empty directory without a pom; MAVEN_OPTS is set per case with env
MVN=(mvn -B -ntp -o -q "$GAV:export" -Dstackviz.outputDirectory="$OUT")
X256=(env MAVEN_OPTS=-Xmx$HEAP)
X32=(env MAVEN_OPTS=-Xmx$ATT_HEAP)
# the core alone, without Maven
CORE=(java -Xmx$HEAP -cp "$CP" io.github.stackviz.export.ExportMain "$OUT")

say "measuring: $WARMUP warm-up + $RUNS runs per case; exports in $WORK"
B=tests-$BIG
A=attachments-$ATT_SIZE
L=logs-$LOGS_SIZE

# 6. Maven start-up: the same command, export skipped
measure "mvn start-up (stackviz.skip)" 0 0 "${X256[@]}" "${MVN[@]}" -Dstackviz.streamFiles="$(stream $B)" -Dstackviz.skip
# 1. end to end
for s in "${SIZES[@]}"; do
  measure "e2e tests-$s" "${BYTES[tests-$s]}" "${TESTS[tests-$s]}" \
    "${X256[@]}" "${MVN[@]}" -Dstackviz.streamFiles="$(stream tests-$s)"
done
measure "e2e $B gzip" "${BYTES[$B]}" "${TESTS[$B]}" "${X256[@]}" "${MVN[@]}" -Dstackviz.streamFiles="$(stream $B)" -Dstackviz.gzip
measure "e2e $B viewer=false" "${BYTES[$B]}" "${TESTS[$B]}" \
  "${X256[@]}" "${MVN[@]}" -Dstackviz.streamFiles="$(stream $B)" -Dstackviz.viewer=false
measure "e2e $A (-Xmx$ATT_HEAP)" "${BYTES[$A]}" "${TESTS[$A]}" "${X32[@]}" "${MVN[@]}" -Dstackviz.streamFiles="$(stream $A)"
measure "e2e $A gzip (-Xmx$ATT_HEAP)" "${BYTES[$A]}" "${TESTS[$A]}" \
  "${X32[@]}" "${MVN[@]}" -Dstackviz.streamFiles="$(stream $A)" -Dstackviz.gzip
# issue 22: logs, as the original tool writes them (viewer off), and with the report
measure "e2e $L viewer=false (-Xmx$ATT_HEAP)" "${BYTES[$L]}" "${TESTS[$L]}" \
  "${X32[@]}" "${MVN[@]}" -Dstackviz.streamFiles="$(stream $L)" -Dstackviz.viewer=false
measure "e2e $L (-Xmx$ATT_HEAP)" "${BYTES[$L]}" "${TESTS[$L]}" "${X32[@]}" "${MVN[@]}" -Dstackviz.streamFiles="$(stream $L)"
# 2. cp to the same disk
measure "cp $A" "${BYTES[$A]}" 0 cp "$(stream $A)" "$WORK/out/copy"
measure "cp $B" "${BYTES[$B]}" 0 cp "$(stream $B)" "$WORK/out/copy"
# 3. the core alone (ExportMain: viewer on, as the plugin's default)
for s in "${SIZES[@]}"; do
  measure "core tests-$s" "${BYTES[tests-$s]}" "${TESTS[tests-$s]}" "${CORE[@]}" "$(stream tests-$s)"
done
measure "core $B gzip" "${BYTES[$B]}" "${TESTS[$B]}" "${CORE[@]}" --gzip "$(stream $B)"
measure "core $A" "${BYTES[$A]}" "${TESTS[$A]}" "${CORE[@]}" "$(stream $A)"
measure "core $L" "${BYTES[$L]}" "${TESTS[$L]}" "${CORE[@]}" "$(stream $L)"
# 8. the floor of the logs cases: a JVM that only reads, checks (CRC32) and writes the bytes (twice: details.json
# and the report's data), and the core's fixed cost (JVM start-up, classes, the report's files) on a stream of 787 bytes
FLOOR=(java -Xmx$HEAP -cp "$CP" io.github.stackviz.bench.CopyFloor)
measure "floor $A: read, CRC32, write ×2" "${BYTES[$A]}" 0 "${FLOOR[@]}" "$(stream $A)" "$WORK/out/floor" 2
measure "floor $L: read, CRC32, write ×2" "${BYTES[$L]}" 0 "${FLOOR[@]}" "$(stream $L)" "$WORK/out/floor" 2
measure "core fixed cost (tap.subunit, 787 bytes)" 0 0 "${CORE[@]}" "$FIXTURES/tap.subunit"
# 5. two files in one export
PAR_BYTES=$((${BYTES[tests-$MID]} * 2))
PAR_TESTS=$((${TESTS[tests-$MID]} * 2))
measure "e2e 2× tests-$MID" "$PAR_BYTES" "$PAR_TESTS" "${X256[@]}" "${MVN[@]}" -Dstackviz.streamFiles="$PAR_A,$PAR_B"
measure "core 2× tests-$MID" "$PAR_BYTES" "$PAR_TESTS" "${CORE[@]}" "$PAR_A" "$PAR_B"

# 7. test reports: a folder of Surefire reports (ReportGenerator), the core alone
measure "core $JUNIT" "${BYTES[$JUNIT]}" "${TESTS[$JUNIT]}" "${CORE[@]}" --junit "$BENCH/reports/$JUNIT"

# ---------------------------------------------------------------------------------------------- report
ok() { [ "${STATUS[$1]:-missing}" = ok ]; }
calc() { awk "BEGIN {printf \"%.${2:-2}f\", $1}"; }
mb() { if [ "$1" = 0 ]; then echo "–"; else calc "$1 / 1048576" 0; fi; }
mbs() { if [ "$2" = 0 ] || [ -z "$2" ] || [ "$1" = 0 ]; then echo "–"; else calc "$1 / 1048576 / $2" 1; fi; }
yes_no() { if awk "BEGIN {exit !($1)}"; then echo "yes"; else echo "**no**"; fi; }

RESULTS=$BENCH/results
if [ "$QUICK" = 1 ]; then RESULTS=$RESULTS-quick; fi
if [ "$HEAP/$ATT_HEAP" != 256m/32m ]; then RESULTS=$RESULTS-$HEAP-$ATT_HEAP; fi
RESULTS=$RESULTS.md
declare -A TARGET=() MET=()
set_target() { TARGET[$1]=$2; MET[$1]=$3; }

E_BIG="e2e $B"; E_ATT="e2e $A (-Xmx$ATT_HEAP)"; E_ATTZ="e2e $A gzip (-Xmx$ATT_HEAP)"
if ok "$E_BIG"; then
  if [ "$QUICK" = 1 ] || [ "$HEAP" != 256m ]; then
    set_target "$E_BIG" "< 8 s and ≥ 1M tests, 300 MB, -Xmx256m" "n/a (quick or other heap)"
  else
    set_target "$E_BIG" "< 8 s and ≥ 1M tests" \
      "$(yes_no "${T[$E_BIG]} < 8 && ${TESTS[$B]} >= 1000000")"
  fi
fi
if ok "$E_ATT" && ok "cp $A"; then
  r=$(calc "${T[$E_ATT]} / ${T[cp $A]}")
  set_target "$E_ATT" "< 3× cp" "$(yes_no "$r < 3") (${r}× cp)"
fi
# ratio_target NAME OTHER LIMIT TARGET-TEXT: NAME's time at most LIMIT times OTHER's
ratio_target() {
  if ok "$1" && ok "$2"; then
    local r
    r=$(calc "${T[$1]} / ${T[$2]}")
    set_target "$1" "$4" "$(yes_no "$r <= $3") (${r}×)"
  fi
}
ratio_target "e2e $B gzip" "$E_BIG" 2 "≤ 2× without gzip"
ratio_target "$E_ATTZ" "$E_ATT" 2 "≤ 2× without gzip"
ratio_target "core $B gzip" "core $B" 2 "≤ 2× without gzip"
# issue 22: the core reads, checks and writes logs at >= 500 MB/s; the floor says what the machine allows
for name in "core $A" "core $L"; do
  if ok "$name"; then
    r=$(calc "${SIZE[$name]} / 1048576 / ${T[$name]}" 0)
    set_target "$name" "≥ 500 MB/s" "$(yes_no "$r >= 500") (${r} MB/s)"
  fi
done
for name in "floor $A: read, CRC32, write ×2" "floor $L: read, CRC32, write ×2"; do
  if ok "$name"; then
    set_target "$name" "(info) the most the core could reach" "$(calc "${SIZE[$name]} / 1048576 / ${T[$name]}" 0) MB/s"
  fi
done
# issue 22: logs end to end (viewer off) within 0.7 s of Maven's start-up; the report costs at most 1.3x
E_LOGS="e2e $L viewer=false (-Xmx$ATT_HEAP)"; E_LOGSV="e2e $L (-Xmx$ATT_HEAP)"; START="mvn start-up (stackviz.skip)"
if ok "$E_LOGS" && ok "$START"; then
  d=$(calc "${T[$E_LOGS]} - ${T[$START]}")
  set_target "$E_LOGS" "≤ start-up + 0.7 s" "$(yes_no "$d <= 0.7") (start-up + ${d} s)"
fi
ratio_target "$E_LOGSV" "$E_LOGS" 1.3 "≤ 1.3× viewer=false"
if ok "e2e $B viewer=false" && ok "$E_BIG"; then
  set_target "e2e $B viewer=false" "(info) viewer cost" "$(calc "${T[$E_BIG]} - ${T[e2e $B viewer=false]}") s"
fi
if ok "core $JUNIT"; then
  if [ "$QUICK" = 1 ] || [ "$HEAP" != 256m ]; then
    set_target "core $JUNIT" "≥ 50 MB/s of XML, 100,000 testcases, -Xmx256m" "n/a (quick or other heap)"
  else
    set_target "core $JUNIT" "≥ 50 MB/s of XML" \
      "$(yes_no "${BYTES[$JUNIT]} / 1048576 / ${T[core $JUNIT]} >= 50")"
  fi
fi
for kind in e2e core; do
  name="$kind 2× tests-$MID"
  if ok "$name" && ok "$kind tests-$MID"; then
    set_target "$name" "(info) vs 2 × alone" "speed-up $(calc "2 * ${T[$kind tests-$MID]} / ${T[$name]}")×"
  fi
done

{
  echo "## stackviz export benchmark"
  echo
  echo "- machine: $(nproc) cores, $(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -1), $(free -g | awk '/^Mem:/ {print $2}') GB RAM"
  echo "- $(java -version 2>&1 | head -1); $(mvn -v 2>/dev/null | head -1 | sed 's/\x1b\[[0-9;]*m//g')"
  newer=""
  if [ -n "$(find src/main pom.xml -newer "$JAR" -print -quit 2>/dev/null)" ]; then
    newer="; src/main has changes newer than the jar (--rebuild to measure them)"
  fi
  echo "- plugin: $JAR, built $(date -r "$JAR" '+%F %T'); HEAD $(git rev-parse --short HEAD 2>/dev/null)$newer"
  echo "- load average before / after: $LOAD_BEFORE / $(cut -d' ' -f1-3 /proc/loadavg) (other work on the machine skews the times)"
  if [ "$(sha1sum <"$JAR")" != "$JAR_SHA" ]; then
    echo "- **WARNING: the plugin jar changed during the run (another build installed it): the cases mix two builds**"
  fi
  echo "- heaps: tests cases and core -Xmx$HEAP, attachments end to end -Xmx$ATT_HEAP (MAVEN_OPTS)"
  echo "- $([ "$QUICK" = 1 ] && echo 'QUICK (smoke test): small streams, ' )$WARMUP warm-up + $RUNS measured runs per case, median; MB = 2^20 bytes"
  echo
  echo "| case | size MB | tests | time s (median) | MB/s | peak RSS MB | target | met? |"
  echo "|---|---:|---:|---:|---:|---:|---|---|"
  for name in "${ORDER[@]}"; do
    tests=${NTESTS[$name]}
    [ "$tests" = 0 ] && tests="–"
    if ok "$name"; then
      echo "| $name | $(mb "${SIZE[$name]}") | $tests | ${T[$name]} | $(mbs "${SIZE[$name]}" "${T[$name]}") | ${RSS[$name]} | ${TARGET[$name]:-} | ${MET[$name]:-} |"
    else
      echo "| $name | $(mb "${SIZE[$name]}") | $tests | ${STATUS[$name]} | | | ${TARGET[$name]:-} | **no** |"
    fi
  done
  # 4. linearity: seconds per MB of the largest tests stream over the smallest's
  for kind in core e2e; do
    lo="$kind tests-$SMALL"
    hi="$kind tests-$BIG"
    if ok "$lo" && ok "$hi"; then
      spm_lo=$(calc "${T[$lo]} / (${SIZE[$lo]} / 1048576)" 4)
      spm_hi=$(calc "${T[$hi]} / (${SIZE[$hi]} / 1048576)" 4)
      r=$(calc "$spm_hi / $spm_lo")
      echo "| linearity $kind: s/MB tests-$BIG ÷ tests-$SMALL | $SMALL → $BIG | | $spm_lo → $spm_hi s/MB | | | ≤ 1.15× | $(yes_no "$r <= 1.15") (${r}×) |"
    fi
  done
  lo="e2e tests-$SMALL"; hi="e2e tests-$BIG"; st="mvn start-up (stackviz.skip)"
  if ok "$lo" && ok "$hi" && ok "$st"; then
    spm_lo=$(calc "(${T[$lo]} - ${T[$st]}) / (${SIZE[$lo]} / 1048576)" 4)
    spm_hi=$(calc "(${T[$hi]} - ${T[$st]}) / (${SIZE[$hi]} / 1048576)" 4)
    r=$(calc "$spm_hi / $spm_lo")
    echo "| linearity e2e minus start-up | $SMALL → $BIG | | $spm_lo → $spm_hi s/MB | | | ≤ 1.15× | $(yes_no "$r <= 1.15") (${r}×) |"
  fi
} | tee "$RESULTS"
echo
say "table saved to $RESULTS; logs in $BENCH/logs"
