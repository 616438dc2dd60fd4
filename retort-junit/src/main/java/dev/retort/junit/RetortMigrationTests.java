package dev.retort.junit;

import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Makes the annotated method stand for every check of {@link RetortTestKit}, each reported as a test of its own:
 *
 * <pre>
 * class MigrationsTest {
 *     &#64;RetortMigrationTests(config = "retort.toml")
 *     void migrations() { }
 * }
 * </pre>
 *
 * The method runs before each check (it may prepare the database, or do nothing).
 */
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@TestTemplate
@ExtendWith(RetortMigrationTestsExtension.class)
public @interface RetortMigrationTests {
    /** The project's retort.toml, relative to the working directory (Maven's: the module's folder). */
    String config() default "retort.toml";

    /**
     * The test database. Empty: the system property {@code retort.test.url}, else the environment variable
     * {@code RETORT_TEST_URL}, else a new in-memory H2 database per check. Never the project's own database.
     */
    String url() default "";
}
