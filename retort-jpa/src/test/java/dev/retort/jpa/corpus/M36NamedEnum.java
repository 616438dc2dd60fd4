package dev.retort.jpa.corpus;

import jakarta.persistence.*;

/** Corpus model: an enum mapped to a PostgreSQL enum type (@JdbcTypeCode(SqlTypes.NAMED_ENUM)). */
public final class M36NamedEnum {
    private M36NamedEnum() {}

    public enum Mood { HAPPY, SAD, CALM }

    @Entity(name = "diary")
    public static class Diary {
        @Id Long id;
        @Enumerated(EnumType.STRING)
        @org.hibernate.annotations.JdbcTypeCode(org.hibernate.type.SqlTypes.NAMED_ENUM)
        Mood mood;
    }
}
