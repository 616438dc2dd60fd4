package dev.retort.jpa.corpus;

import jakarta.persistence.*;
import java.time.*;
import java.util.*;

/** Corpus model: TableIndexes. */
public final class M03TableIndexes {
    private M03TableIndexes() {}

    @Entity(name = "event") @Table(indexes = {@Index(name = "ix_event_kind", columnList = "kind"),
            @Index(name = "ix_event_kind_at", columnList = "kind, happened_at desc"), @Index(name = "ux_event_ref", columnList = "ref", unique = true)},
            uniqueConstraints = @UniqueConstraint(name = "uq_event_source_seq", columnNames = {"source", "seq"}))
    public static class Event {
        @Id Long id;
        String kind;
        @Column(name = "happened_at") Instant happenedAt;
        String ref;
        String source;
        int seq;
    }
}
