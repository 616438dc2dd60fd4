import dev.retort.api.Migration;
import dev.retort.api.Operations;
import dev.retort.api.Revision;

@Revision(
        id = "8f3b6d21c4e7",
        parents = "5e1c0a7d2b90",
        message = "simulation runs",
        created = "2026-12-03T09:10:00Z")
class R8f3b6d21c4e7 implements Migration {

    @Override
    public void upgrade(Operations op) {
        op.createTable("stratsim", "simulation_run", t -> {
            t.column("id", "bigint").identity().primaryKey();
            t.column("scenario_id", "bigint").notNull().references("stratsim", "scenario", "id").onDelete("CASCADE");
            t.column("started_at", "timestamptz").notNull().defaultValue("now()");
        });
    }

    @Override
    public void downgrade(Operations op) {
        op.dropTable("stratsim", "simulation_run");
    }
}
