package dev.retort.spring;

import dev.retort.Retort;
import dev.retort.command.Current;
import dev.retort.script.RevisionGraph;
import dev.retort.script.RevisionInfo;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code /actuator/retort}: the revisions the database is at, the heads of the revision folder, and every revision,
 * newest first, marked applied or pending (expose it with management.endpoints.web.exposure.include=retort).
 */
@Endpoint(id = "retort")
public class RetortEndpoint {
    private final Retort retort;

    public RetortEndpoint(Retort retort) { this.retort = retort; }

    @ReadOperation
    public Map<String, Object> revisions() {
        RevisionGraph graph = retort.graph();
        Current.Status status = retort.status();
        Set<String> applied = graph.ancestorsOrSelf(status.heads());
        List<Map<String, Object>> history = new ArrayList<>();
        List<RevisionInfo> all = new ArrayList<>(graph.all());
        java.util.Collections.reverse(all);
        for (RevisionInfo r : all) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", r.id());
            row.put("parents", r.parents());
            row.put("message", r.message());
            row.put("created", r.created());
            row.put("state", applied.contains(r.id()) ? "applied" : "pending");
            row.put("checksum", r.checksum());
            history.add(row);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("current", List.copyOf(status.heads()));
        out.put("heads", graph.heads());
        status.partial().ifPresent(p -> out.put("partial", p.describe(-1)));
        out.put("revisions", history);
        return out;
    }
}
