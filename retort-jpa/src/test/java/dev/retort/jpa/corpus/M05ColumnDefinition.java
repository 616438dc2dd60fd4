package dev.retort.jpa.corpus;

import jakarta.persistence.*;
import java.time.*;
import java.util.*;

/** Corpus model: ColumnDefinition. */
public final class M05ColumnDefinition {
    private M05ColumnDefinition() {}

    @Entity(name = "note") public static class Note {
        @Id Long id;
        @Column(columnDefinition = "text") String body;
        @Column(columnDefinition = "varchar(20) default 'draft' not null") String state;
    }
}
