#!/usr/bin/env bash
# Times the dashboard's first frame on FILE against `sitrep check FILE`, as
# README ("Performance") reports: the dashboard runs in a detached tmux
# session at 120x40, whose screen is read every 0.1 s from the start until
# the timeline's title shows; the two commands take turns. Needs tmux.
# Usage: scripts/compare-first-frame-with-check.sh FILE [RUNS] [-- DASHBOARD FLAGS]
# (for example `-- --no-state`; without it the dashboard reads and, on
# quitting, writes its seen-state record as usual).
set -euo pipefail
cd "$(dirname "$0")/.."
file=$1
runs=${2:-3}
shift $(($# >= 2 ? 2 : 1))
[ "${1:-}" = "--" ] && shift
socket=sitrep-first-frame-$$
trap 'tmux -L "$socket" kill-server 2>/dev/null || true' EXIT

cargo build --release --quiet --bin sitrep
now() { date +%s.%N; }
for run in $(seq "$runs"); do
  echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
  /usr/bin/time -f "check  %e s wall, %U s user, %S s system, peak %M KB" \
    target/release/sitrep check "$file" 2>&1 >/dev/null | tail -1
  start=$(now)
  tmux -L "$socket" -f /dev/null new-session -d -s first -x 120 -y 40 \
    "target/release/sitrep $* '$file'"
  shown=""
  for _ in $(seq 1200); do
    screen=$(tmux -L "$socket" capture-pane -p -t first)
    if [ -z "$shown" ] && grep -q "q quits" <<<"$screen"; then
      shown=$(echo "$(now) - $start" | bc)
    fi
    grep -q Timeline <<<"$screen" && break
    sleep 0.1
  done
  echo "first frame $(echo "$(now) - $start" | bc) s (loading screen after ${shown:-?} s)"
  tmux -L "$socket" send-keys -t first q
  while tmux -L "$socket" has-session -t first 2>/dev/null; do sleep 0.1; done
done
