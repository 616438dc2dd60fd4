package dev.retort.compare;

import dev.retort.ops.Operation;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Operations sorted into phases so that dependencies hold: references are dropped before what they reference,
 * and what is referenced is created before the references.
 */
final class Plan {
    enum Phase {
        DROP_OBJECTS, DROP_FOREIGN_KEYS, DROP_INDEXES_AND_CONSTRAINTS, DROP_TABLES, DROP_COLUMNS, CREATE_SCHEMAS, CREATE_EXTENSIONS,
        CREATE_ROUTINES_FOR_TYPES, CREATE_TYPES,
        CREATE_ROUTINES_FOR_TABLES, CREATE_TABLES, ADD_COLUMNS, ALTER_COLUMNS, READD_GENERATED_COLUMNS, ADD_INDEXES_AND_CONSTRAINTS, ADD_FOREIGN_KEYS,
        COMMENTS, ALTER_SEQUENCES, CREATE_OBJECTS, DROP_ROUTINES, DROP_TYPES, DROP_ROUTINES_FOR_TYPES, DROP_EXTENSIONS, DROP_SCHEMAS
    }

    private final Map<Phase, List<Operation>> phases = new EnumMap<>(Phase.class);

    void add(Phase phase, Operation op) {
        phases.computeIfAbsent(phase, k -> new ArrayList<>()).add(op);
    }

    /** What is planned so far for one phase (read by later comparisons). */
    List<Operation> in(Phase p) { return phases.getOrDefault(p, List.of()); }

    List<Operation> operations() {
        List<Operation> all = new ArrayList<>();
        for (Phase p : Phase.values()) all.addAll(phases.getOrDefault(p, List.of()));
        return all;
    }
}
