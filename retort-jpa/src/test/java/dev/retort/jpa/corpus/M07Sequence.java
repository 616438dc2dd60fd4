package dev.retort.jpa.corpus;

import jakarta.persistence.*;
import java.math.BigDecimal;
import java.time.*;
import java.util.*;

/** Corpus model: Sequence. */
public final class M07Sequence {
    private M07Sequence() {}

    @Entity(name = "invoice") public static class Invoice {
        @Id @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "invoice_gen")
        @SequenceGenerator(name = "invoice_gen", sequenceName = "invoice_no_seq", initialValue = 1000, allocationSize = 10)
        Long id;
        BigDecimal total;
    }
}
