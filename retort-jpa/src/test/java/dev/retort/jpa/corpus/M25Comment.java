package dev.retort.jpa.corpus;

import jakarta.persistence.*;
import java.time.*;
import java.util.*;

/** Corpus model: Comment. */
public final class M25Comment {
    private M25Comment() {}

    @Entity(name = "warehouse") @org.hibernate.annotations.Comment("Where stock is kept") public static class Warehouse {
        @Id Long id;
        @org.hibernate.annotations.Comment("Shown to staff") String name;
    }
}
