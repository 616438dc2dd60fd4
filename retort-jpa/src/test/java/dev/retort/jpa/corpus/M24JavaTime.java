package dev.retort.jpa.corpus;

import jakarta.persistence.*;
import java.time.*;
import java.util.*;

/** Corpus model: JavaTime. */
public final class M24JavaTime {
    private M24JavaTime() {}

    @Entity(name = "schedule") public static class Schedule {
        @Id Long id;
        LocalDate day;
        LocalTime startsAt;
        LocalDateTime localMoment;
        OffsetDateTime offsetMoment;
        ZonedDateTime zonedMoment;
        Instant instant;
        Duration length;
        Year year;
    }
}
