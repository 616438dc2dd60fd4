#!/usr/bin/env bash
# Whole-process benchmarks of Retort and its peers on the local PostgreSQL (127.0.0.1:5432, trust auth).
# Prints, per workload: the median wall time of RUNS runs (default 5), min-max and peak RSS, measured in alternating
# rounds (each round runs every tool once), then Retort's ratio to the floor and to the peers.
# Peers: Flyway and Liquibase from Maven Central (bench/peers/pom.xml), Alembic from Debian's python3-alembic
# (apt-get install python3-alembic python3-psycopg2), or PYTHON=/path/to/python with Alembic installed; a peer that
# is not installed is skipped with a note. bench/quiet.sh runs first and refuses a busy machine (BENCH_NOISY=1 runs
# anyway, with a warning).
# Usage: bench/run.sh [N ...]   (revision counts for W2/W3; default: 50 500). RETORT_ONLY=1 leaves the peers out
# (for the scaling rows, e.g. RETORT_ONLY=1 bench/run.sh 5000).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f bin/retort.jar ] || mvn -B -q package -DskipTests
if [ -z "${RETORT_ONLY:-}" ] && [ ! -d bench/peers/target/lib ]; then mvn -B -q -f bench/peers/pom.xml package; fi
if [ -z "${RETORT_ONLY:-}" ] && [ ! -f bench/peers/target/classes/FlywayMigrate.class ]; then
  javac -cp "bench/peers/target/lib/*" -d bench/peers/target/classes bench/peers/FlywayMigrate.java
fi
PEERS_CP="$PWD/bench/peers/target/classes:$PWD/bench/peers/target/lib/*"
PYTHON=${PYTHON:-/usr/bin/python3}
have_alembic=1; [ -z "${RETORT_ONLY:-}" ] && { $PYTHON -c "import alembic, psycopg2" 2>/dev/null || { have_alembic=0; echo "(Alembic not installed: apt-get install python3-alembic python3-psycopg2; its rows are skipped)"; }; }
[ -n "${RETORT_ONLY:-}" ] && have_alembic=0
bench/quiet.sh
echo "Retort $(git rev-parse --short HEAD), $(java -version 2>&1 | head -1), $(psql --version)"
if [ -z "${RETORT_ONLY:-}" ]; then
  echo "Peers: Flyway $(ls bench/peers/target/lib | sed -n 's/^flyway-core-\(.*\)\.jar$/\1/p'), Liquibase $(ls bench/peers/target/lib | sed -n 's/^liquibase-core-\(.*\)\.jar$/\1/p')$([ $have_alembic = 1 ] && echo ", Alembic $($PYTHON -c 'import alembic; print(alembic.__version__)')")"
fi
JDBC="jdbc:postgresql://127.0.0.1:5432/retort_bench"
COMPILE_ALL="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmn24m -Dretort.interpret=false"   # the launcher's options, plus compile every revision
PG="-h 127.0.0.1 -U postgres"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
. bench/lib.sh

