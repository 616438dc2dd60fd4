package dev.retort.schema;

import java.util.List;

public record EnumType(String schema, String name, List<String> values) {
    public EnumType { values = List.copyOf(values); }
}
