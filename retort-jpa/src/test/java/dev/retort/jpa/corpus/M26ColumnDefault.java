package dev.retort.jpa.corpus;

import jakarta.persistence.*;
import java.time.*;
import java.util.*;

/** Corpus model: ColumnDefault. */
public final class M26ColumnDefault {
    private M26ColumnDefault() {}

    @Entity(name = "setting") public static class Setting {
        @Id Long id;
        @org.hibernate.annotations.ColumnDefault("0") int retries;
        @org.hibernate.annotations.ColumnDefault("'en'") String locale;
        @org.hibernate.annotations.ColumnDefault("true") Boolean enabled;
    }
}
