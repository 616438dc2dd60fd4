package dev.retort.jpa.corpus;

import jakarta.persistence.*;
import java.time.*;
import java.util.*;

/** Corpus model: ElementCollection. */
public final class M13ElementCollection {
    private M13ElementCollection() {}

    @Entity(name = "recipe") public static class Recipe {
        @Id Long id;
        @ElementCollection @CollectionTable(name = "recipe_tag", joinColumns = @JoinColumn(name = "recipe_id")) @Column(name = "tag") Set<String> tags;
        @ElementCollection List<String> steps;
    }
}
