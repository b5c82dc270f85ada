#!/usr/bin/env bash
# The installed plugin on the Maven versions users run besides this machine's 3.8.7: 3.9 (what most
# projects require) and 4 (its release candidate). Each runs the JUnit example (record-load and export of
# the project's own reports, no configuration), the subunit demo, an export without a project, and the
# help goal. Needs the plugin installed (mvn install) first.
set -euo pipefail
cd "$(dirname "$0")/.."
dir="$PWD/target/mavens"
mkdir -p "$dir"
plugin=io.github.stackviz:stackviz-maven-plugin:0.1.0-SNAPSHOT
for version in 3.9.16 4.0.0-rc-5; do
  mvn_home="$dir/apache-maven-$version"
  if [ ! -x "$mvn_home/bin/mvn" ]; then
    mvn -B -ntp -q org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy \
      -Dartifact="org.apache.maven:apache-maven:$version:tar.gz:bin" -DoutputDirectory="$dir"
    tar xzf "$dir/apache-maven-$version-bin.tar.gz" -C "$dir"
  fi
  echo "== Maven $version"
  work="$(mktemp -d)"
  cp -r examples/demo "$work/demo"
  cp -r examples/junit "$work/junit"
  rm -rf "$work/junit/target"
  run() { # runs Maven, shows its summary lines, fails with its log when it fails
    if ! "$mvn_home/bin/mvn" -B -ntp "$@" > "$work/build.log" 2>&1; then cat "$work/build.log"; return 1; fi
    grep -E 'Exported|Wrote|WARNING.*stackviz|BUILD' "$work/build.log" || true
  }
  run -f "$work/junit" verify
  test -s "$work/junit/target/stackviz/index.html"
  grep -q '"Surefire: junit"' "$work/junit/target/stackviz/config.json"
  grep -q '"dstat": *"dstat_log.csv"' "$work/junit/target/stackviz/config.json"
  run -f "$work/demo" verify
  test -s "$work/demo/target/stackviz/config.json"
  test -s "$work/demo/target/stackviz/index.html"
  (cd "$work" && run "$plugin:export" -Dstackviz.streamFiles=demo/results/edge-parallel.subunit)
  test -s "$work/target/stackviz/config.json"
  (cd "$work" && run "$plugin:help" && grep -q 'stackviz:export' "$work/build.log")
  rm -rf "$work"
  echo "Maven $version: the JUnit example, the demo, an export without a project and help passed"
done
