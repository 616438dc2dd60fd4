package stratsim.spring;

import dev.retort.junit.RetortMigrationTests;

/**
 * The Retort test kit on this application's revisions and entities, each check on an in-memory H2 database of its
 * own: one head, upgrade then check clean, the stairway, downgrade to base, offline equals online.
 */
class MigrationsTest {
    @RetortMigrationTests(config = "src/test/resources/retort-kit.toml")
    void migrations() { }
}
