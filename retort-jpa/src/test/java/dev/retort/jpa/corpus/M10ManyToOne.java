package dev.retort.jpa.corpus;

import jakarta.persistence.*;
import java.time.*;
import java.util.*;

/** Corpus model: ManyToOne. */
public final class M10ManyToOne {
    private M10ManyToOne() {}

    @Entity(name = "author") public static class Author {
        @Id Long id;
        String name;
    }
    @Entity(name = "book") public static class Book {
        @Id Long id;
        @ManyToOne @JoinColumn(name = "author_id", foreignKey = @ForeignKey(name = "fk_book_author")) Author author;
        @ManyToOne @JoinColumn(name = "editor_id") Author editor;
    }
}
