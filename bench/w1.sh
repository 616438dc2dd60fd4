#!/usr/bin/env bash
# W1: `retort check` against a database of T tables that equals the models, and with 10 differences, compared with
# pg_dump --schema-only of the same database (the floor), and Liquibase `diff` of two databases loaded from the same
# schema (PEER_RUNS runs, default RUNS; RETORT_ONLY=1 leaves it out). Median of RUNS (default 5) whole-process runs,
# peak RSS.
# Usage: bench/w1.sh [T ...]   (default: 200 2000)
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f bin/retort.jar ] || mvn -B -q package -DskipTests
if [ -z "${RETORT_ONLY:-}" ] && [ ! -d bench/peers/target/lib ]; then mvn -B -q -f bench/peers/pom.xml package; fi
PEERS_CP="$PWD/bench/peers/target/classes:$PWD/bench/peers/target/lib/*"
RUNS=${RUNS:-5}
PG="-h 127.0.0.1 -U postgres"
work=$(mktemp -d)
trap 'rm -rf "$work"; psql $PG -qd postgres -c "DROP DATABASE IF EXISTS retort_w1 WITH (FORCE)" >/dev/null' EXIT
url="postgresql://postgres@127.0.0.1:5432/retort_w1"

measure() {
  local name=$1 cmd=$2 times=() rss=0
  for _ in $(seq "$RUNS"); do
    /usr/bin/time -f "%e %M" -o "$work/t" bash -c "$cmd" >/dev/null 2>"$work/err" || true
    read -r t m < <(tail -1 "$work/t")
    times+=("$t"); [ "$m" -gt "$rss" ] && rss=$m
  done
  local sorted=($(printf '%s\n' "${times[@]}" | sort -n))
  printf '%-44s %8s s  (%s-%s)  %6d MB\n' "$name" "${sorted[$((RUNS / 2))]}" "${sorted[0]}" "${sorted[$((RUNS - 1))]}" $((rss / 1024))
}

for t in "${@:-200 2000}"; do
  proj="$work/w1-$t"
  java bench/GenerateW1.java "$t" "$proj"
  psql $PG -qd postgres -c "DROP DATABASE IF EXISTS retort_w1 WITH (FORCE)" -c "CREATE DATABASE retort_w1" >/dev/null
  psql $PG -q -v ON_ERROR_STOP=1 -d retort_w1 -f "$proj/schema.sql" >/dev/null  # not one transaction: 2,000 tables exceed its lock table
  echo "== $t tables in public and stratsim"
  measure "floor: pg_dump --schema-only" "pg_dump $PG --schema-only retort_w1"
  (cd "$proj" && "$OLDPWD/bin/retort" -q --url "$url" check >/dev/null)   # compiles the models once
  measure "retort check, equal (exit 0)" "cd $proj && $PWD/bin/retort -q --url $url check"
  for i in $(seq 1 10); do psql $PG -qd retort_w1 -c "DROP INDEX IF EXISTS $([ $((i % 2)) = 0 ] && echo stratsim || echo public).w1_t${i}_title_idx" >/dev/null; done
  measure "retort check, 10 differences (exit 1)" "cd $proj && $PWD/bin/retort -q --url $url check"
  if [ -z "${RETORT_ONLY:-}" ]; then
    # Liquibase has no models to compare: its W1 is `diff` of two databases loaded from the same schema
    psql $PG -qd postgres -c "DROP DATABASE IF EXISTS retort_w1b WITH (FORCE)" -c "CREATE DATABASE retort_w1b" >/dev/null
    psql $PG -qd postgres -c "DROP DATABASE IF EXISTS retort_w1 WITH (FORCE)" -c "CREATE DATABASE retort_w1" >/dev/null
    psql $PG -q -v ON_ERROR_STOP=1 -d retort_w1 -f "$proj/schema.sql" >/dev/null
    psql $PG -q -v ON_ERROR_STOP=1 -d retort_w1b -f "$proj/schema.sql" >/dev/null
    lb="java -cp '$PEERS_CP' liquibase.integration.commandline.LiquibaseCommandLine --show-banner=false"
    lbdb="--url=jdbc:postgresql://127.0.0.1:5432/retort_w1b?currentSchema=public,stratsim --username=postgres"
    lbref="--reference-url=jdbc:postgresql://127.0.0.1:5432/retort_w1?currentSchema=public,stratsim --reference-username=postgres"
    RUNS=${PEER_RUNS:-$RUNS} measure "Liquibase diff of two equal databases" "$lb $lbdb $lbref --schemas=public,stratsim diff"
    psql $PG -qd postgres -c "DROP DATABASE IF EXISTS retort_w1b WITH (FORCE)" >/dev/null
  fi
done
