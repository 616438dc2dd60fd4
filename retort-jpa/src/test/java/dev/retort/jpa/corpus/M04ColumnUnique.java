package dev.retort.jpa.corpus;

import jakarta.persistence.*;
import java.time.*;
import java.util.*;

/** Corpus model: ColumnUnique. */
public final class M04ColumnUnique {
    private M04ColumnUnique() {}

    @Entity(name = "member") public static class Member {
        @Id Long id;
        @Column(nullable = false, unique = true) String email;
        @Column(unique = true) String handle;
    }
}
