package dev.retort.jpa.corpus;

import jakarta.persistence.*;

/** Corpus model: unnamed checks on a column and on the table, which PostgreSQL names <table>_<column>_check, <table>_check, <table>_check1. */
public final class M34Checks {
    private M34Checks() {}

    @Entity(name = "seat_plan")
    @org.hibernate.annotations.Check(constraints = "rows_count > 0")
    @org.hibernate.annotations.Check(constraints = "rows_count < 500")
    public static class SeatPlan {
        @Id Long id;
        @Column(name = "rows_count") int rowsCount;
        @org.hibernate.annotations.Check(constraints = "seats >= 0") int seats;
    }
}
