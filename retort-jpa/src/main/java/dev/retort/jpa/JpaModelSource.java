package dev.retort.jpa;

import jakarta.persistence.Converter;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Entity;
import jakarta.persistence.MappedSuperclass;
import java.util.logging.Level;
import java.util.logging.Logger;
import dev.retort.api.RetortException;
import dev.retort.model.ModelSource;
import dev.retort.schema.Catalog;
import org.hibernate.SessionFactory;
import org.hibernate.boot.Metadata;
import org.hibernate.boot.MetadataBuilder;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.model.naming.CamelCaseToUnderscoresNamingStrategy;
import org.hibernate.boot.registry.BootstrapServiceRegistryBuilder;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.boot.spi.MetadataImplementor;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * JPA entities as models: Hibernate ORM boots its mapping model from the entity classes, without a database, and
 * Retort reads the tables Hibernate would create from it. So Retort and Hibernate's own schema export and validation
 * agree, naming strategies and Bean Validation's DDL constraints included.
 */
public final class JpaModelSource implements ModelSource {
    @Override
    public String key() { return "entities"; }

    @Override
    public Catalog load(ClassLoader loader, List<String> entries, Function<String, List<String>> packageClasses,
                        Map<String, String> options, String dialect) {
        List<Class<?>> classes = resolve(loader, entries, packageClasses);
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        // Hibernate's start-up notes (version, no connection provider, ...) are noise here: it starts without a database on purpose
        Logger hibernateLog = Logger.getLogger("org.hibernate");
        Level level = hibernateLog.getLevel();
        hibernateLog.setLevel(Level.SEVERE);
        try {
            return build(loader, classes, options, dialect);
        } finally {
            hibernateLog.setLevel(level);
            thread.setContextClassLoader(previous);
        }
    }

    private static Catalog build(ClassLoader loader, List<Class<?>> classes, Map<String, String> options, String dialect) {
        StandardServiceRegistry registry = new StandardServiceRegistryBuilder(
                new BootstrapServiceRegistryBuilder().applyClassLoader(loader).build())
                .applySetting("hibernate.dialect", options.containsKey("hibernate_dialect") ? options.get("hibernate_dialect") : hibernateDialect(dialect))
                .applySetting("hibernate.boot.allow_jdbc_metadata_access", "false")
                .applySetting("hibernate.temp.use_jdbc_metadata_defaults", "false")
                .applySetting("hibernate.hbm2ddl.auto", "none")
                .applySetting("hibernate.connection.handling_mode", "DELAYED_ACQUISITION_AND_RELEASE_AFTER_TRANSACTION")
                .build();
        try {
            MetadataSources sources = new MetadataSources(registry);
            classes.forEach(sources::addAnnotatedClass);
            MetadataBuilder builder = sources.getMetadataBuilder();
            applyNaming(builder, options.getOrDefault("naming", "jpa"));
            Metadata metadata;
            try {
                metadata = builder.build();
                // integrators (Bean Validation's DDL constraints among them) finish the mapping when the session
                // factory starts; it starts here without a database and is closed at once
                try (SessionFactory ignored = metadata.buildSessionFactory()) {
                    // nothing to do
                }
            } catch (RuntimeException e) {
                throw new RetortException("JPA mapping error: " + firstLine(e), e);
            }
            return new HibernateCatalog((MetadataImplementor) metadata).read();
        } finally {
            StandardServiceRegistryBuilder.destroy(registry);
        }
    }

    static void applyNaming(MetadataBuilder builder, String naming) {
        switch (naming) {
            case "jpa" -> { }
            case "spring" -> {
                builder.applyPhysicalNamingStrategy(new CamelCaseToUnderscoresNamingStrategy());
                builder.applyImplicitNamingStrategy(new SpringImplicitNamingStrategy());
            }
            default -> throw new RetortException("[models] naming must be \"jpa\" or \"spring\", not \"" + naming + "\"");
        }
    }

    /** Hibernate's dialect for the database the URL names; [models] hibernate_dialect overrides it. */
    static String hibernateDialect(String dialect) {
        return switch (dialect) {
            case "postgresql" -> "org.hibernate.dialect.PostgreSQLDialect";
            case "h2" -> "org.hibernate.dialect.H2Dialect";
            case "mysql" -> "org.hibernate.dialect.MariaDBDialect";
            default -> throw new RetortException("no Hibernate dialect in Hibernate ORM for " + dialect
                    + " (SQLite's is in hibernate-community-dialects); set [models] hibernate_dialect to one on the model classpath");
        };
    }

    private static List<Class<?>> resolve(ClassLoader loader, List<String> entries, Function<String, List<String>> packageClasses) {
        Set<Class<?>> out = new LinkedHashSet<>();
        for (String entry : entries) {
            List<String> names = entry.endsWith(".*") ? packageClasses.apply(entry.substring(0, entry.length() - 2)) : List.of(entry);
            List<Class<?>> found = new ArrayList<>();
            for (String n : names) {
                Class<?> c;
                try {
                    c = Class.forName(n, false, loader);
                } catch (ClassNotFoundException e) {
                    throw new RetortException("entity class " + n + " is not on the model classpath");
                } catch (LinkageError e) {
                    throw new RetortException("entity class " + n + " fails to load: " + e, e);
                }
                if (isMapped(c)) {
                    requireLinkable(c);
                    found.add(c);
                }
                else if (!entry.endsWith(".*")) throw new RetortException("class " + n + " is not a JPA entity, embeddable or mapped superclass");
            }
            if (entry.endsWith(".*") && found.stream().noneMatch(c -> c.isAnnotationPresent(Entity.class))) {
                throw new RetortException("no JPA entity in package '" + entry + "': no class annotated @Entity found there");
            }
            out.addAll(found);
        }
        if (out.stream().noneMatch(c -> c.isAnnotationPresent(Entity.class))) {
            throw new RetortException("no JPA entity among " + entries + ": no class annotated @Entity");
        }
        return List.copyOf(out);
    }

    /** Resolves what the class's fields and methods refer to, so a missing library is named with the entity that needs it. */
    private static void requireLinkable(Class<?> c) {
        try {
            c.getDeclaredFields();
            c.getDeclaredMethods();
        } catch (LinkageError e) {
            String missing = String.valueOf(e.getMessage()).replace('/', '.');
            throw new RetortException("entity class " + c.getName() + " needs " + missing + ", which is not on the model classpath ("
                    + e.getClass().getSimpleName() + "); add the dependency", e);
        }
    }

    private static boolean isMapped(Class<?> c) {
        try {
            return c.isAnnotationPresent(Entity.class) || c.isAnnotationPresent(Embeddable.class)
                    || c.isAnnotationPresent(MappedSuperclass.class) || c.isAnnotationPresent(Converter.class);
        } catch (LinkageError e) {
            throw new RetortException("class " + c.getName() + " fails to load: " + e, e);
        }
    }

    static String firstLine(Throwable e) {
        Throwable t = e;
        String msg = String.valueOf(t.getMessage());
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
            if (t.getMessage() != null) msg = msg + ": " + t.getMessage();
        }
        return msg.lines().findFirst().orElse(msg);
    }
}
