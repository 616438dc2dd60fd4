package dev.retort.jpa.corpus;

import jakarta.persistence.*;
import java.time.*;
import java.util.*;

/** Corpus model: EnumOrdinal. */
public final class M20EnumOrdinal {
    private M20EnumOrdinal() {}

    public enum Level { LOW, MEDIUM, HIGH }
    @Entity(name = "alert") public static class Alert {
        @Id Long id;
        @Enumerated(EnumType.ORDINAL) Level level;
        Level implicitLevel;
    }
}
