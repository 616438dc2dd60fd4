package dev.retort.jpa.corpus;

import jakarta.persistence.*;
import java.math.BigDecimal;
import java.time.*;
import java.util.*;

/** Corpus model: Joined. */
public final class M17Joined {
    private M17Joined() {}

    @Entity(name = "payment") @Inheritance(strategy = InheritanceType.JOINED) public static class Payment {
        @Id Long id;
        BigDecimal amount;
    }
    @Entity(name = "card_payment") public static class CardPayment extends Payment {
        String last4;
    }
    @Entity(name = "bank_payment") public static class BankPayment extends Payment {
        String iban;
    }
}
