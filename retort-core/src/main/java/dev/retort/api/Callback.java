package dev.retort.api;

import java.sql.Connection;

/**
 * Java code run around migrations (Flyway's callbacks), listed under {@code callbacks} in retort.toml. Each event runs
 * on the migration's connection, under its lock: {@code BEFORE_MIGRATE} and {@code AFTER_MIGRATE} in a transaction of
 * their own, before the first revision and after the last (also when there is nothing to run);
 * {@code AFTER_EACH_REVISION} inside each revision's transaction, after its statements; {@code AFTER_MIGRATE_ERROR}
 * after a failed run has rolled back. A callback must not commit, roll back or close the connection.
 */
@FunctionalInterface
public interface Callback {
    enum Event {
        BEFORE_MIGRATE("beforeMigrate"), AFTER_EACH_REVISION("afterEachRevision"), AFTER_MIGRATE("afterMigrate"),
        AFTER_MIGRATE_ERROR("afterMigrateError");

        private final String fileName;

        Event(String fileName) { this.fileName = fileName; }

        /** The name an SQL callback file starts with: {@code migrations/callbacks/afterMigrate.sql}. */
        public String fileName() { return fileName; }
    }

    /**
     * What an event is about. {@code direction}: "upgrade" or "downgrade"; {@code revision} and {@code message}: the
     * revision just run (for {@code AFTER_EACH_REVISION}, else null); {@code error}: why the run failed (for
     * {@code AFTER_MIGRATE_ERROR}, else null).
     */
    record Context(Connection connection, String direction, String revision, String message, String error) {}

    void handle(Event event, Context context) throws Exception;
}
