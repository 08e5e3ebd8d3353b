#!/usr/bin/env bash
# Side by side on the same generated files, as README ("Performance") reports:
# Python's tomllib only parsing a file, `sitrep check` and a filtered
# `sitrep summary` on it, taking turns run after run so that they share
# whatever else the machine is doing; then, with BIG, `sitrep check` on a
# file of BIG events against the first (how time grows with size), and the
# peak memory of files made of BIG actors or BIG quotes.
#
# Usage: scripts/compare-with-tomllib.sh [EVENTS] [RUNS] [BIG]
#   EVENTS  events in the file compared with tomllib (default 100000)
#   RUNS    runs of each command; medians are shown (default 5)
#   BIG     events of the large file, and actors / quotes of the memory
#           files (e.g. 1000000: about 460 MB of TOML; default: skip)
# Times are wall-clock seconds and CPU seconds (user + system: all threads).
set -euo pipefail
cd "$(dirname "$0")/.."
events=${1:-100000}
runs=${2:-5}
big=${3:-0}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

cargo build --release --quiet --examples --bins
sitrep=target/release/sitrep
generate=target/release/examples/generate

# One run of a command: appends "wall cpu peak_kb" to $dir/<label>.
run() {
  local label=$1; shift
  /usr/bin/time -o "$dir/time" -f "%e %U %S %M" "$@" >/dev/null 2>&1 || true
  awk '{ printf "%s %.2f %s\n", $1, $2 + $3, $4 }' "$dir/time" >>"$dir/$label"
}

# Median of column $2 (1 wall, 2 cpu, 3 peak KB) of a label's runs.
median() {
  sort -n -k"$2" "$dir/$1" | awk -v c="$2" '{ v[NR] = $c } END { print v[int((NR + 1) / 2)] }'
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", (b > 0 ? a / b : 0) }'; }

show() {
  printf '%-10s wall %6.2f s  cpu %6.2f s  peak %8d KB\n' "$1" "$(median "$1" 1)" \
    "$(median "$1" 2)" "$(median "$1" 3)"
}

file="$dir/situation.toml"
"$generate" --events "$events" --seed 7 --out "$file"
size=$(stat -c %s "$file")
actor=$(awk '/^\[\[actors\]\]/ { getline; gsub(/"/, "", $3); print $3; exit }' "$file")
echo "file: $size bytes, $events events; filter: --actor $actor --search water"
echo "load: $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min)"
for _ in $(seq "$runs"); do
  run tomllib python3 -c 'import sys, tomllib; tomllib.load(open(sys.argv[1], "rb"))' "$file"
  run check "$sitrep" check "$file"
  run summary "$sitrep" summary "$file" --actor "$actor" --search water --format json
done
show tomllib
show check
show summary
echo "check / tomllib:   wall $(ratio "$(median check 1)" "$(median tomllib 1)")," \
  "cpu $(ratio "$(median check 2)" "$(median tomllib 2)")"
echo "summary / tomllib: wall $(ratio "$(median summary 1)" "$(median tomllib 1)")," \
  "cpu $(ratio "$(median summary 2)" "$(median tomllib 2)")"
echo "check peak / file: $(ratio "$(median check 3)" "$((size / 1024))")"

[ "$big" -gt 0 ] || exit 0

# At most one large file on disk at a time.
rm -f "$file"
large="$dir/large.toml"
"$generate" --events "$big" --seed 7 --out "$large"
large_size=$(stat -c %s "$large")
echo
echo "large file: $large_size bytes, $big events"
echo "load: $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min)"
"$generate" --events "$events" --seed 7 --out "$dir/small.toml"
for _ in $(seq "$runs"); do
  run small "$sitrep" check "$dir/small.toml"
  run large "$sitrep" check "$large"
done
show small
show large
echo "check large / small: wall $(ratio "$(median large 1)" "$(median small 1)")," \
  "cpu $(ratio "$(median large 2)" "$(median small 2)")"
echo "check throughput:    $(awk -v b="$large_size" -v t="$(median large 1)" \
  'BEGIN { printf "%.0f", b / 1e6 / t }') MB/s (wall)"
echo "check peak / file:   $(ratio "$(median large 3)" "$((large_size / 1024))")"
rm -f "$large" "$dir/small.toml"

for table in actors quotes; do
  many="$dir/$table.toml"
  "$generate" --events 1000 "--$table" "$big" --seed 7 --out "$many"
  many_size=$(stat -c %s "$many")
  run "$table" "$sitrep" check "$many"
  echo "$big $table ($many_size bytes): check peak / file" \
    "$(ratio "$(median "$table" 3)" "$((many_size / 1024))")," \
    "wall $(median "$table" 1) s"
  rm -f "$many"
done
