package dev.retort.jpa.corpus;

import jakarta.persistence.*;
import java.time.*;
import java.util.*;

/** Corpus model: Schemas. */
public final class M02Schemas {
    private M02Schemas() {}

    @Entity(name = "account") @Table(schema = "people") public static class Account {
        @Id Long id;
        String email;
    }
    @Entity(name = "scenario") @Table(schema = "stratsim") public static class Scenario {
        @Id Long id;
        @ManyToOne(optional = false) @JoinColumn(name = "owner_id") Account owner;
        String name;
    }
}
