package dev.retort.cli;

import org.junit.jupiter.api.Tag;
import dev.retort.testing.PgDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.ToolProvider;
import java.io.File;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * JPA entities with Bean Validation annotations, on a model classpath that carries the validation API (as the Maven
 * plugin's compile classpath does), with and without Hibernate Validator: Retort, which carries Hibernate itself, must
 * run (it crashed with NoClassDefFoundError: jakarta/validation/ValidatorFactory), and with a provider apply the
 * constraints' DDL as Hibernate does (@NotNull is NOT NULL, @Size(max = 80) is varchar(80)).
 */
@Tag("database")
class BeanValidationClasspathTest {
    @TempDir Path tmp;

    static String jarOf(Class<?> c) throws Exception { return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString(); }

    @Test
    void entitiesWithBeanValidationLoadWithAndWithoutAProvider() throws Exception {
        String api = jarOf(jakarta.validation.ValidatorFactory.class), persistence = jarOf(jakarta.persistence.Entity.class);
        String validator = jarOf(org.hibernate.validator.HibernateValidator.class), el = jarOf(org.glassfish.expressly.ExpressionFactoryImpl.class);
        Project p = new Project(tmp.resolve("p"));
        p.write("src/app/Signup.java", """
                package app;
                import jakarta.persistence.*;
                @Entity(name = "signup")
                public class Signup {
                    @Id Long id;
                    @jakarta.validation.constraints.NotNull String email;
                    @jakarta.validation.constraints.Size(max = 80) String name;
                }
                """);
        int compiled = ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", p.dir.resolve("classes").toString(),
                "-cp", api + File.pathSeparator + persistence, p.dir.resolve("src/app/Signup.java").toString());
        assertThat(compiled).isZero();
        p.write("migrations/versions/.keep", "");
        // the child JVM runs Retort as the CLI jar does, without the test's validator and EL jars: those are the models'
        String cp = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> !e.equals(validator) && !e.equals(el)).collect(Collectors.joining(File.pathSeparator));
        for (boolean provider : List.of(false, true)) {
            try (PgDatabase db = PgDatabase.create()) {
                String models = "\"classes\", \"" + api + "\"" + (provider ? ", \"" + validator + "\", \"" + el + "\"" : "");
                p.write("retort.toml", "script_location = \"migrations\"\n[models]\nentities = [\"app.Signup\"]\nclasspath = [" + models.replace("\\", "\\\\") + "]\n");
                Path log = tmp.resolve("run" + provider + ".log");
                List<Path> before = p.revisions();
                Process run = Processes.retortOn(cp, p.dir, Map.of("DATABASE_URL", db.url()), log, "revision", "--autogenerate", "-m", "signup").start();
                assertThat(run.waitFor(120, TimeUnit.SECONDS)).isTrue();
                String out = Processes.read(log);
                assertThat(run.exitValue()).as(out).isZero();
                String revision = p.newestRevision(before);
                assertThat(revision).contains("op.createTable(\"public\", \"signup\"");
                if (provider) {
                    assertThat(revision).as("Bean Validation's DDL, as Hibernate applies it").contains("t.column(\"email\", \"varchar(255)\").notNull();")
                            .contains("t.column(\"name\", \"varchar(80)\");");
                }
                p.clearRevisions();
            }
        }
    }
}
