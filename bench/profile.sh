#!/usr/bin/env bash
# Profiles the core export (ExportMain, no Maven) on one generated stream with Java Flight Recorder and
# prints JfrTop's summary: hottest methods (self and by nearest project frame), top allocation sites and
# classes, GC.
#
#   bench/profile.sh tests-300            a stream of target/bench/streams (generated if missing: KIND-SIZE)
#   bench/profile.sh attachments-300 --gzip
#   bench/profile.sh path/to/file.subunit [ExportMain options, e.g. --gzip]
#
# Environment: HEAP (default 256m), TOP (rows per table, default 25). The recording stays in
# target/bench/profile-NAME.jfr (open it in JDK Mission Control for more), the summary in
# target/bench/profile-NAME.md.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD
BENCH=$ROOT/target/bench
if [ $# -lt 1 ] || [ "$1" = -h ] || [ "$1" = --help ]; then
  sed -n '2,13p' "$0"
  exit 2
fi
TARGET=$1
shift

# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"

if [ -f "$TARGET" ]; then
  STREAM=$(cd "$(dirname "$TARGET")" && pwd)/$(basename "$TARGET")
  NAME=$(basename "$TARGET" .subunit)
elif [[ "$TARGET" =~ ^(tests|attachments)-([0-9]+)$ ]]; then
  gen "${BASH_REMATCH[1]}" "${BASH_REMATCH[2]}"
  STREAM=$BENCH/streams/$TARGET.subunit
  NAME=$TARGET
else
  echo "no such stream: $TARGET (give a file, or tests-SIZE / attachments-SIZE)" >&2
  exit 2
fi
for arg in "$@"; do NAME=$NAME${arg//[^A-Za-z0-9]/_}; done

JFR=$BENCH/profile-$NAME.jfr
WORK=$(mktemp -d "${BENCH_TMP:-/tmp}/stackviz-profile.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
rm -f "$JFR"
say "profiling the core on $STREAM ($(($(stat -c %s "$STREAM") / 1048576)) MB), -Xmx${HEAP:-256m}"
t0=$(date +%s.%N)
java -Xmx"${HEAP:-256m}" -XX:+FlightRecorder \
  -XX:StartFlightRecording=filename="$JFR",settings=profile,dumponexit=true \
  -cp "$CP" io.github.stackviz.export.ExportMain "$WORK/out" "$@" "$STREAM" 2>&1 \
  | grep -v -e 'Option FlightRecorder was deprecated' -e '^\[.*jfr,startup' -e 'Use jcmd' || true
t1=$(date +%s.%N)
say "export took $(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.2f", b - a}') s with the recording on"
java -cp "$CP" io.github.stackviz.bench.JfrTop "$JFR" "${TOP:-25}" | tee "$BENCH/profile-$NAME.md"
say "recording: $JFR; summary: $BENCH/profile-$NAME.md"
