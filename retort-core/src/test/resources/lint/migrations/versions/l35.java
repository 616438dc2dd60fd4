import dev.retort.api.Migration;
import dev.retort.api.Operations;
import dev.retort.api.Revision;

@Revision(id = "l35", parents = "l34", message = "partitions, row security and an exclusion constraint on tables that hold rows")
class Rl35 implements Migration {
    @Override
    public void upgrade(Operations op) {
        op.dropPartition("public", "event_2025", "event");
        op.replacePartition("public", "event_2026", "event", "FOR VALUES FROM ('2026-01-01') TO ('2026-07-01')");
        op.enableRowLevelSecurity("public", "account");
        op.addExclusionConstraint("public", "account", "account_no_overlap", "USING gist (level WITH =)");
        op.createTable("public", "booking", t -> {
            t.column("room", "int");
            t.rowLevelSecurity();
            t.exclude("booking_no_overlap", "USING gist (room WITH =)");
        });
        op.revoke("public", "TABLE account", "app", "UPDATE (level)");
    }

    @Override
    public void downgrade(Operations op) { }
}
