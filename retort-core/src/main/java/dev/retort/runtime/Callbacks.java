package dev.retort.runtime;

import dev.retort.api.Callback;
import dev.retort.api.Callback.Event;
import dev.retort.api.RetortException;
import dev.retort.ops.Operation;
import dev.retort.script.SqlScript;

import java.io.IOException;
import java.sql.SQLException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The callbacks of a project: SQL files in {@code migrations/callbacks/} named after their event
 * ({@code beforeMigrate.sql}, {@code afterMigrate__refresh_views.sql}), run in file-name order, then the Java classes
 * listed under {@code callbacks} in retort.toml, in their order. Each becomes operations: SQL statements, and Java
 * steps that an offline script replaces with a comment.
 */
public final class Callbacks {
    public static final Callbacks NONE = new Callbacks(List.of(), List.of());

    private record SqlFile(Path file, Event event, String text) {}

    private record JavaCallback(String className, Callback callback) {}

    /** One thing to run for an event, and where it comes from (a file or a class), for messages. */
    public record Item(String source, Operation operation) {}

    private final List<SqlFile> files;
    private final List<JavaCallback> classes;

    private Callbacks(List<SqlFile> files, List<JavaCallback> classes) {
        this.files = files;
        this.classes = classes;
    }

    /**
     * Reads {@code dir} (if it exists) and instantiates the named classes through {@code loader} (asked for only when
     * classes are named). A file or class that is not a callback fails, naming it.
     */
    public static Callbacks load(Path dir, List<String> classNames, Supplier<ClassLoader> loader) {
        List<SqlFile> files = new ArrayList<>();
        if (Files.isDirectory(dir)) {
            List<Path> found;
            try (Stream<Path> s = Files.list(dir)) {
                found = s.filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
            } catch (IOException e) {
                throw new RetortException("cannot read the callback folder " + dir + ": " + e.getMessage(), e);
            }
            for (Path p : found) files.add(sqlFile(p));
        }
        List<JavaCallback> classes = new ArrayList<>();
        if (!classNames.isEmpty()) {
            ClassLoader l = loader.get();
            for (String name : classNames) classes.add(new JavaCallback(name, instantiate(name, l)));
        }
        return files.isEmpty() && classes.isEmpty() ? NONE : new Callbacks(List.copyOf(files), List.copyOf(classes));
    }

    private static SqlFile sqlFile(Path p) {
        String name = p.getFileName().toString();
        String stem = name.endsWith(".sql") ? name.substring(0, name.length() - 4) : null;
        String eventName = stem == null ? null : stem.contains("__") ? stem.substring(0, stem.indexOf("__")) : stem;
        Event event = Arrays.stream(Event.values()).filter(e -> e.fileName().equals(eventName)).findFirst().orElse(null);
        if (event == null || !Files.isRegularFile(p)) {
            throw new RetortException(p + ": not a callback: callback files are named EVENT.sql or EVENT__description.sql, EVENT one of "
                    + Arrays.stream(Event.values()).map(Event::fileName).collect(Collectors.joining(", ")));
        }
        try {
            return new SqlFile(p, event, Files.readString(p, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new RetortException(p + ": cannot read callback: " + e.getMessage(), e);
        }
    }

    private static Callback instantiate(String name, ClassLoader loader) {
        try {
            Class<?> type = Class.forName(name, true, loader);
            if (!Callback.class.isAssignableFrom(type)) {
                throw new RetortException("callback class " + name + " does not implement dev.retort.api.Callback");
            }
            var ctor = type.getDeclaredConstructor();
            ctor.setAccessible(true);
            return (Callback) ctor.newInstance();
        } catch (ClassNotFoundException e) {
            throw new RetortException("callback class " + name + " is not on the model classpath (retort.toml [models] classpath or sources)", e);
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new RetortException("callback class " + name + " cannot be made: " + ModelLoader.describe(e), e);
        }
    }

    public boolean isEmpty() { return files.isEmpty() && classes.isEmpty(); }

    /** These callbacks and, after the listed classes, the given instances (a Spring application's Callback beans). */
    public Callbacks with(List<Callback> more) {
        if (more.isEmpty()) return this;
        List<JavaCallback> all = new ArrayList<>(classes);
        for (Callback c : more) all.add(new JavaCallback(c.getClass().getName(), c));
        return new Callbacks(files, List.copyOf(all));
    }

    public boolean has(Event e) {
        return files.stream().anyMatch(f -> f.event() == e) || !classes.isEmpty();
    }

    /**
     * What to run for an event: each SQL file's statements (placeholders filled from {@code args}), then each class.
     * {@code revision}/{@code message}: the revision just run, for {@code AFTER_EACH_REVISION}; {@code error}: for
     * {@code AFTER_MIGRATE_ERROR}.
     */
    public List<Item> items(Event event, String direction, String revision, String message, String error, Map<String, String> args,
                            String dialect) {
        List<Item> out = new ArrayList<>();
        for (SqlFile f : files) {
            if (f.event() != event) continue;
            Map<String, String> values = new HashMap<>(args);
            values.put("retort:direction", direction);
            if (revision != null) values.put("retort:revision", revision);
            String where = f.file().toString();
            for (String sql : SqlScript.split(SqlScript.substitute(f.text(), values, where), where, "mysql".equals(dialect))) {
                out.add(new Item(where, new Operation.Execute(sql)));
            }
        }
        for (JavaCallback j : classes) {
            String what = j.className() + " " + event.fileName();
            out.add(new Item(j.className(), new Operation.RunJava("callback " + what,
                    c -> j.callback().handle(event, new Callback.Context(c, direction, revision, message, error)),
                    "-- callback " + what + " is Java: it does not run in an offline script")));
        }
        return out;
    }

    /**
     * Runs the callbacks of one event in a transaction of their own: SQL statements, and Java ones online (offline, a
     * comment stands in for them).
     */
    void run(Event event, Sink sink, String direction, String error, Map<String, String> args, String dialect) {
        List<Item> items = items(event, direction, null, null, error, args, dialect);
        if (items.isEmpty()) return;
        sink.comment("Callbacks " + event.fileName());
        Item current = null;
        try {
            sink.begin();
            for (Item item : items) {
                current = item;
                if (item.operation() instanceof Operation.RunJava j) {
                    if (sink.online()) sink.run(j.work());
                    else sink.execute(j.offlineSql());
                } else {
                    sink.execute(((Operation.Execute) item.operation()).sql());
                }
            }
            sink.commit();
        } catch (SQLException e) {
            sink.rollback();
            String what = current.operation() instanceof Operation.Execute x ? " [" + Connections.firstLine(x.sql()) + "]" : "";
            throw new RetortException("callback " + event.fileName() + " (" + current.source() + ") failed" + what + ": " + Connections.describe(e), e, 1);
        }
    }
}
