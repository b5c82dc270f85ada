#!/usr/bin/env bash
# Profiles the core export (ExportMain, no Maven) on one generated stream.
#
#   bench/profile.sh tests-300            Java Flight Recorder, summarized by JfrTop: hottest methods (self
#                                         and by nearest project frame), allocation sites and classes, GC
#   bench/profile.sh --jit tests-300      CPU per thread (ThreadCpu, from /proc: Linux only) and what the
#                                         JIT's C2 compiler spent its time on (-XX:+LogCompilation, JitLog)
#   bench/profile.sh attachments-300 --gzip
#   bench/profile.sh junit-100000         a folder of Surefire reports (ExportMain --junit)
#   bench/profile.sh path/to/file.subunit [ExportMain options, e.g. --gzip]
#
# A stream of target/bench/streams (KIND-SIZE) or reports folder (junit-TESTS) is generated if missing. Environment: HEAP (default 256m),
# TOP (rows per table, default 25). The recording (profile-NAME.jfr) or log (jit-NAME.log) stays in
# target/bench, beside its summary (profile-NAME.md, jit-NAME.md).
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD
BENCH=$ROOT/target/bench
JIT=0
if [ "${1:-}" = --jit ]; then
  JIT=1
  shift
fi
if [ $# -lt 1 ] || [ "$1" = -h ] || [ "$1" = --help ]; then
  sed -n '2,15p' "$0"
  exit 2
fi
TARGET=$1
shift

# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"

stream_arg "$TARGET" "$@"

WORK=$(mktemp -d "${BENCH_TMP:-/tmp}/stackviz-profile.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
HEAP_OPT=-Xmx"${HEAP:-256m}"
if [ "$JIT" = 1 ]; then
  LOG=$BENCH/jit-$NAME.log
  say "CPU by thread of the core on $STREAM, $HEAP_OPT"
  java -cp "$CP" io.github.stackviz.bench.ThreadCpu \
    java "$HEAP_OPT" -cp "$CP" io.github.stackviz.export.ExportMain "$WORK/cpu" "$@" "${CORE_INPUT[@]}" \
    | grep -v '^\[INFO\]' | tee "$BENCH/jit-$NAME.md"
  say "the same export with -XX:+LogCompilation"
  rm -f "$LOG"
  java "$HEAP_OPT" -XX:+UnlockDiagnosticVMOptions -XX:+LogCompilation -XX:LogFile="$LOG" \
    -cp "$CP" io.github.stackviz.export.ExportMain "$WORK/jit" "$@" "${CORE_INPUT[@]}" > /dev/null
  java -cp "$CP" io.github.stackviz.bench.JitLog "$LOG" "${TOP:-25}" | tee -a "$BENCH/jit-$NAME.md"
  say "log: $LOG; summary: $BENCH/jit-$NAME.md"
  exit 0
fi

JFR=$BENCH/profile-$NAME.jfr
rm -f "$JFR"
say "profiling the core on $STREAM ($(($(du -sb "$STREAM" | cut -f1) / 1048576)) MB), $HEAP_OPT"
t0=$(date +%s.%N)
java "$HEAP_OPT" -XX:+FlightRecorder \
  -XX:StartFlightRecording=filename="$JFR",settings=profile,dumponexit=true \
  -cp "$CP" io.github.stackviz.export.ExportMain "$WORK/out" "$@" "${CORE_INPUT[@]}" 2>&1 \
  | grep -v -e 'Option FlightRecorder was deprecated' -e '^\[.*jfr,startup' -e 'Use jcmd' || true
t1=$(date +%s.%N)
say "export took $(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.2f", b - a}') s with the recording on"
java -cp "$CP" io.github.stackviz.bench.JfrTop "$JFR" "${TOP:-25}" | tee "$BENCH/profile-$NAME.md"
say "recording: $JFR; summary: $BENCH/profile-$NAME.md"
