package dev.retort.spring;

import dev.retort.Retort;
import dev.retort.api.RetortException;
import dev.retort.ops.Operation;
import org.springframework.beans.factory.InitializingBean;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Runs the upgrade while the application context starts: before the EntityManagerFactory, JdbcTemplate, R2DBC
 * ConnectionFactory and the like are made (they depend on this bean), and before any web server takes requests.
 * Then, when asked, compares the JPA entities with the database.
 */
public class RetortMigrationInitializer implements InitializingBean {
    /** The bean's name, which the users of the database are made to depend on. */
    public static final String BEAN_NAME = "retortMigrationInitializer";

    private final Retort retort;
    private final RetortProperties properties;
    private final Retort entityCheck;

    /** {@code entityCheck}: the Retort that compares the entities (null unless fail-on-pending-model-changes). */
    public RetortMigrationInitializer(Retort retort, RetortProperties properties, Retort entityCheck) {
        this.retort = retort;
        this.properties = properties;
        this.entityCheck = entityCheck;
    }

    @Override
    public void afterPropertiesSet() {
        retort.migrate(properties.getTarget(), true, !properties.isValidateOnMigrate());
        if (entityCheck == null) return;
        List<Operation> pending = entityCheck.check();
        if (!pending.isEmpty()) {
            String shown = pending.stream().limit(5).map(o -> o.getClass().getSimpleName() + " " + o.target()).collect(Collectors.joining(", "));
            throw new RetortException("the JPA entities differ from the database after 'upgrade " + properties.getTarget() + "': " + pending.size()
                    + " pending change(s) (" + shown + (pending.size() > 5 ? ", ..." : "") + "); write a revision with"
                    + " 'retort revision --autogenerate', or set retort.fail-on-pending-model-changes=false");
        }
    }
}
