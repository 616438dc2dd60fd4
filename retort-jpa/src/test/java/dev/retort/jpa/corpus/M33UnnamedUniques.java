package dev.retort.jpa.corpus;

import jakarta.persistence.*;

/** Corpus model: unnamed @UniqueConstraint and @NaturalId, which PostgreSQL names itself from Hibernate's DDL. */
public final class M33UnnamedUniques {
    private M33UnnamedUniques() {}

    @Entity(name = "voucher")
    @Table(uniqueConstraints = @UniqueConstraint(columnNames = {"batch", "serial"}))
    public static class Voucher {
        @Id Long id;
        @org.hibernate.annotations.NaturalId String code;
        String batch;
        Integer serial;
    }
}
