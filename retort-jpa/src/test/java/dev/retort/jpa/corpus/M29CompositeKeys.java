package dev.retort.jpa.corpus;

import jakarta.persistence.*;
import java.time.*;
import java.util.*;

/** Corpus model: CompositeKeys. */
public final class M29CompositeKeys {
    private M29CompositeKeys() {}

    @Embeddable public static class LineId implements java.io.Serializable {
        @Column(name = "order_no") Long orderNo;
        @Column(name = "line_no") Integer lineNo;
        public boolean equals(Object o) { return o instanceof LineId l && Objects.equals(orderNo, l.orderNo) && Objects.equals(lineNo, l.lineNo); }
        public int hashCode() { return Objects.hash(orderNo, lineNo); }
    }
    @Entity(name = "order_line") public static class OrderLine {
        @EmbeddedId LineId id;
        int quantity;
    }
    public static class GradeId implements java.io.Serializable {
        Long student;
        String term;
        public boolean equals(Object o) { return o instanceof GradeId g && Objects.equals(student, g.student) && Objects.equals(term, g.term); }
        public int hashCode() { return Objects.hash(student, term); }
    }
    @Entity(name = "grade") @IdClass(GradeId.class) public static class Grade {
        @Id Long student;
        @Id String term;
        String mark;
    }
}
