import dev.retort.api.Migration;
import dev.retort.api.Operations;
import dev.retort.api.Revision;

@Revision(
        id = "a04799bea6a3",
        parents = "1890348cba29",
        message = "add scenarios and simulation runs",
        created = "2026-11-25T01:44:40Z")
class Ra04799bea6a3 implements Migration {

    @Override
    public void upgrade(Operations op) {
        op.createSchema("stratsim");
        op.createEnum("stratsim", "run_status", "queued", "running", "succeeded", "failed");
        op.createTable("stratsim", "scenario", t -> {
            t.column("id", "bigint").identity().primaryKey();
            t.column("owner_id", "bigint").notNull().references("public", "account", "id").onDelete("CASCADE");
            t.column("name", "varchar(200)").notNull();
            t.column("parameters", "jsonb").notNull().defaultValue("'{}'::jsonb");
            t.column("created_at", "timestamptz").notNull().defaultValue("now()");
            t.unique("owner_id", "name");
            t.index("owner_id");
        });
        op.createTable("stratsim", "simulation_run", t -> {
            t.column("id", "bigint").identity().primaryKey();
            t.column("scenario_id", "bigint").notNull().references("stratsim", "scenario", "id").onDelete("CASCADE");
            t.column("started_by", "bigint").references("public", "account", "id").onDelete("SET NULL");
            t.column("status", "stratsim.run_status").notNull().defaultValue("'queued'");
            t.column("started_at", "timestamptz");
            t.column("finished_at", "timestamptz");
            t.column("result", "jsonb");
            t.check("finished_at IS NULL OR started_at IS NOT NULL").name("simulation_run_finish_after_start");
            t.index("scenario_id").name("ix_simulation_run_active").where("status IN ('queued', 'running')");
        });
    }

    @Override
    public void downgrade(Operations op) {
        op.dropTable("stratsim", "simulation_run");
        op.dropTable("stratsim", "scenario");
        op.dropEnum("stratsim", "run_status");
        op.dropSchema("stratsim");
    }
}
