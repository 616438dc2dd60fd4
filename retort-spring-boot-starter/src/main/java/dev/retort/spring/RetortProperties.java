package dev.retort.spring;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Retort's settings in a Spring Boot application ({@code retort.*}). */
@ConfigurationProperties(prefix = "retort")
public class RetortProperties {
    /** Whether to run 'upgrade' when the application starts. */
    private boolean enabled = true;

    /**
     * The database to migrate, in any form Retort accepts (jdbc:, postgresql://, r2dbc:, ...). Default:
     * spring.datasource.url, else the application's DataSource, else spring.r2dbc.url.
     */
    private String url;

    /** The user to log in as (default: the URL's, or spring.datasource.username / spring.r2dbc.username). */
    private String user;

    /** The password (default: the URL's, or spring.datasource.password / spring.r2dbc.password). */
    private String password;

    /**
     * Where the revisions are: a classpath folder holding versions/ (and callbacks/), packaged in the application, or
     * a folder on disk (file:migrations).
     */
    private String location = "classpath:db/retort";

    /** The revision to upgrade to. */
    private String target = "head";

    /** The schemas Retort manages (default: those the revisions and models use). */
    private List<String> schemas = new ArrayList<>();

    /** Whether to refuse to start when an applied revision changed since it was applied (checksums). */
    private boolean validateOnMigrate = true;

    /**
     * Whether to compare the JPA entities with the database after migrating, and refuse to start when they differ (a
     * stronger spring.jpa.hibernate.ddl-auto=validate). Needs retort-jpa on the classpath.
     */
    private boolean failOnPendingModelChanges = false;

    /**
     * The entities that fail-on-pending-model-changes compares: classes, or packages as "com.example.*". Default:
     * every @Entity in the application's packages.
     */
    private List<String> entities = new ArrayList<>();

    /** Values for ${name} in SQL revisions and callbacks, and op.arg("name") in Java revisions. */
    private Map<String, String> placeholders = new LinkedHashMap<>();

    /** How long to wait for the migration lock another replica holds. */
    private Duration lockTimeout = Duration.ofMinutes(5);

    /** Read and compare grants (PostgreSQL), as manage_grants in retort.toml; roles are never created or dropped. */
    private boolean manageGrants;

    /**
     * Which lint findings stop the start-up's upgrade before it runs, as lint_gate in retort.toml: "error" (a revision
     * that would drop a table or column holding rows, unless it says @Lint(ignore = ...)), "warning" or "off".
     */
    private String lintGate = "error";

    /** How long a revision's statement waits for a lock another session holds, as ddl_lock_timeout in retort.toml (0: the server's wait). */
    private Duration ddlLockTimeout = Duration.ofSeconds(10);

    public boolean isEnabled() { return enabled; }
    public void setEnabled(boolean enabled) { this.enabled = enabled; }
    public String getUrl() { return url; }
    public void setUrl(String url) { this.url = url; }
    public String getUser() { return user; }
    public void setUser(String user) { this.user = user; }
    public String getPassword() { return password; }
    public void setPassword(String password) { this.password = password; }
    public String getLocation() { return location; }
    public void setLocation(String location) { this.location = location; }
    public String getTarget() { return target; }
    public void setTarget(String target) { this.target = target; }
    public List<String> getSchemas() { return schemas; }
    public void setSchemas(List<String> schemas) { this.schemas = schemas; }
    public boolean isValidateOnMigrate() { return validateOnMigrate; }
    public void setValidateOnMigrate(boolean validateOnMigrate) { this.validateOnMigrate = validateOnMigrate; }
    public boolean isFailOnPendingModelChanges() { return failOnPendingModelChanges; }
    public void setFailOnPendingModelChanges(boolean fail) { this.failOnPendingModelChanges = fail; }
    public List<String> getEntities() { return entities; }
    public void setEntities(List<String> entities) { this.entities = entities; }
    public Map<String, String> getPlaceholders() { return placeholders; }
    public void setPlaceholders(Map<String, String> placeholders) { this.placeholders = placeholders; }
    public Duration getLockTimeout() { return lockTimeout; }
    public void setLockTimeout(Duration lockTimeout) { this.lockTimeout = lockTimeout; }
    public boolean isManageGrants() { return manageGrants; }
    public void setManageGrants(boolean manageGrants) { this.manageGrants = manageGrants; }
    public String getLintGate() { return lintGate; }
    public void setLintGate(String lintGate) { this.lintGate = lintGate; }
    public Duration getDdlLockTimeout() { return ddlLockTimeout; }
    public void setDdlLockTimeout(Duration ddlLockTimeout) { this.ddlLockTimeout = ddlLockTimeout; }
}
