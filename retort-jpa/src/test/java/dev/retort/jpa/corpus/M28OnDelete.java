package dev.retort.jpa.corpus;

import jakarta.persistence.*;
import java.time.*;
import java.util.*;

/** Corpus model: OnDelete. */
public final class M28OnDelete {
    private M28OnDelete() {}

    @Entity(name = "folder") public static class Folder {
        @Id Long id;
    }
    @Entity(name = "file_entry") public static class FileEntry {
        @Id Long id;
        @ManyToOne(optional = false) @org.hibernate.annotations.OnDelete(action = org.hibernate.annotations.OnDeleteAction.CASCADE) Folder folder;
    }
}
