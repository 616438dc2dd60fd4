package dev.retort.junit;

/** Run only through the JUnit engine by {@link TestKitTest}: the kit on a project whose downgrade is wrong. */
class BrokenRevisionsFixture {
    @RetortMigrationTests(config = "src/test/resources/broken/retort.toml")
    void migrations() { }
}
