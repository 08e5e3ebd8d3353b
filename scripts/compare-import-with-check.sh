#!/usr/bin/env bash
# Times `sitrep import acled` on a made-up ACLED export against `sitrep check`
# on the file it wrote, as README ("Performance") reports.
# Usage: scripts/compare-import-with-check.sh [ROWS] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-100000}
runs=${2:-5}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

cargo build --release --quiet --example acled_csv --bin sitrep
target/release/examples/acled_csv "$rows" 7 > "$dir/export.csv"
target/release/sitrep import acled "$dir/export.csv" -o "$dir/out.toml" 2>/dev/null
echo "export: $(stat -c %s "$dir/export.csv") bytes, $rows rows; result: $(stat -c %s "$dir/out.toml") bytes"

# Median wall time (seconds), CPU time and peak memory (KB) over $runs runs,
# the two commands taking turns.
for _ in $(seq "$runs"); do
  /usr/bin/time -f "%e %U %M" target/release/sitrep import acled "$dir/export.csv" \
    -o "$dir/out.toml" --force 2>&1 >/dev/null | tail -1 >>"$dir/import.times"
  /usr/bin/time -f "%e %U %M" target/release/sitrep check "$dir/out.toml" \
    2>&1 >/dev/null | tail -1 >>"$dir/check.times"
done
for label in import check; do
  sort -n "$dir/$label.times" | awk -v label="$label" -v n="$runs" '
    { t[NR] = $1; u[NR] = $2; m[NR] = $3 }
    END { i = int((n + 1) / 2); printf "%-7s median %.2f s wall, %.2f s CPU, peak %d KB\n", label, t[i], u[i], m[i] }'
done
