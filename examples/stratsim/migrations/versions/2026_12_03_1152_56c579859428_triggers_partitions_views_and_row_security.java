import dev.retort.api.Migration;
import dev.retort.api.Operations;
import dev.retort.api.Revision;

@Revision(
        id = "56c579859428",
        parents = "a04799bea6a3",
        message = "account updated_at trigger, simulation events by time, runs per scenario, scenario row security",
        created = "2026-12-03T11:52:48Z")
class R56c579859428 implements Migration {

    @Override
    public void upgrade(Operations op) {
        op.createTable("stratsim", "simulation_event", t -> {
            t.partitionBy("RANGE (at)");
            t.column("run_id", "bigint").notNull().references("stratsim", "simulation_run", "id").onDelete("CASCADE");
            t.column("seq", "integer").notNull();
            t.column("at", "timestamptz").notNull();
            t.column("kind", "varchar(50)").notNull();
            t.column("payload", "jsonb");
            t.primaryKey("run_id", "seq", "at");
        });
        op.addColumn("public", "account", "updated_at", "timestamptz");
        op.createFunction("public", "touch_updated_at()", """
                CREATE FUNCTION touch_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    NEW.updated_at := now();
                    RETURN NEW;
                END
                $$""").only("postgresql");
        op.createPartition("stratsim", "simulation_event_2026", "simulation_event", "FOR VALUES FROM ('2026-01-01') TO ('2027-01-01')").only("postgresql");
        op.createPartition("stratsim", "simulation_event_later", "simulation_event", "DEFAULT").only("postgresql");
        op.createView("stratsim", "scenario_runs", """
                select s.id as scenario_id, s.name, count(r.id) as runs, max(r.started_at) as last_started
                from stratsim.scenario s left join stratsim.simulation_run r on r.scenario_id = s.id
                group by s.id, s.name""");
        op.createTrigger("public", "account", "account_touch", "CREATE TRIGGER account_touch BEFORE UPDATE ON account FOR EACH ROW EXECUTE FUNCTION touch_updated_at()").only("postgresql");
        op.createTrigger("public", "account", "account_touch_sqlite", """
                CREATE TRIGGER account_touch_sqlite AFTER UPDATE OF email, display_name ON account FOR EACH ROW
                BEGIN
                    UPDATE account SET updated_at = CURRENT_TIMESTAMP WHERE id = NEW.id;
                END""").only("sqlite");
        op.createTrigger("public", "account", "account_touch_mysql", "CREATE TRIGGER account_touch_mysql BEFORE UPDATE ON account FOR EACH ROW SET NEW.updated_at = now(6)")
                .only("mysql");
        op.enableRowLevelSecurity("stratsim", "scenario").only("postgresql");
        op.createPolicy("stratsim", "scenario", "scenario_owner", "AS PERMISSIVE FOR ALL TO public USING (owner_id = nullif(current_setting('stratsim.account_id', true), '')::bigint)").only("postgresql");
    }

    @Override
    public void downgrade(Operations op) {
        op.dropPolicy("stratsim", "scenario", "scenario_owner").only("postgresql");
        op.disableRowLevelSecurity("stratsim", "scenario").only("postgresql");
        op.dropTrigger("public", "account", "account_touch_mysql").only("mysql");
        op.dropTrigger("public", "account", "account_touch_sqlite").only("sqlite");
        op.dropTrigger("public", "account", "account_touch").only("postgresql");
        op.dropView("stratsim", "scenario_runs");
        op.dropPartition("stratsim", "simulation_event_later", "simulation_event").only("postgresql");
        op.dropPartition("stratsim", "simulation_event_2026", "simulation_event").only("postgresql");
        op.dropFunction("public", "touch_updated_at()").only("postgresql");
        op.dropColumn("public", "account", "updated_at");
        op.dropTable("stratsim", "simulation_event");
    }
}
