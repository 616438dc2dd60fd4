package dev.retort.ops;

import java.sql.Connection;

/**
 * Java work inside a revision ({@code op.jdbc(...)}): it gets the revision's connection, inside the revision's transaction
 * where the revision has one. It must not commit, roll back or close the connection.
 */
@FunctionalInterface
public interface JdbcWork {
    void run(Connection connection) throws Exception;
}
