package dev.retort.jpa.corpus;

import jakarta.persistence.*;
import java.time.*;
import java.util.*;

/** Corpus model: Identity. */
public final class M06Identity {
    private M06Identity() {}

    @Entity(name = "ticket") public static class Ticket {
        @Id @GeneratedValue(strategy = GenerationType.IDENTITY) Long id;
        String title;
    }
}
