package stratsim.model;

import dev.retort.model.Metadata;
import dev.retort.model.Model;

/** Scenarios and their simulation runs, in the stratsim schema, referencing accounts across schemas. */
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
    }
}
