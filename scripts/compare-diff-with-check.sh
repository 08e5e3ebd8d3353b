#!/usr/bin/env bash
# Times `sitrep diff` of two versions of a generated situation against
# `sitrep check` of one, as README ("Performance") reports. The new version
# has every hundredth title edited and every hundredth figure value changed.
# Usage: scripts/compare-diff-with-check.sh [EVENTS] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
events=${1:-100000}
runs=${2:-3}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

cargo build --release --quiet --example generate --bin sitrep
target/release/examples/generate --events "$events" --seed 7 --out "$dir/old.toml"
awk '/^title = "/ && ++t % 100 == 0 { sub(/"$/, " (updated)\"") }
     /^value = [0-9]/ && ++v % 100 == 0 { $3 = $3 + 1 }
     { print }' "$dir/old.toml" >"$dir/new.toml"
echo "files: $(stat -c %s "$dir/old.toml") and $(stat -c %s "$dir/new.toml") bytes, $events events"
target/release/sitrep diff "$dir/old.toml" "$dir/new.toml" | head -3

# Median wall time (seconds), CPU time (user and system) and peak memory
# (KB) over $runs runs, the commands taking turns, and the load (the
# one-minute average on every core) before and after. `diff` must load
# both versions, so the third command, both checked at once, is the least
# it could cost (its peak is the larger of the two).
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min)"
for _ in $(seq "$runs"); do
  /usr/bin/time -f "%e %U %S %M" target/release/sitrep check "$dir/old.toml" \
    2>&1 >/dev/null | tail -1 >>"$dir/check.times"
  /usr/bin/time -f "%e %U %S %M" target/release/sitrep diff "$dir/old.toml" "$dir/new.toml" \
    2>&1 >/dev/null | tail -1 >>"$dir/diff.times"
  /usr/bin/time -f "%e %U %S %M" bash -c 'target/release/sitrep check "$1" >/dev/null &
    target/release/sitrep check "$2" >/dev/null; wait' both "$dir/old.toml" "$dir/new.toml" \
    2>&1 >/dev/null | tail -1 >>"$dir/both.times"
done
echo "load after:  $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min)"
# The median of one column: wall, CPU or peak.
median() {
  awk -v c="$2" '{ print (c == 2 ? $2 + $3 : (c == 3 ? $4 : $1)) }' "$dir/$1.times" |
    sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }
for label in check diff both; do
  printf "%-6s median %.2f s wall, %.2f s CPU, peak %d KB\n" "$label" \
    "$(median "$label" 1)" "$(median "$label" 2)" "$(median "$label" 3)"
done
echo "diff / check: wall $(ratio "$(median diff 1)" "$(median check 1)")x," \
  "CPU $(ratio "$(median diff 2)" "$(median check 2)")x," \
  "peak $(ratio "$(median diff 3)" "$(median check 3)")x"
echo "diff / both checked at once: wall $(ratio "$(median diff 1)" "$(median both 1)")x," \
  "CPU $(ratio "$(median diff 2)" "$(median both 2)")x"
