package dev.retort.jpa.corpus;

import jakarta.persistence.*;

/** Corpus model: what a columnDefinition says beyond the type (a check, a unique key, a collation). */
public final class M35ColumnDefinitionDetails {
    private M35ColumnDefinitionDetails() {}

    @Entity(name = "hall")
    public static class Hall {
        @Id Long id;
        @Column(columnDefinition = "integer check (seats between 1 and 99)") Integer seats;
        @Column(columnDefinition = "varchar(17) unique") String vin;
        @Column(columnDefinition = "varchar(20) collate \"C\"") String code;
    }
}
