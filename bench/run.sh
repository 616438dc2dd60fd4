#!/usr/bin/env bash
# Whole-process benchmarks of Retort on the local PostgreSQL (127.0.0.1:5432, trust auth).
# Prints, per workload: median wall time of 5 runs, min-max, peak RSS, and the ratio to the floor.
# Usage: bench/run.sh [N ...]   (revision counts for W2/W3; default: 50 500)
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f bin/retort.jar ] || mvn -B -q package -DskipTests
RUNS=${RUNS:-5}
PG="-h 127.0.0.1 -U postgres"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

fresh_db() { psql $PG -qd postgres -c "DROP DATABASE IF EXISTS retort_bench WITH (FORCE)" -c "CREATE DATABASE retort_bench" >/dev/null; }
export DATABASE_URL="postgresql://postgres@127.0.0.1:5432/retort_bench"

# measure NAME SETUP COMMAND: runs SETUP (untimed) then COMMAND, RUNS times; prints median, min-max, peak RSS
measure() {
  local name=$1 setup=$2 cmd=$3 times=() rss=0
  for _ in $(seq "$RUNS"); do
    eval "$setup"
    /usr/bin/time -f "%e %M" -o "$work/t" bash -c "$cmd" >/dev/null 2>"$work/err" || { echo "$name failed:"; cat "$work/err"; exit 1; }
    read -r t m < "$work/t"
    times+=("$t"); [ "$m" -gt "$rss" ] && rss=$m
  done
  local sorted=($(printf '%s\n' "${times[@]}" | sort -n))
  local median=${sorted[$((RUNS / 2))]}
  printf '%-44s %8s s  (%s-%s)  %6d MB\n' "$name" "$median" "${sorted[0]}" "${sorted[$((RUNS - 1))]}" $((rss / 1024))
  echo "$median" > "$work/last"
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2fx", a / b; else print "-" }'; }

for n in "${@:-50 500}"; do
  proj="$work/w2-$n"
  java bench/Generate.java "$n" "$proj"
  echo "== $n revisions (each a table with an index)"
  measure "floor: psql -1 -f ($n tables)" fresh_db "psql $PG -q -1 -v ON_ERROR_STOP=1 -d retort_bench -f $proj/floor.sql"
  floor=$(cat "$work/last")
  measure "W2 upgrade head, first run (compiles $n)" "fresh_db; rm -rf $proj/migrations/.cache" "cd $proj && $PWD/bin/retort -q upgrade head"
  echo "   ratio to floor: $(ratio "$(cat "$work/last")" "$floor")"
  measure "W2 upgrade head, revisions compiled" fresh_db "cd $proj && $PWD/bin/retort -q upgrade head"
  echo "   ratio to floor: $(ratio "$(cat "$work/last")" "$floor")"
  measure "W2 compiled, one transaction (transaction_per=run)" fresh_db "cd $proj && $PWD/bin/retort -q -c one-transaction.toml upgrade head"
  echo "   ratio to floor: $(ratio "$(cat "$work/last")" "$floor")"
  measure "no-op upgrade head (at head)" true "cd $proj && $PWD/bin/retort -q upgrade head"
  measure "current" true "cd $proj && $PWD/bin/retort -q current"
  measure "heads" true "cd $proj && $PWD/bin/retort -q heads"
  measure "W3 upgrade head --sql, first run" "rm -rf $proj/migrations/.cache" "cd $proj && $PWD/bin/retort -q upgrade head --sql"
  measure "W3 upgrade head --sql, revisions compiled" true "cd $proj && $PWD/bin/retort -q upgrade head --sql"
done
psql $PG -qd postgres -c "DROP DATABASE IF EXISTS retort_bench WITH (FORCE)" >/dev/null
