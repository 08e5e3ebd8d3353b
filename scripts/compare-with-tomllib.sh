#!/usr/bin/env bash
# Times `sitrep check` and a filtered `sitrep summary` against Python's
# tomllib parsing the same generated file, as README ("Performance") reports.
# Usage: scripts/compare-with-tomllib.sh [EVENTS] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
events=${1:-100000}
runs=${2:-5}
file=$(mktemp --suffix=.toml)
trap 'rm -f "$file"' EXIT

cargo build --release --quiet --examples --bins
target/release/examples/generate --events "$events" --seed 7 --out "$file"
actor=$(awk '/^\[\[actors\]\]/ { getline; gsub(/"/, "", $3); print $3; exit }' "$file")
echo "file: $(stat -c %s "$file") bytes, $events events; filter actor: $actor"

# Median wall time (seconds) and peak memory (KB) of a command over $runs runs.
measure() {
  local label=$1; shift
  for _ in $(seq "$runs"); do
    /usr/bin/time -f "%e %M" "$@" >/dev/null 2>>"$file.times" || true
  done
  sort -n "$file.times" | awk -v label="$label" -v n="$runs" '
    { t[NR] = $1; m[NR] = $2 }
    END { printf "%-8s median %.2f s, peak %d KB\n", label, t[int((n + 1) / 2)], m[int((n + 1) / 2)] }'
  rm -f "$file.times"
}

measure tomllib python3 -c 'import sys, tomllib; tomllib.load(open(sys.argv[1], "rb"))' "$file"
measure check target/release/sitrep check "$file"
measure summary target/release/sitrep summary "$file" --actor "$actor" --search water --format json
