package dev.retort.jpa.corpus;

import jakarta.persistence.*;
import java.time.*;
import java.util.*;

/** Corpus model: QuotedAndBidirectional. */
public final class M32QuotedAndBidirectional {
    private M32QuotedAndBidirectional() {}

    @Entity(name = "order_head") @Table(name = "\"OrderHead\"") public static class OrderHead {
        @Id Long id;
        @Column(name = "\"CustomerRef\"") String customerRef;
        @OneToMany(mappedBy = "order") List<OrderItem> items;
    }
    @Entity(name = "order_item") public static class OrderItem {
        @Id Long id;
        @ManyToOne @JoinColumn(name = "order_id") OrderHead order;
        String sku;
    }
}
