package dev.retort.jpa.corpus;

import jakarta.persistence.*;
import java.time.*;
import java.util.*;

/** Corpus model: EnumString. */
public final class M19EnumString {
    private M19EnumString() {}

    public enum Status { ACTIVE, SUSPENDED, CLOSED }
    @Entity(name = "subscription") public static class Subscription {
        @Id Long id;
        @Enumerated(EnumType.STRING) Status status;
        @Enumerated(EnumType.STRING) @Column(length = 20, nullable = false) Status previous;
    }
}
