package dev.retort.maven;

import org.apache.maven.artifact.DependencyResolutionRequiredException;
import dev.retort.cli.Main;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.project.MavenProject;
import dev.retort.config.Secrets;

import java.io.File;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs one Retort command in the project folder, with the project's compiled classes and compile dependencies as the
 * model classpath. The goals translate their parameters into the command line; they decide nothing themselves.
 */
abstract class RetortMojo extends AbstractMojo {
    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    MavenProject project;

    /** The configuration file, relative to the project folder. */
    @Parameter(property = "retort.config", defaultValue = "retort.toml")
    String config;

    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    MavenSession session;

    /**
     * The database URL: {@code -Dretort.url=...} or a {@code retort.url} project property; when unset, RETORT_URL,
     * DATABASE_URL or the file's url apply. Read here rather than as a mojo parameter, which Maven's -X output would
     * print with its password; the log shows it masked.
     */
    String url() { return secretProperty("retort.url"); }

    /**
     * A property that may hold a password (a database URL): from -D, else the project's properties; logged masked at
     * debug level, and never a mojo parameter, which Maven's -X output prints as it is.
     */
    String secretProperty(String name) {
        String u = session.getUserProperties().getProperty(name);
        if (u == null) u = project.getProperties().getProperty(name);
        if (u != null) getLog().debug(name + " = " + Secrets.maskUrl(u));
        return u;
    }

    @Parameter(property = "retort.skip", defaultValue = "false")
    boolean skip;

    /**
     * The id of a {@code <server>} in settings.xml whose username and password (decrypted as Maven decrypts them) log in
     * to the database, so the URL can go without them: Maven's -X output prints every property and environment
     * variable (a password in DATABASE_URL, in -Dretort.url or in any variable), never a server's password.
     */
    @Parameter(property = "retort.serverId")
    String serverId;

    /** A file holding the database password (its first line), for the same reason; a Docker or Kubernetes secret file. */
    @Parameter(property = "retort.passwordFile")
    File passwordFile;

    @Parameter(defaultValue = "${settings}", readonly = true)
    org.apache.maven.settings.Settings settings;

    @org.apache.maven.plugins.annotations.Component
    org.apache.maven.settings.crypto.SettingsDecrypter decrypter;

    /** The environment Retort runs with: Maven's, and the login given apart from the URL as RETORT_USER and RETORT_PASSWORD. */
    private java.util.Map<String, String> environment() throws MojoExecutionException {
        java.util.Map<String, String> env = new java.util.HashMap<>(System.getenv());
        if (serverId != null && !serverId.isBlank()) {
            org.apache.maven.settings.Server server = settings == null ? null : settings.getServer(serverId);
            if (server == null) throw new MojoExecutionException("retort.serverId " + serverId + ": settings.xml has no <server> with that id");
            var decrypted = decrypter.decrypt(new org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest(server));
            if (!decrypted.getProblems().isEmpty()) {
                throw new MojoExecutionException("retort.serverId " + serverId + ": cannot decrypt its password: " + decrypted.getProblems().get(0).getMessage());
            }
            server = decrypted.getServer();
            if (server.getUsername() != null) env.put("RETORT_USER", server.getUsername());
            if (server.getPassword() != null) env.put("RETORT_PASSWORD", server.getPassword());
        }
        if (passwordFile != null) {
            try {
                String first = java.nio.file.Files.readAllLines(passwordFile.toPath()).stream().findFirst().orElse("");
                env.put("RETORT_PASSWORD", first);
            } catch (java.io.IOException e) {
                throw new MojoExecutionException("retort.passwordFile " + passwordFile + " cannot be read: " + e.getMessage(), e);
            }
        }
        return env;
    }

    /** The command and its arguments, after the global options. */
    abstract List<String> command();

    /** Exit code 1 means "differences found" for check; for every other goal it is a failure too. */
    String failureMessage(int exit) { return "retort " + command().get(0) + " failed (exit " + exit + "); see the error above"; }

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("Retort skipped");
            return;
        }
        List<String> args = new ArrayList<>();
        args.add("-c");
        args.add(config);
        String url = url();
        if (url != null) { // an empty one is Retort's to refuse, naming it
            args.add("--url");
            args.add(url);
        }
        String cp = classpath();
        if (!cp.isEmpty()) {
            args.add("--classpath");
            args.add(cp);
        }
        args.addAll(command());
        int exit = Main.run(args.toArray(String[]::new), System.out, System.err, environment(), project.getBasedir().toPath());
        if (exit != 0) throw new MojoFailureException(failureMessage(exit));
    }

    private String classpath() throws MojoExecutionException {
        try {
            List<String> entries = new ArrayList<>();
            for (String e : project.getCompileClasspathElements()) if (new File(e).exists()) entries.add(e);
            return String.join(File.pathSeparator, entries);
        } catch (DependencyResolutionRequiredException e) {
            throw new MojoExecutionException("cannot resolve the project's compile classpath: " + e.getMessage(), e);
        }
    }
}
