package dev.retort.jpa.corpus;

import jakarta.persistence.*;
import java.time.*;
import java.util.*;

/** Corpus model: Convert. */
public final class M23Convert {
    private M23Convert() {}

    public static class YesNo implements AttributeConverter<Boolean, String> {
        public String convertToDatabaseColumn(Boolean b) { return b == null ? null : b ? "Y" : "N"; }
        public Boolean convertToEntityAttribute(String s) { return s == null ? null : s.equals("Y"); }
    }
    @Entity(name = "flag") public static class Flag {
        @Id Long id;
        @Convert(converter = YesNo.class) @Column(length = 1) Boolean enabled;
    }
}
