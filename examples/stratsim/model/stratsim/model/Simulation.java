package stratsim.model;

import dev.retort.model.Metadata;
import dev.retort.model.Model;

/**
 * Scenarios and their simulation runs, in the stratsim schema, referencing accounts across schemas; the events of
 * each run, partitioned by time on PostgreSQL; a view of runs per scenario; and row security that lets a session see the scenarios of the account it names (stratsim.account_id).
 * What is PostgreSQL's alone is declared for it only.
 */
public class Simulation implements Model {
    @Override
    public void define(Metadata m) {
        m.enumType("stratsim", "run_status", "queued", "running", "succeeded", "failed");

        m.table("stratsim", "scenario", t -> {
            t.column("id", "bigint").identity().primaryKey();
            t.column("owner_id", "bigint").notNull().references("public", "account", "id").onDelete("CASCADE");
            t.column("name", "varchar(200)").notNull();
            t.column("parameters", "jsonb").notNull().defaultValue("'{}'::jsonb");
            t.column("created_at", "timestamptz").notNull().defaultValue("now()");
            t.unique("owner_id", "name");
            t.index("owner_id");
            t.rowLevelSecurity().only("postgresql");
            t.policy("scenario_owner").using("owner_id = nullif(current_setting('stratsim.account_id', true), '')::bigint").only("postgresql");
        });

        m.table("stratsim", "simulation_run", t -> {
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

        m.table("stratsim", "simulation_event", t -> {
            t.column("run_id", "bigint").notNull().references("stratsim", "simulation_run", "id").onDelete("CASCADE");
            t.column("seq", "integer").notNull();
            t.column("at", "timestamptz").notNull();
            t.column("kind", "varchar(50)").notNull();
            t.column("payload", "jsonb");
            t.primaryKey("run_id", "seq", "at");
            // elsewhere a plain table, with a warning
            t.partitionBy("RANGE (at)");
            t.partition("simulation_event_2026", "FOR VALUES FROM ('2026-01-01') TO ('2027-01-01')").only("postgresql");
            t.partition("simulation_event_later", "DEFAULT").only("postgresql");
        });

        m.view("stratsim", "scenario_runs", """
                select s.id as scenario_id, s.name, count(r.id) as runs, max(r.started_at) as last_started
                from stratsim.scenario s left join stratsim.simulation_run r on r.scenario_id = s.id
                group by s.id, s.name""");
    }
}
