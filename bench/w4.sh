#!/usr/bin/env bash
# W4: a column type change on a SQLite table of ROWS rows (default 1,000,000), which SQLite can only do by move and
# copy. Retort's `upgrade head` (the revision: alterColumn type varchar(40) -> varchar(80)) against the floor: the
# same rebuild written by hand (create new table, INSERT ... SELECT, drop, rename, recreate the index) run by the
# sqlite3 shell in one transaction. Each run starts from a fresh copy of the same database file. Median of RUNS
# (default 5), min-max, peak RSS.
# Usage: bench/w4.sh [ROWS]
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f bin/retort.jar ] || mvn -B -q package -DskipTests
RUNS=${RUNS:-5}
ROWS=${1:-1000000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

mkdir -p "$work/proj/migrations/versions"
printf 'script_location = "migrations"\n' > "$work/proj/retort.toml"
cat > "$work/proj/migrations/versions/w4base.java" <<'JAVA'
import dev.retort.api.*;
@Revision(id = "w4base", message = "a big table")
class Rw4base implements Migration {
    public void upgrade(Operations op) {
        op.createTable("public", "item", t -> {
            t.column("id", "bigint").primaryKey();
            t.column("label", "varchar(40)").notNull();
            t.column("qty", "integer").notNull().defaultValue("0");
            t.column("note", "text");
            t.index("label");
        });
    }
    public void downgrade(Operations op) { op.dropTable("public", "item"); }
}
JAVA
cat > "$work/proj/migrations/versions/w4change.java" <<'JAVA'
import dev.retort.api.*;
@Revision(id = "w4change", parents = "w4base", message = "widen label")
class Rw4change implements Migration {
    public void upgrade(Operations op) { op.alterColumn("public", "item", "label").existingType("varchar(40)").type("varchar(80)"); }
    public void downgrade(Operations op) { op.alterColumn("public", "item", "label").existingType("varchar(80)").type("varchar(40)"); }
}
JAVA

# the starting database: Retort creates the table (so the file is what Retort would have made), then the rows
(cd "$work/proj" && "$OLDPWD/bin/retort" -q --url "sqlite:///$work/base.db" upgrade w4base)
sqlite3 "$work/base.db" "INSERT INTO item (id, label, qty, note) WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $ROWS)
  SELECT i, 'label ' || i, i % 7, CASE WHEN i % 3 = 0 THEN NULL ELSE 'note ' || i END FROM n;"
(cd "$work/proj" && "$OLDPWD/bin/retort" -q --url "sqlite:///$work/warm.db" upgrade head --sql >/dev/null)   # compiles the revisions once

cat > "$work/by-hand.sql" <<'SQL'
BEGIN;
CREATE TABLE "_new_item" ("id" bigint NOT NULL, "label" varchar(80) NOT NULL, "qty" integer DEFAULT 0 NOT NULL, "note" text,
  CONSTRAINT "item_pkey" PRIMARY KEY ("id"));
INSERT INTO "_new_item" ("id", "label", "qty", "note") SELECT "id", "label", "qty", "note" FROM "item";
DROP TABLE "item";
ALTER TABLE "_new_item" RENAME TO "item";
CREATE INDEX "item_label_idx" ON "item" ("label");
COMMIT;
SQL

measure() {
  local name=$1 cmd=$2 times=() rss=0
  for _ in $(seq "$RUNS"); do
    cp "$work/base.db" "$work/run.db"; sync
    /usr/bin/time -f "%e %M" -o "$work/t" bash -c "$cmd" >/dev/null 2>"$work/err" || { cat "$work/err"; exit 1; }
    read -r t m < <(tail -1 "$work/t")
    times+=("$t"); [ "$m" -gt "$rss" ] && rss=$m
  done
  local sorted=($(printf '%s\n' "${times[@]}" | sort -n))
  printf '%-52s %8s s  (%s-%s)  %6d MB\n' "$name" "${sorted[$((RUNS / 2))]}" "${sorted[0]}" "${sorted[$((RUNS - 1))]}" $((rss / 1024))
}

echo "== W4: widen a column of a SQLite table of $ROWS rows (one index)"
measure "floor: hand-written rebuild, sqlite3 shell" "sqlite3 $work/run.db < $work/by-hand.sql"
measure "retort upgrade head (move and copy)" "cd $work/proj && $PWD/bin/retort -q --url sqlite:///$work/run.db upgrade head"
sqlite3 "$work/run.db" "SELECT 'rows after: ' || count(*) || ', label type: ' || (SELECT type FROM pragma_table_info('item') WHERE name = 'label') FROM item"
