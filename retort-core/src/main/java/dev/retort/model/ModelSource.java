package dev.retort.model;

import java.util.function.Function;
import dev.retort.schema.Catalog;

import java.util.List;
import java.util.Map;

/**
 * Another way to declare models, found with {@link java.util.ServiceLoader}: {@code retort-jpa} reads JPA entities
 * through Hibernate's boot model. The catalog it gives uses the target dialect's type spellings.
 */
public interface ModelSource {
    /** The key under [models] in retort.toml that lists this source's classes or packages: "entities". */
    String key();

    /**
     * Reads the models. {@code classes} are class names, or packages written "com.example.*" (every candidate class under
     * it, as listed by {@code packageClasses}); {@code options} are the other [models] settings.
     */
    Catalog load(ClassLoader loader, List<String> classes, Function<String, List<String>> packageClasses,
                 Map<String, String> options, String dialect);
}
