package stratsim.r2dbc.revisions;

import dev.retort.api.Migration;
import dev.retort.api.Operations;
import dev.retort.api.Revision;

import java.util.concurrent.atomic.AtomicInteger;

// Named after its public class, as javac wants. Not a plain revision (it has a field and a statement that is no call on op): Retort would compile it, which needs a
// JDK. The application compiles it too (pom.xml adds this folder as a source root), so Retort runs the application's
// own class, on a runtime without a compiler as well.
@Revision(
        id = "c41d7e9a0b35",
        parents = "8f3b6d21c4e7",
        message = "count runs per scenario",
        created = "2026-12-03T09:15:00Z")
public class Rc41d7e9a0b35 implements Migration {
    /** How often this class was asked for its upgrade in this JVM (the application's test reads it). */
    public static final AtomicInteger UPGRADES = new AtomicInteger();

    @Override
    public void upgrade(Operations op) {
        UPGRADES.incrementAndGet();
        op.addColumn("stratsim", "scenario", "runs", "integer").notNull().defaultValue("0");
    }

    @Override
    public void downgrade(Operations op) {
        op.dropColumn("stratsim", "scenario", "runs");
    }
}
