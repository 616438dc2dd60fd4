package dev.retort.jpa;

import dev.retort.api.Retort;
import dev.retort.compare.Compare;
import dev.retort.compare.CompareOptions;
import dev.retort.config.ConfigLoader;
import dev.retort.dialect.Filter;
import dev.retort.dialect.postgres.PostgresDialect;
import dev.retort.ops.Operation;
import dev.retort.testing.PgDatabase;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Entity;
import jakarta.persistence.MappedSuperclass;
import org.hibernate.SessionFactory;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * For each corpus model: Hibernate's own schema export creates database A; Retort autogenerates a revision from the
 * entities and upgrades an empty database B; A and B have the same catalog (Retort's reading and pg_dump's agree);
 * and Hibernate started with hbm2ddl.auto=validate on B succeeds.
 */
class HibernateAgreementTest {
    static final String PACKAGE = "dev.retort.jpa.corpus.";
    static final PostgresDialect PG = new PostgresDialect();

    @TempDir Path tmp;

    static Stream<String> models() {
        return Stream.of("M01Basic", "M02Schemas", "M03TableIndexes", "M04ColumnUnique", "M05ColumnDefinition", "M06Identity",
                "M07Sequence", "M08Uuid", "M09Auto", "M10ManyToOne", "M11OneToOne", "M12ManyToMany", "M13ElementCollection",
                "M14Embedded", "M15MappedSuperclass", "M16SingleTable", "M17Joined", "M18TablePerClass", "M19EnumString",
                "M20EnumOrdinal", "M21Lob", "M22Version", "M23Convert", "M24JavaTime", "M25Comment", "M26ColumnDefault",
                "M27BeanValidation", "M28OnDelete", "M29CompositeKeys", "M30OneToManyJoinColumn", "M31SpringNaming",
                "M32QuotedAndBidirectional", "M33UnnamedUniques", "M34Checks", "M35ColumnDefinitionDetails", "M36NamedEnum");
    }

    static List<Class<?>> mapped(String model) throws ClassNotFoundException {
        List<Class<?>> out = new ArrayList<>();
        for (Class<?> c : Class.forName(PACKAGE + model).getDeclaredClasses()) {
            if (c.isAnnotationPresent(Entity.class) || c.isAnnotationPresent(Embeddable.class) || c.isAnnotationPresent(MappedSuperclass.class)) out.add(c);
        }
        out.sort(java.util.Comparator.comparing(Class::getName));
        return out;
    }

    static String naming(String model) { return model.equals("M31SpringNaming") ? "spring" : "jpa"; }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void retortAndHibernateAgree(String model) throws Exception {
        List<Class<?>> classes = mapped(model);
        try (PgDatabase a = PgDatabase.create(); PgDatabase b = PgDatabase.create()) {
            hibernate(a, classes, naming(model), "create");

            Path toml = tmp.resolve("retort.toml");
            Files.writeString(toml, "script_location = \"migrations\"\n[models]\nentities = ["
                    + String.join(", ", classes.stream().map(c -> "\"" + c.getName() + "\"").toList()) + "]\nnaming = \"" + naming(model) + "\"\n");
            Files.createDirectories(tmp.resolve("migrations/versions"));
            Retort retort = Retort.create(new ConfigLoader(Map.of("DATABASE_URL", b.url())).load(toml, true, null));
            Path revision = retort.revision("create " + model, true).orElseThrow();
            retort.upgrade("head");
            assertThat(retort.check()).as("check after upgrade").isEmpty();

            Filter all = Filter.schemas(List.of()).ignoring(List.of("public.retort_version", "public.retort_version_history"));
            try (Connection ca = a.connect(); Connection cb = b.connect()) {
                List<Operation> diff = new Compare(PG, new CompareOptions(true, true)).compare(PG.inspect(ca, all), PG.inspect(cb, all));
                assertThat(diff).as("Retort's diff of Hibernate's schema (A) and Retort's (B)\n" + Files.readString(revision)).isEmpty();
            }
            // Hibernate also makes server-wide implicit casts between varchar and a NAMED_ENUM type; Retort manages schemas,
            // not casts (the README says so), and Hibernate binds such values as OTHER, so it does not need them
            assertThat(dump(b)).as("pg_dump of B vs A").isEqualTo(dump(a).stream().filter(l -> !l.startsWith("CREATE CAST (")).toList());

            hibernate(b, classes, naming(model), "validate");
            // and the other way: Retort finds nothing to change in the database Hibernate made
            Retort onHibernates = Retort.create(new ConfigLoader(Map.of("DATABASE_URL", a.url())).load(toml, true, null));
            assertThat(onHibernates.check()).as("retort check on Hibernate's database").isEmpty();
        }
    }

    /** Starts Hibernate on the database with the given hbm2ddl action (create or validate), then closes it. */
    static void hibernate(PgDatabase db, List<Class<?>> classes, String naming, String action) {
        StandardServiceRegistry registry = new StandardServiceRegistryBuilder()
                .applySetting("jakarta.persistence.jdbc.url", db.jdbcUrl())
                .applySetting("jakarta.persistence.jdbc.user", "postgres")
                .applySetting("jakarta.persistence.jdbc.password", "")
                .applySetting("hibernate.hbm2ddl.auto", action)
                .applySetting("hibernate.hbm2ddl.create_namespaces", "true")
                .applySetting("hibernate.show_sql", "false")
                .build();
        try {
            MetadataSources sources = new MetadataSources(registry);
            classes.forEach(sources::addAnnotatedClass);
            var builder = sources.getMetadataBuilder();
            JpaModelSource.applyNaming(builder, naming);
            try (SessionFactory ignored = builder.build().buildSessionFactory()) {
                // started: the schema was created, or validated
            }
        } finally {
            StandardServiceRegistryBuilder.destroy(registry);
        }
    }

    static List<String> dump(PgDatabase db) throws IOException, InterruptedException {
        String[] hp = PgDatabase.SERVER.split(":");
        Process p = new ProcessBuilder("pg_dump", "--schema-only", "--no-owner", "--no-privileges", "-T", "public.retort_version*",
                "-h", hp[0], "-p", hp[1], "-U", "postgres", db.name()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).isZero();
        return out.lines().map(String::strip).map(l -> l.endsWith(",") ? l.substring(0, l.length() - 1) : l)
                .filter(l -> !l.isEmpty() && !l.startsWith("--") && !l.startsWith("\\") && !l.startsWith("SET ") && !l.startsWith("SELECT pg_catalog"))
                .sorted().toList();
    }
}
