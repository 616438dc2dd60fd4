package dev.retort.jpa.corpus;

import jakarta.persistence.*;
import java.time.*;
import java.util.*;

/** Corpus model: Uuid. */
public final class M08Uuid {
    private M08Uuid() {}

    @Entity(name = "device") public static class Device {
        @Id @GeneratedValue(strategy = GenerationType.UUID) UUID id;
        String label;
    }
}
