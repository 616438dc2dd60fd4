package dev.retort.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The identity of a revision class. Retort reads it from the source text without compiling, so keep every value a
 * plain string literal (or an array of them).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Revision {
    String id();

    /** Parent revision ids: none for the first revision, two or more for a merge. */
    String[] parents() default {};

    String message() default "";

    /** ISO-8601 creation time. */
    String created() default "";

    /**
     * Names for the branch this revision starts (or belongs to): targets then say {@code billing@head},
     * {@code billing@-1}. Unique across the revision folder.
     */
    String[] branchLabels() default {};

    /**
     * Revisions (ids or branch labels) that must be applied before this one without being its parents: a dependency
     * on another branch, which stays a branch of its own.
     */
    String[] dependsOn() default {};

    /** False for revisions whose statements must run outside a transaction. */
    boolean transactional() default true;
}
