package dev.retort.jpa.corpus;

import jakarta.persistence.*;
import java.time.*;
import java.util.*;

/** Corpus model: Version. */
public final class M22Version {
    private M22Version() {}

    @Entity(name = "stock_item") public static class StockItem {
        @Id Long id;
        @Version long version;
        int quantity;
    }
    @Entity(name = "stock_move") public static class StockMove {
        @Id Long id;
        @Version Instant touched;
    }
}
