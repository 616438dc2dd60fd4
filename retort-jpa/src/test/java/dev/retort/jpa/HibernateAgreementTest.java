package dev.retort.jpa;

import org.junit.jupiter.api.Tag;
import dev.retort.Retort;
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
@Tag("database")
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

            Path revision = upgradeFromEntities(classes, model, b.url());

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
            Retort onHibernates = Retort.create(new ConfigLoader(Map.of("DATABASE_URL", a.url())).load(tmp.resolve("retort.toml"), true, null));
            assertThat(onHibernates.check()).as("retort check on Hibernate's database").isEmpty();
        }
    }

    /**
     * The same models on H2 and MariaDB, which Hibernate supports too: Hibernate's create (A) and Retort's upgrade head
     * (B) read the same by Retort, Hibernate validates B, and Retort's check is clean on A. Left out where Hibernate
     * or Retort cannot: see {@link #otherDatabases}.
     */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("otherDatabases")
    void retortAndHibernateAgreeOn(String kind, String model) throws Exception {
        List<Class<?>> classes = mapped(model);
        boolean h2 = kind.equals("h2");
        dev.retort.testing.Db a = h2 ? new dev.retort.testing.H2File(tmp.resolve("a")) : dev.retort.testing.MariaDb.create();
        dev.retort.testing.Db b = h2 ? new dev.retort.testing.H2File(tmp.resolve("b")) : dev.retort.testing.MariaDb.create();
        try (a; b) {
            String jdbcA = h2 ? "jdbc:h2:file:" + tmp.resolve("a") + ";AUTO_SERVER=TRUE;DATABASE_TO_LOWER=TRUE"
                    : "jdbc:mariadb://" + dev.retort.testing.MariaDb.SERVER + "/" + ((dev.retort.testing.MariaDb) a).name();
            String jdbcB = h2 ? "jdbc:h2:file:" + tmp.resolve("b") + ";AUTO_SERVER=TRUE;DATABASE_TO_LOWER=TRUE"
                    : "jdbc:mariadb://" + dev.retort.testing.MariaDb.SERVER + "/" + ((dev.retort.testing.MariaDb) b).name();
            String user = h2 ? "" : "root"; // Retort opens H2 files without a user, so they are made without one
            hibernate(jdbcA, user, classes, naming(model), "create");

            Path revision = upgradeFromEntities(classes, model, b.url());
            Retort onHibernates = Retort.create(new ConfigLoader(Map.of("DATABASE_URL", a.url())).load(tmp.resolve("retort.toml"), true, null));
            assertThat(onHibernates.check()).as("retort check on Hibernate's database\n" + Files.readString(revision)).isEmpty();
            hibernate(jdbcB, user, classes, naming(model), "validate");
        }
    }

    /** A project whose models are the entities: autogenerates the first revision against {@code url}, upgrades, checks clean. */
    private Path upgradeFromEntities(List<Class<?>> classes, String model, String url) throws IOException {
        Path toml = tmp.resolve("retort.toml");
        Files.writeString(toml, "script_location = \"migrations\"\n[models]\nentities = ["
                + String.join(", ", classes.stream().map(c -> "\"" + c.getName() + "\"").toList()) + "]\nnaming = \"" + naming(model) + "\"\n");
        Files.createDirectories(tmp.resolve("migrations/versions"));
        Retort retort = Retort.create(new ConfigLoader(Map.of("DATABASE_URL", url)).load(toml, true, null));
        Path revision = retort.revision("create " + model, true).orElseThrow();
        retort.upgrade("head");
        assertThat(retort.check()).as("check after upgrade\n" + Files.readString(revision)).isEmpty();
        return revision;
    }

    static Stream<org.junit.jupiter.params.provider.Arguments> otherDatabases() {
        // M02: MariaDB's schemas are databases of the server, shared by every test; M07, M09: sequences, which Retort's
        // MySQL dialect does not manage; M08: MariaDB 10.7+ has uuid, which Hibernate's dialect, started without a
        // database, does not know; M35: collate "C" is PostgreSQL's; M36: NAMED_ENUM is PostgreSQL's
        Set<String> notOnMariaDb = Set.of("M02Schemas", "M07Sequence", "M08Uuid", "M09Auto", "M35ColumnDefinitionDetails", "M36NamedEnum");
        // and on H2: M07, M09: sequences, which Retort's H2 dialect does not manage yet; M24: Hibernate's own DDL fails
        // there (a column named day)
        Set<String> notOnH2 = Set.of("M07Sequence", "M09Auto", "M24JavaTime", "M35ColumnDefinitionDetails", "M36NamedEnum");
        return Stream.of("h2", "mysql").flatMap(kind -> models()
                .filter(m -> !(kind.equals("h2") ? notOnH2 : notOnMariaDb).contains(m))
                .map(m -> org.junit.jupiter.params.provider.Arguments.of(kind, m)));
    }

    /** Starts Hibernate on the database with the given hbm2ddl action (create or validate), then closes it. */
    static void hibernate(PgDatabase db, List<Class<?>> classes, String naming, String action) {
        hibernate(db.jdbcUrl(), "postgres", classes, naming, action);
    }

    static void hibernate(String jdbcUrl, String user, List<Class<?>> classes, String naming, String action) {
        StandardServiceRegistry registry = new StandardServiceRegistryBuilder()
                .applySetting("jakarta.persistence.jdbc.url", jdbcUrl)
                .applySetting("jakarta.persistence.jdbc.user", user)
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
