import dev.retort.api.Migration;
import dev.retort.api.Operations;
import dev.retort.api.Revision;

@Revision(
        id = "dca2e16ed0c7",
        message = "create accounts scenarios and runs",
        created = "2026-11-25T02:14:49Z")
class Rdca2e16ed0c7 implements Migration {

    @Override
    public void upgrade(Operations op) {
        op.createSchema("stratsim");
        op.createTable("public", "account", t -> {
            t.column("created_at", "timestamptz(6)").notNull().defaultValue("now()");
            t.column("id", "bigint").identity().primaryKey();
            t.column("display_name", "varchar(100)").notNull();
            t.column("email", "varchar(255)").notNull().unique();
            t.index("created_at");
            t.comment("People who own scenarios and start simulation runs");
        });
        op.createTable("stratsim", "scenario", t -> {
            t.column("created_at", "timestamptz(6)").notNull().defaultValue("now()");
            t.column("id", "bigint").identity().primaryKey();
            t.column("owner_id", "bigint").notNull();
            t.column("name", "varchar(200)").notNull();
            t.column("parameters", "jsonb").notNull().defaultValue("'{}'::jsonb");
            t.unique("owner_id", "name");
            t.foreignKey("owner_id").references("public", "account", "id").name("fkj3sjndrwnqcykkh7j32s8nr9k").onDelete("CASCADE");
            t.index("owner_id");
        });
        op.createTable("stratsim", "simulation_run", t -> {
            t.column("finished_at", "timestamptz(6)");
            t.column("id", "bigint").identity().primaryKey();
            t.column("scenario_id", "bigint").notNull();
            t.column("started_at", "timestamptz(6)");
            t.column("started_by", "bigint");
            t.column("status", "varchar(20)").notNull();
            t.column("result", "jsonb");
            t.check("status in ('QUEUED','RUNNING','SUCCEEDED','FAILED')").name("simulation_run_status_check");
            t.foreignKey("scenario_id").references("stratsim", "scenario", "id").name("fkogqqruuikltxvn8epa5hduqn0").onDelete("CASCADE");
            t.foreignKey("started_by").references("public", "account", "id").name("fk9h2w7whp9rnl5r9vpchdd2rta").onDelete("SET NULL");
        });
    }

    @Override
    public void downgrade(Operations op) {
        op.dropTable("stratsim", "simulation_run");
        op.dropTable("stratsim", "scenario");
        op.dropTable("public", "account");
        op.dropSchema("stratsim");
    }
}
