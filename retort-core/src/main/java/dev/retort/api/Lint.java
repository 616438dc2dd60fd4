package dev.retort.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Lint rules this revision knowingly breaks ({@code @Lint(ignore = "drop-column")}): {@code retort lint} and the lint
 * pass of autogenerate and offline scripts leave them out. Read from the source text, so keep the values literals.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Lint {
    String[] ignore();
}
