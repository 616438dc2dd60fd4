import org.flywaydb.core.Flyway;

/** Flyway's migrate through its API (the command line is a separate download): java FlywayMigrate JDBC_URL USER DIR */
public class FlywayMigrate {
    public static void main(String[] args) {
        Flyway.configure().dataSource(args[0], args[1], "").locations("filesystem:" + args[2]).load().migrate();
    }
}
