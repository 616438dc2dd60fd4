package dev.retort.jpa.corpus;

import jakarta.persistence.*;
import java.time.*;
import java.util.*;

/** Corpus model: Auto. */
public final class M09Auto {
    private M09Auto() {}

    @Entity(name = "visit") public static class Visit {
        @Id @GeneratedValue Long id;
        Instant at;
    }
}
