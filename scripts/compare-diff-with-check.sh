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

# Median wall time (seconds), CPU time and peak memory (KB) over $runs runs,
# the two commands taking turns.
for _ in $(seq "$runs"); do
  /usr/bin/time -f "%e %U %M" target/release/sitrep check "$dir/old.toml" \
    2>&1 >/dev/null | tail -1 >>"$dir/check.times"
  /usr/bin/time -f "%e %U %M" target/release/sitrep diff "$dir/old.toml" "$dir/new.toml" \
    2>&1 >/dev/null | tail -1 >>"$dir/diff.times"
done
for label in check diff; do
  sort -n "$dir/$label.times" | awk -v label="$label" -v n="$runs" '
    { t[NR] = $1; u[NR] = $2; m[NR] = $3 }
    END { i = int((n + 1) / 2); printf "%-6s median %.2f s wall, %.2f s CPU, peak %d KB\n", label, t[i], u[i], m[i] }'
done
