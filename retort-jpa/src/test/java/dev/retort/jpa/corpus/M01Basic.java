package dev.retort.jpa.corpus;

import jakarta.persistence.*;
import java.math.BigDecimal;
import java.time.*;
import java.util.*;

/** Corpus model: Basic. */
public final class M01Basic {
    private M01Basic() {}

    @Entity(name = "product") public static class Product {
        @Id Long id;
        String name;
        int stock;
        long views;
        boolean active;
        Boolean featured;
        double rating;
        @Column(precision = 10, scale = 2) BigDecimal price;
        @Column(length = 40, nullable = false) String sku;
        short rank;
        float weight;
        char grade;
        byte flags;
    }
}
