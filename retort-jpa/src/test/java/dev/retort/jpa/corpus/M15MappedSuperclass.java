package dev.retort.jpa.corpus;

import jakarta.persistence.*;
import java.time.*;
import java.util.*;

/** Corpus model: MappedSuperclass. */
public final class M15MappedSuperclass {
    private M15MappedSuperclass() {}

    @MappedSuperclass public static abstract class Audited {
        @Id Long id;
        @Column(name = "created_at", nullable = false) Instant createdAt;
        @Column(name = "updated_at") Instant updatedAt;
    }
    @Entity(name = "project") public static class Project extends Audited {
        String name;
    }
}