fresh_db() { psql $PG -qd postgres -c "DROP DATABASE IF EXISTS retort_bench WITH (FORCE)" -c "CREATE DATABASE retort_bench" >/dev/null 2>&1; }
export DATABASE_URL="postgresql://postgres@127.0.0.1:5432/retort_bench"
R="$PWD/bin/retort"
# a JDK 25 or later, when the machine has one (JAVA25=/path/to/bin/java chooses it): rows with the launcher's
# ahead-of-time cache besides those on the default JDK
JAVA25=${JAVA25:-$(for d in /usr/lib/jvm/*; do v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$d/release" 2>/dev/null); [ "${v:-0}" -ge 25 ] && { echo "$d/bin/java"; break; }; done; true)}
# the launcher records its archive on its first run after a build: done here, so no timed run includes it
$R --version >/dev/null
[ -n "$JAVA25" ] && { JAVA=$JAVA25 $R --version >/dev/null; echo "JDK 25 rows: $($JAVA25 -version 2>&1 | head -1)"; }

for n in "${@:-50 500}"; do
  proj="$work/w2-$n"
  java bench/Generate.java "$n" "$proj"
  echo "== $n revisions (each a table with an index)"
  # one transaction holds a lock per table and index: past ~3,000 of each it exceeds PostgreSQL's default lock table
  # (max_locks_per_transaction 64 x max_connections 100), so larger runs take the floor statement by statement
  one=-1; [ "$n" -gt 2000 ] && one=""
  add "floor: psql ${one:+-1 }-f ($n tables)" fresh_db "psql $PG -q $one -v ON_ERROR_STOP=1 -d retort_bench -f $proj/floor.sql"
  # plain revisions (all of W2's) run without compiling; -Dretort.interpret=false compiles every one
  add "W2 upgrade head (plain revisions)" "fresh_db; rm -rf $proj/migrations/.cache" "cd $proj && $R -q upgrade head"
  [ "$n" -le 2000 ] && add "W2 one transaction (transaction_per=run)" fresh_db "cd $proj && $R -q -c one-transaction.toml upgrade head"
  [ -n "$JAVA25" ] && add "W2 upgrade head, JDK 25 (AOT cache)" fresh_db "cd $proj && JAVA=$JAVA25 $R -q upgrade head"
  # javac's rows measure the compiler, not how Retort scales: past 2,000 revisions they are left out
  if [ "$n" -le 2000 ]; then
    add "W2 compiling all $n first (interpret=false)" "fresh_db; rm -rf $proj/migrations/.cache" "cd $proj && RETORT_JAVA_OPTS='$COMPILE_ALL' $R -q upgrade head"
    add "W2 classes compiled before (interpret=false)" fresh_db "cd $proj && RETORT_JAVA_OPTS='$COMPILE_ALL' $R -q upgrade head"
  fi
  add "no-op upgrade head (at head)" true "cd $proj && $R -q upgrade head"
  [ -n "$JAVA25" ] && add "no-op upgrade head, JDK 25 (AOT cache)" true "cd $proj && JAVA=$JAVA25 $R -q upgrade head"
  add "current" true "cd $proj && $R -q current"
  add "heads" true "cd $proj && $R -q heads"
  add "W3 upgrade head --sql (plain revisions)" "rm -rf $proj/migrations/.cache" "cd $proj && $R -q upgrade head --sql"
  if [ "$n" -le 2000 ]; then
    add "W3 compiling all $n first (interpret=false)" "rm -rf $proj/migrations/.cache" "cd $proj && RETORT_JAVA_OPTS='$COMPILE_ALL' $R -q upgrade head --sql"
    add "W3 classes compiled before (interpret=false)" true "cd $proj && RETORT_JAVA_OPTS='$COMPILE_ALL' $R -q upgrade head --sql"
  fi
  if [ -z "${RETORT_ONLY:-}" ]; then
    add "Flyway migrate (W2)" fresh_db "java -cp '$PEERS_CP' FlywayMigrate $JDBC postgres $proj/flyway"
    add "Flyway no-op migrate" true "java -cp '$PEERS_CP' FlywayMigrate $JDBC postgres $proj/flyway"
    lb="java -cp '$PEERS_CP' liquibase.integration.commandline.LiquibaseCommandLine --url=$JDBC --username=postgres --changelog-file=liquibase.sql --search-path=$proj --show-banner=false"
    add "Liquibase update (W2)" fresh_db "$lb update"
    add "Liquibase no-op update" true "$lb update"
    if [ $have_alembic = 1 ]; then
      add "Alembic upgrade head (W2)" fresh_db "cd $proj && $PYTHON -m alembic upgrade head"
      add "Alembic no-op upgrade head" true "cd $proj && $PYTHON -m alembic upgrade head"
      add "Alembic current" true "cd $proj && $PYTHON -m alembic current"
      add "Alembic upgrade head --sql (W3)" true "cd $proj && $PYTHON -m alembic upgrade head --sql"
    fi
  fi
  rounds
  floor=$(median "floor: psql ${one:+-1 }-f ($n tables)")
  echo "   W2 / floor: per revision $(ratio "$(median "W2 upgrade head (plain revisions)")" "$floor")  one transaction $(ratio "$(median "W2 one transaction (transaction_per=run)")" "$floor")  compiled before $(ratio "$(median "W2 classes compiled before (interpret=false)")" "$floor")$([ -n "$JAVA25" ] && echo "  JDK 25 $(ratio "$(median "W2 upgrade head, JDK 25 (AOT cache)")" "$floor")")"
  if [ -z "${RETORT_ONLY:-}" ]; then
    w2=$(median "W2 upgrade head (plain revisions)"); noop=$(median "no-op upgrade head (at head)")
    echo "   Retort / peer, W2:     Flyway $(ratio "$w2" "$(median "Flyway migrate (W2)")")  Liquibase $(ratio "$w2" "$(median "Liquibase update (W2)")")  Alembic $(ratio "$w2" "$(median "Alembic upgrade head (W2)")")"
    echo "   Retort / peer, no-op:  Flyway $(ratio "$noop" "$(median "Flyway no-op migrate")")  Liquibase $(ratio "$noop" "$(median "Liquibase no-op update")")  Alembic $(ratio "$noop" "$(median "Alembic no-op upgrade head")")"
    echo "   Retort / Alembic, W3:  plain $(ratio "$(median "W3 upgrade head --sql (plain revisions)")" "$(median "Alembic upgrade head --sql (W3)")")  compiling all first $(ratio "$(median "W3 compiling all $n first (interpret=false)")" "$(median "Alembic upgrade head --sql (W3)")")"
  fi
done
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
psql $PG -qd postgres -c "DROP DATABASE IF EXISTS retort_bench WITH (FORCE)" >/dev/null
