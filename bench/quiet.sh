#!/usr/bin/env bash
# Refuses to benchmark on a busy machine: waits up to QUIET_WAIT seconds (default 120) for the 1-minute load average
# to fall to QUIET_LOAD (default 0.5) or below, then exits 1 saying what it read. BENCH_NOISY=1 runs anyway, with a
# warning in the output, so figures from a noisy sitting are never mistaken for quiet ones.
# Usage: bench/quiet.sh && bench/run.sh ...   (run.sh and w1.sh call it themselves)
set -euo pipefail
limit=${QUIET_LOAD:-0.5}
wait=${QUIET_WAIT:-120}
load() { cut -d' ' -f1 /proc/loadavg; }
above() { awk -v a="$(load)" -v b="$limit" 'BEGIN { exit !(a > b) }'; }
deadline=$((SECONDS + wait))
while above && [ $SECONDS -lt $deadline ]; do sleep 5; done
if above; then
  if [ -n "${BENCH_NOISY:-}" ]; then
    echo "WARNING: load average $(load) is above $limit: these figures come from a noisy machine"
    exit 0
  fi
  echo "bench/quiet.sh: load average $(load) is above $limit after waiting ${wait}s; stop what is running, or set BENCH_NOISY=1" >&2
  exit 1
fi
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg) ($(nproc) cores)"
