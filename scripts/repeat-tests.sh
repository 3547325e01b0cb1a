#!/usr/bin/env bash
# Runs test classes again and again to find flaky ones: scripts/repeat-tests.sh COUNT MODULE 'Pattern*,Other'
# e.g. scripts/repeat-tests.sh 20 cli 'When*'. Stops at the first failing round and keeps its reports.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
count=${1:?usage: scripts/repeat-tests.sh COUNT MODULE TESTS}
module=${2:?usage: scripts/repeat-tests.sh COUNT MODULE TESTS}
tests=${3:?usage: scripts/repeat-tests.sh COUNT MODULE TESTS}
[[ "$count" =~ ^[0-9]+$ ]] && [ "$count" -ge 1 ] && [ "$count" -le 1000 ] || {
  echo "repeat-tests: COUNT must be 1 to 1000, was '$count'" >&2
  exit 2
}
# Build once; each round then only runs the module's tests.
./mvnw -B -ntp -q install -DskipTests -Dspotless.check.skip=true -pl "$module" -am \
  -Dmaven.repo.local.tail="$HOME/.m2/repository" -Dmaven.repo.local="$PWD/target/repeat-m2"
for round in $(seq 1 "$count"); do
  start=$(date +%s)
  # The toolchain goal first: alone, surefire would fork the JVM that runs Maven, which may be older than 21.
  if ! ./mvnw -B -ntp -q toolchains:select-jdk-toolchain surefire:test -pl "$module" -Dtest="$tests" -Dsurefire.failIfNoSpecifiedTests=false \
      -Dmaven.repo.local.tail="$HOME/.m2/repository" -Dmaven.repo.local="$PWD/target/repeat-m2" \
      >"target/repeat-round.log" 2>&1; then
    echo "round $round of $count: FAILED (reports in $module/target/surefire-reports, log in target/repeat-round.log)"
    exit 1
  fi
  passed=$(cat "$module"/target/surefire-reports/TEST-*.xml | grep -o 'testsuite [^>]*tests="[0-9]*"' | sed 's/.*tests="\([0-9]*\)"/\1/' | awk '{ s += $1 } END { print s }')
  echo "round $round of $count: $passed tests passed in $(( $(date +%s) - start )) s"
done
echo "$count rounds passed"
