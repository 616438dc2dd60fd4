package dev.retort.jpa.corpus;

import jakarta.persistence.*;
import java.time.*;
import java.util.*;

/** Corpus model: Embedded. */
public final class M14Embedded {
    private M14Embedded() {}

    @Embeddable public static class Address {
        String street;
        @Column(length = 10) String zip;
        String city;
    }
    @Entity(name = "customer") public static class Customer {
        @Id Long id;
        @Embedded Address home;
        @Embedded @AttributeOverrides({@AttributeOverride(name = "street", column = @Column(name = "work_street")),
                @AttributeOverride(name = "zip", column = @Column(name = "work_zip", length = 10)),
                @AttributeOverride(name = "city", column = @Column(name = "work_city"))}) Address work;
    }
}
