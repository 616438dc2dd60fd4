package stratsim.r2dbc;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.util.List;
import java.util.Map;

/** Scenario names over R2DBC: GET /scenarios. */
@RestController
public class Scenarios {
    private final DatabaseClient db;

    public Scenarios(DatabaseClient db) { this.db = db; }

    @GetMapping("/scenarios")
    public Mono<Map<String, List<String>>> names() {
        return db.sql("SELECT name FROM stratsim.scenario ORDER BY id").map(row -> row.get("name", String.class)).all().collectList()
                .map(names -> Map.of("scenarios", names));
    }
}
