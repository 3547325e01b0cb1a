#!/usr/bin/env bash
# Fuzzes one Jazzer @FuzzTest target for a bounded time (coverage-guided, libFuzzer under Jazzer's JUnit runner).
# Without JAZZER_FUZZ, `./mvnw verify` only replays each target's committed corpus (regression mode); this script sets
# JAZZER_FUZZ=1 for one target. New coverage-increasing inputs go to MODULE/.cifuzz-corpus/ (not committed); a crash
# is written into the target's committed corpus directory, src/test/resources/<package>/<Class>Inputs/<method>/,
# so that every later build replays it. Keep it there, fix the bug, and add a scenario test (docs/reliability.md).
#
# Usage: scripts/fuzz.sh TARGET [DURATION, default 10m: 90s, 10m, 1h]
#        scripts/fuzz.sh list
#   TARGET is Class#method (WhenFuzzingDigestTokens#anyTokenTextIsAnsweredWithoutThrowing) or just the method.
# Prints libFuzzer's final figures (executions, exec/s, coverage, corpus) and any finding; exit 1 on a finding.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
cd "$ROOT"

targets() {
  # Class#method for every @FuzzTest in the repository's test sources.
  grep -rl --include='WhenFuzzing*.java' '@FuzzTest' -- */src/test/java | while read -r file; do
    class=$(basename "$file" .java)
    grep -A1 '@FuzzTest' "$file" | sed -n 's/^ *void \([A-Za-z0-9_]*\)(.*/\1/p' | sed "s/^/$class#/"
  done
}

if [ "${1:-}" = "list" ] || [ $# -lt 1 ]; then
  [ $# -lt 1 ] && echo "usage: scripts/fuzz.sh TARGET [DURATION] (or: scripts/fuzz.sh list)" >&2
  targets
  [ $# -lt 1 ] && exit 2
  exit 0
fi

target="$1"
duration="${2:-10m}"
case "$duration" in
  *h) seconds=$(( ${duration%h} * 3600 )) ;;
  *m) seconds=$(( ${duration%m} * 60 )) ;;
  *s) seconds=${duration%s} ;;
  *) seconds=$duration ;;
esac
[[ "$seconds" =~ ^[0-9]+$ ]] && [ "$seconds" -gt 0 ] || { echo "fuzz: bad duration $duration" >&2; exit 2; }

if [[ "$target" == *"#"* ]]; then
  matches=$(targets | grep -Fx -- "$target" || true)
else
  matches=$(targets | grep -E -- "#${target}\$" || true)
fi
[ "$(echo "$matches" | grep -c .)" -eq 1 ] || { echo "fuzz: '$target' names $(echo "$matches" | grep -c .) targets; see scripts/fuzz.sh list" >&2; exit 2; }
class=${matches%%#*}
method=${matches#*#}
file=$(grep -rl --include="$class.java" '@FuzzTest' -- */src/test/java)
module=${file%%/src/*}
package_dir=$(dirname "${file#*/src/test/java/}")
inputs="$module/src/test/resources/$package_dir/${class}Inputs/$method"
# Jazzer writes a crashing input into the inputs directory only if it exists (else into the working directory).
mkdir -p "$inputs"
log="$module/target/fuzz-$method.log"
mkdir -p "$module/target"
before=$(ls "$inputs" | wc -l)

echo "fuzz: $class#$method in $module for ${seconds}s (log: $log)" >&2
# Coverage guidance reaches the parsers we call as well as our own code (Jazzer's default: the module's classes only).
# -max_total_time is passed as a libFuzzer argument after the annotation's own (the last one wins); the fuzzing JVM's
# heap is bounded so that a long run cannot take the machine's memory.
status=0
JAZZER_FUZZ=1 nice ./mvnw -B -ntp -o -pl "$module" -am verify \
  -Dspotless.check.skip=true -Dsurefire.failIfNoSpecifiedTests=false \
  -Dtest="$class#$method" \
  -Djazzer.internal.arg.0=fake_argv0 \
  -Djazzer.internal.arg.1="-max_total_time=$seconds" \
  -Djazzer.internal.arg.2=-print_final_stats=1 \
  -Djazzer.instrumentation_includes='dev.tollgate.**:com.nimbusds.**:com.fasterxml.jackson.core.**' \
  >"$log" 2>&1 || status=$?

grep -E '^#[0-9]+ +DONE|^stat::(number_of_executed_units|average_exec_per_sec|new_units_added|peak_rss_mb)' "$log" || true
grep -E 'INITED|DONE' "$log" | sed -n 's/.*\(cov: [0-9]*\) \(ft: [0-9]*\) \(corp: [^ ]*\).*/\1 \2 \3/p' | tail -n 1 || true
after=$(ls "$inputs" | wc -l)
if [ "$status" -ne 0 ]; then
  echo "fuzz: FINDING (or build failure) in $class#$method; crashing inputs: $((after - before)) new in $inputs" >&2
  grep -E 'FuzzTestFinding|== Java Exception|Caused by|^\s+at dev\.tollgate' "$log" | head -n 20 >&2 || true
  exit 1
fi
echo "fuzz: no finding in ${seconds}s"
