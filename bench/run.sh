#!/usr/bin/env bash
# Whole-process benchmarks of Retort and its peers on the local PostgreSQL (127.0.0.1:5432, trust auth).
# Prints, per workload: median wall time of 5 runs, min-max, peak RSS, and Retort's ratio to the floor and the peers.
# Peers: Flyway and Liquibase from Maven Central (bench/peers/pom.xml), Alembic from Debian's python3-alembic
# (apt-get install python3-alembic python3-psycopg2); a peer that is not installed is skipped with a note.
# Usage: bench/run.sh [N ...]   (revision counts for W2/W3; default: 50 500). RETORT_ONLY=1 leaves the peers out
# (for the scaling rows, e.g. RETORT_ONLY=1 RUNS=3 bench/run.sh 5000).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f bin/retort.jar ] || mvn -B -q package -DskipTests
if [ ! -d bench/peers/target/lib ]; then mvn -B -q -f bench/peers/pom.xml package; fi
[ -f bench/peers/target/classes/FlywayMigrate.class ] || javac -cp "bench/peers/target/lib/*" -d bench/peers/target/classes bench/peers/FlywayMigrate.java
PEERS_CP="$PWD/bench/peers/target/classes:$PWD/bench/peers/target/lib/*"
PYTHON=${PYTHON:-/usr/bin/python3}
have_alembic=1; $PYTHON -c "import alembic, psycopg2" 2>/dev/null || { have_alembic=0; echo "(Alembic not installed: apt-get install python3-alembic python3-psycopg2; its rows are skipped)"; }
[ $have_alembic = 1 ] && echo "Alembic $($PYTHON -c 'import alembic; print(alembic.__version__)'), Flyway 10.20.1, Liquibase 4.29.2"
JDBC="jdbc:postgresql://127.0.0.1:5432/retort_bench"
RUNS=${RUNS:-5}
COMPILE_ALL="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmn24m -Dretort.interpret=false"   # the launcher's options, plus compile every revision
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

declare -A M
keep() { M[$1]=$(cat "$work/last"); }

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2fx", a / b; else print "-" }'; }

for n in "${@:-50 500}"; do
  proj="$work/w2-$n"
  java bench/Generate.java "$n" "$proj"
  echo "== $n revisions (each a table with an index)"
  # one transaction holds a lock per table and index: past ~3,000 of each it exceeds PostgreSQL's default lock table
  # (max_locks_per_transaction 64 x max_connections 100), so larger runs take the floor statement by statement
  one=-1; [ "$n" -gt 2000 ] && one=""
  measure "floor: psql ${one:+-1 }-f ($n tables)" fresh_db "psql $PG -q $one -v ON_ERROR_STOP=1 -d retort_bench -f $proj/floor.sql"
  floor=$(cat "$work/last")
  # plain revisions (all of W2's) run without compiling; -Dretort.interpret=false compiles every one, as before
  measure "W2 upgrade head (plain revisions, none compiled)" "fresh_db; rm -rf $proj/migrations/.cache" "cd $proj && $PWD/bin/retort -q upgrade head"
  echo "   ratio to floor: $(ratio "$(cat "$work/last")" "$floor")"; keep retort_w2
  measure "W2 compiling all $n first (interpret=false)" "fresh_db; rm -rf $proj/migrations/.cache" "cd $proj && RETORT_JAVA_OPTS='$COMPILE_ALL' $PWD/bin/retort -q upgrade head"
  echo "   ratio to floor: $(ratio "$(cat "$work/last")" "$floor")"; keep retort_w2_javac
  measure "W2 classes compiled before (interpret=false)" fresh_db "cd $proj && RETORT_JAVA_OPTS='$COMPILE_ALL' $PWD/bin/retort -q upgrade head"
  echo "   ratio to floor: $(ratio "$(cat "$work/last")" "$floor")"
  if [ "$n" -le 2000 ]; then   # one transaction for the whole run meets the same lock-table limit as the floor
    measure "W2 one transaction (transaction_per=run)" fresh_db "cd $proj && $PWD/bin/retort -q -c one-transaction.toml upgrade head"
    echo "   ratio to floor: $(ratio "$(cat "$work/last")" "$floor")"
  fi
  measure "no-op upgrade head (at head)" true "cd $proj && $PWD/bin/retort -q upgrade head"; keep retort_noop
  measure "current" true "cd $proj && $PWD/bin/retort -q current"; keep retort_current
  measure "heads" true "cd $proj && $PWD/bin/retort -q heads"
  measure "W3 upgrade head --sql (plain revisions)" "rm -rf $proj/migrations/.cache" "cd $proj && $PWD/bin/retort -q upgrade head --sql"; keep retort_w3
  measure "W3 compiling all $n first (interpret=false)" "rm -rf $proj/migrations/.cache" "cd $proj && RETORT_JAVA_OPTS='$COMPILE_ALL' $PWD/bin/retort -q upgrade head --sql"; keep retort_w3_cold
  measure "W3 classes compiled before (interpret=false)" true "cd $proj && RETORT_JAVA_OPTS='$COMPILE_ALL' $PWD/bin/retort -q upgrade head --sql"

  [ -n "${RETORT_ONLY:-}" ] && continue
  measure "Flyway migrate (W2)" fresh_db "java -cp '$PEERS_CP' FlywayMigrate $JDBC postgres $proj/flyway"; keep flyway_w2
  measure "Flyway no-op migrate" true "java -cp '$PEERS_CP' FlywayMigrate $JDBC postgres $proj/flyway"; keep flyway_noop
  lb="java -cp '$PEERS_CP' liquibase.integration.commandline.LiquibaseCommandLine --url=$JDBC --username=postgres --changelog-file=liquibase.sql --search-path=$proj --show-banner=false"
  measure "Liquibase update (W2)" fresh_db "$lb update"; keep liquibase_w2
  measure "Liquibase no-op update" true "$lb update"; keep liquibase_noop
  if [ $have_alembic = 1 ]; then
    measure "Alembic upgrade head (W2)" fresh_db "cd $proj && $PYTHON -m alembic upgrade head"; keep alembic_w2
    measure "Alembic no-op upgrade head" true "cd $proj && $PYTHON -m alembic upgrade head"; keep alembic_noop
    measure "Alembic current" true "cd $proj && $PYTHON -m alembic current"; keep alembic_current
    measure "Alembic upgrade head --sql (W3)" true "cd $proj && $PYTHON -m alembic upgrade head --sql"; keep alembic_w3
  fi
  echo "   Retort / Alembic, W2 compiling all first: $(ratio "${M[retort_w2_javac]}" "${M[alembic_w2]:-0}")"
  echo "   Retort / peer, W2:           Flyway $(ratio "${M[retort_w2]}" "${M[flyway_w2]}")  Liquibase $(ratio "${M[retort_w2]}" "${M[liquibase_w2]}")  Alembic $(ratio "${M[retort_w2]}" "${M[alembic_w2]:-0}")"
  echo "   Retort / peer, no-op:        Flyway $(ratio "${M[retort_noop]}" "${M[flyway_noop]}")  Liquibase $(ratio "${M[retort_noop]}" "${M[liquibase_noop]}")  Alembic $(ratio "${M[retort_noop]}" "${M[alembic_noop]:-0}")"
  echo "   Retort / Alembic, W3:        plain $(ratio "${M[retort_w3]}" "${M[alembic_w3]:-0}")  compiling all first $(ratio "${M[retort_w3_cold]}" "${M[alembic_w3]:-0}")"
done
psql $PG -qd postgres -c "DROP DATABASE IF EXISTS retort_bench WITH (FORCE)" >/dev/null
