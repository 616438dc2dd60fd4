package dev.retort.jpa.corpus;

import jakarta.persistence.*;
import java.time.*;
import java.util.*;

/** Corpus model: OneToOne. */
public final class M11OneToOne {
    private M11OneToOne() {}

    @Entity(name = "person") public static class Person {
        @Id Long id;
        @OneToOne @JoinColumn(name = "passport_id") Passport passport;
    }
    @Entity(name = "passport") public static class Passport {
        @Id Long id;
        String number;
    }
}
