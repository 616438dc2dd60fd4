#!/usr/bin/env bash
# W1: `retort check` against a database of T tables that equals the models, and with 10 differences, compared with
# pg_dump --schema-only of the same database (the floor), and Liquibase `diff` of two databases loaded from the same
# schema (PEER_RUNS runs, default RUNS; RETORT_ONLY=1 leaves it out). Median of RUNS (default 5) whole-process runs
# in alternating rounds (bench/lib.sh), peak RSS; bench/quiet.sh first.
# Usage: bench/w1.sh [T ...]   (default: 200 2000)
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f bin/retort.jar ] || mvn -B -q package -DskipTests
if [ -z "${RETORT_ONLY:-}" ] && [ ! -d bench/peers/target/lib ]; then mvn -B -q -f bench/peers/pom.xml package; fi
PEERS_CP="$PWD/bench/peers/target/classes:$PWD/bench/peers/target/lib/*"
PG="-h 127.0.0.1 -U postgres"
work=$(mktemp -d)
trap 'rm -rf "$work"; psql $PG -qd postgres -c "DROP DATABASE IF EXISTS retort_w1 WITH (FORCE)" >/dev/null' EXIT
url="postgresql://postgres@127.0.0.1:5432/retort_w1"

bench/quiet.sh
. bench/lib.sh

for t in "${@:-200 2000}"; do
  proj="$work/w1-$t"
  java bench/GenerateW1.java "$t" "$proj"
  psql $PG -qd postgres -c "DROP DATABASE IF EXISTS retort_w1 WITH (FORCE)" -c "CREATE DATABASE retort_w1" >/dev/null
  psql $PG -q -v ON_ERROR_STOP=1 -d retort_w1 -f "$proj/schema.sql" >/dev/null  # not one transaction: 2,000 tables exceed its lock table
  echo "== $t tables in public and stratsim"
  (cd "$proj" && "$OLDPWD/bin/retort" -q --url "$url" check >/dev/null)   # compiles the models once
  add "floor: pg_dump --schema-only" true "pg_dump $PG --schema-only retort_w1"
  add "retort check, equal (exit 0)" true "cd $proj && $PWD/bin/retort -q --url $url check"
  rounds
  for i in $(seq 1 10); do psql $PG -qd retort_w1 -c "DROP INDEX IF EXISTS $([ $((i % 2)) = 0 ] && echo stratsim || echo public).w1_t${i}_title_idx" >/dev/null; done
  add "retort check, 10 differences (exit 1)" true "cd $proj && $PWD/bin/retort -q --url $url check || [ \$? = 1 ]"
  rounds
  if [ -z "${RETORT_ONLY:-}" ]; then
    # Liquibase has no models to compare: its W1 is `diff` of two databases loaded from the same schema
    psql $PG -qd postgres -c "DROP DATABASE IF EXISTS retort_w1b WITH (FORCE)" -c "CREATE DATABASE retort_w1b" >/dev/null
    psql $PG -qd postgres -c "DROP DATABASE IF EXISTS retort_w1 WITH (FORCE)" -c "CREATE DATABASE retort_w1" >/dev/null
    psql $PG -q -v ON_ERROR_STOP=1 -d retort_w1 -f "$proj/schema.sql" >/dev/null
    psql $PG -q -v ON_ERROR_STOP=1 -d retort_w1b -f "$proj/schema.sql" >/dev/null
    lb="java -cp '$PEERS_CP' liquibase.integration.commandline.LiquibaseCommandLine --show-banner=false"
    lbdb="--url=jdbc:postgresql://127.0.0.1:5432/retort_w1b?currentSchema=public,stratsim --username=postgres"
    lbref="--reference-url=jdbc:postgresql://127.0.0.1:5432/retort_w1?currentSchema=public,stratsim --reference-username=postgres"
    add "Liquibase diff of two equal databases" true "$lb $lbdb $lbref --schemas=public,stratsim diff"
    RUNS=${PEER_RUNS:-$RUNS} rounds
    psql $PG -qd postgres -c "DROP DATABASE IF EXISTS retort_w1b WITH (FORCE)" >/dev/null
  fi
done
