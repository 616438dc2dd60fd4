package dev.retort.jpa.corpus;

import jakarta.persistence.*;
import java.time.*;
import java.util.*;

/** Corpus model: Lob. */
public final class M21Lob {
    private M21Lob() {}

    @Entity(name = "document") public static class Document {
        @Id Long id;
        @Lob String content;
        @Lob byte[] data;
        byte[] thumbnail;
    }
}
