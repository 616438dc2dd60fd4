package dev.retort.jpa.corpus;

import jakarta.persistence.*;
import java.time.*;
import java.util.*;

/** Corpus model: SingleTable. */
public final class M16SingleTable {
    private M16SingleTable() {}

    @Entity(name = "vehicle") @Inheritance(strategy = InheritanceType.SINGLE_TABLE) @DiscriminatorColumn(name = "kind")
    public static class Vehicle {
        @Id Long id;
        String make;
    }
    @Entity(name = "car") @DiscriminatorValue("car") public static class Car extends Vehicle {
        int doors;
    }
    @Entity(name = "truck") @DiscriminatorValue("truck") public static class Truck extends Vehicle {
        Double payload;
    }
}
