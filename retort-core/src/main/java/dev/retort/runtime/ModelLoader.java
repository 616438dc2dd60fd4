package dev.retort.runtime;

import dev.retort.script.RevisionCompiler;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.StandardCopyOption;
import dev.retort.api.RetortException;
import dev.retort.model.Metadata;
import dev.retort.model.Model;
import dev.retort.model.DeclarationException;
import dev.retort.model.ModelSource;
import dev.retort.schema.Catalog;
import dev.retort.schema.Domain;
import dev.retort.schema.EnumType;
import dev.retort.schema.Schema;
import dev.retort.schema.Sequence;
import dev.retort.schema.SchemaObject;
import dev.retort.schema.Table;
import dev.retort.portable.SqlText;
import dev.retort.script.SqlScript;
import java.util.HashMap;
import java.util.Map;
import java.util.ServiceLoader;
import dev.retort.script.HeaderReader;
import dev.retort.script.Javac;

import java.io.IOException;
import java.lang.reflect.Modifier;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Loads the application's models: classes from the configured classpath, or sources Retort compiles itself, each
 * named directly or found by package. Every model defines into one shared {@link Metadata}.
 */
public final class ModelLoader {
    private final List<String> entries;
    private final List<String> entities;
    private final Map<String, String> options;
    private final List<Path> sources;
    private final List<Path> classpath;
    private final Path cacheDir;

    public ModelLoader(List<String> entries, List<String> entities, Map<String, String> options, List<Path> sources, List<Path> classpath,
                       Path cacheDir) {
        this.entries = entries;
        this.entities = entities;
        this.options = options;
        this.sources = sources;
        this.classpath = classpath;
        this.cacheDir = cacheDir;
    }

    /** The class loader of the models (and of revisions, which may use model code). */
    public URLClassLoader classLoader() {
        List<Path> roots = roots();
        List<URL> urls = new ArrayList<>();
        try {
            for (Path p : roots) urls.add(p.toUri().toURL());
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
        return new URLClassLoader(urls.toArray(URL[]::new), Model.class.getClassLoader());
    }

    /** The classpath roots: configured entries, then the compiled model sources. */
    public List<Path> roots() {
        List<Path> roots = new ArrayList<>();
        for (Path p : classpath) {
            if (!Files.exists(p)) throw new RetortException("model classpath entry " + p + " does not exist (build the project first?)");
            roots.add(p);
        }
        if (!sources.isEmpty()) roots.add(compileSources());
        return roots;
    }

    /** The declared schema, in the given dialect's type spellings where a model source needs one. */
    public Catalog load(String dialect) {
        try {
            return loadAll(dialect);
        } catch (DeclarationException e) {
            throw new RetortException(e.getMessage(), e);
        }
    }

    private Catalog loadAll(String dialect) {
        if (entries.isEmpty() && entities.isEmpty()) {
            throw new RetortException("no models configured: list model classes or packages (or JPA entities) under [models] in retort.toml");
        }
        Catalog dsl = entries.isEmpty() ? Catalog.empty(false) : load();
        refuseText(dsl, "model");
        if (entities.isEmpty()) return dsl;
        ModelSource jpa = ServiceLoader.load(ModelSource.class, Model.class.getClassLoader()).stream().map(ServiceLoader.Provider::get)
                .filter(s -> s.key().equals("entities")).findFirst()
                .orElseThrow(() -> new RetortException("[models] entities needs retort-jpa and Hibernate ORM 6 on Retort's classpath"));
        try (URLClassLoader loader = classLoader()) {
            Catalog entitiesCatalog = jpa.load(loader, entities, pkg -> List.copyOf(classesInPackage(pkg)), options, dialect);
            refuseText(entitiesCatalog, "entity");
            return merge(dsl, entitiesCatalog);
        } catch (IOException e) {
            throw new RetortException("cannot close model class loader: " + e.getMessage());
        }
    }

    /**
     * Refuses text in the models that Retort would write into a statement and that would not stay one piece of it (a
     * type, default or check holding ';', an unbalanced quote or parenthesis; a view or function holding a second
     * statement), naming the table and column or the object: such text is a statement smuggled in, never a schema.
     */
    static void refuseText(Catalog catalog, String source) {
        for (Schema s : catalog.schemas().values()) {
            for (Table t : s.tables().values()) {
                String p = SqlText.tableProblem(t);
                if (p != null) throw new RetortException(source + " table " + s.name() + "." + t.name() + ": " + p);
            }
            for (Domain d : s.domains().values()) {
                String p = SqlText.domainProblem(d);
                if (p != null) throw new RetortException(source + " " + p);
            }
            for (SchemaObject o : s.objects().values()) {
                String p = objectProblem(o);
                if (p != null) throw new RetortException(source + " " + o.kind().label() + " " + s.name() + "." + o.name() + ": " + p);
            }
        }
    }

    private static String objectProblem(SchemaObject o) {
        String def = o.definition();
        if (def == null) return null;
        return switch (o.kind()) {
            case GRANT, COMMENT, EXTENSION, ROW_SECURITY -> null; // parsed into parts, or written as a literal
            case FUNCTION, PROCEDURE, TRIGGER -> { // a body of their own may hold semicolons: the script splitter knows where
                String where = o.kind().label() + " " + o.schema() + "." + o.name();
                int plain = SqlScript.split(def, where, false).size(), escaped = SqlScript.split(def, where, true).size();
                yield plain == 1 && escaped == 1 ? null
                        : "its definition holds " + Math.max(plain, escaped) + " statements; it must be one CREATE statement";
            }
            default -> {
                String p = SqlText.statementProblem(def);
                yield p == null ? null : "its definition " + p + "; it must be one statement";
            }
        };
    }

    private static Catalog merge(Catalog a, Catalog b) {
        Map<String, Schema> out = new HashMap<>(a.schemas());
        for (Schema s : b.schemas().values()) {
            Schema mine = out.get(s.name());
            if (mine == null) { out.put(s.name(), s); continue; }
            for (String t : s.tables().keySet()) {
                if (mine.tables().containsKey(t)) throw new RetortException("table " + s.name() + "." + t + " is declared both by a model and by an entity");
            }
            Map<String, Table> tables = new HashMap<>(mine.tables());
            tables.putAll(s.tables());
            Map<String, Sequence> seqs = new HashMap<>(mine.sequences());
            seqs.putAll(s.sequences());
            Map<String, EnumType> enums = new HashMap<>(mine.enums());
            enums.putAll(s.enums());
            Map<String, Domain> domains = new HashMap<>(mine.domains());
            domains.putAll(s.domains());
            Map<String, dev.retort.schema.SchemaObject> objects = new HashMap<>(mine.objects());
            objects.putAll(s.objects());
            out.put(s.name(), new Schema(s.name(), tables, seqs, enums, domains, objects));
        }
        return new Catalog(out, false);
    }

    private Catalog load() {
        Metadata metadata = new Metadata();
        try (URLClassLoader loader = classLoader()) {
            Set<Class<?>> models = new LinkedHashSet<>();
            for (String entry : entries) models.addAll(resolve(entry, loader));
            for (Class<?> c : models) {
                Model m;
                try {
                    var ctor = c.getDeclaredConstructor();
                    ctor.setAccessible(true);
                    m = (Model) ctor.newInstance();
                } catch (ReflectiveOperationException | LinkageError e) {
                    throw new RetortException("model class " + c.getName() + " cannot be created: " + describe(e), e);
                }
                try {
                    m.define(metadata);
                } catch (RetortException | DeclarationException e) {
                    throw new RetortException("model " + c.getName() + ": " + e.getMessage(), e);
                } catch (RuntimeException | LinkageError | StackOverflowError | AssertionError e) {
                    throw new RetortException("model " + c.getName() + ": define() failed: " + describe(e), e);
                }
            }
            return metadata.toCatalog();
        } catch (IOException e) {
            throw new RetortException("cannot close model class loader: " + e.getMessage());
        }
    }

    /**
     * A failure in user code as one line: through the reflection and class-initialisation wrappers to what the code
     * threw ("static initializer failed: java.lang.IllegalStateException: no config").
     */
    public static String describe(Throwable e) {
        String how = "";
        Throwable t = e;
        while (t.getCause() != null && (t instanceof InvocationTargetException || t instanceof ExceptionInInitializerError)) {
            if (t instanceof ExceptionInInitializerError) how = "static initializer failed: ";
            t = t.getCause();
        }
        if (t instanceof ExceptionInInitializerError && t.getCause() == null) how = "static initializer failed: ";
        return how + Connections.firstLine(t.toString());
    }

    private List<Class<?>> resolve(String entry, ClassLoader loader) {
        String name = entry.endsWith(".*") ? entry.substring(0, entry.length() - 2) : entry;
        if (!entry.endsWith(".*")) {
            try {
                Class<?> c = Class.forName(name, false, loader);
                if (!Model.class.isAssignableFrom(c)) throw new RetortException("model class " + name + " does not implement dev.retort.model.Model");
                return List.of(c);
            } catch (ClassNotFoundException notAClass) {
                // then it names a package
            } catch (LinkageError e) {
                throw new RetortException("model class " + name + " fails to load: " + e, e);
            }
        }
        List<Class<?>> found = new ArrayList<>();
        for (String cls : classesInPackage(name)) {
            try {
                Class<?> c = Class.forName(cls, false, loader);
                if (Model.class.isAssignableFrom(c) && !c.isInterface() && !Modifier.isAbstract(c.getModifiers())) found.add(c);
            } catch (ClassNotFoundException | LinkageError e) {
                throw new RetortException("class " + cls + " in model package " + name + " fails to load: " + e, e);
            }
        }
        if (found.isEmpty()) throw new RetortException("no model class or package '" + entry + "': no class implementing dev.retort.model.Model found there");
        return found;
    }

    private Set<String> classesInPackage(String pkg) {
        String dir = pkg.replace('.', '/');
        Set<String> out = new TreeSet<>();
        for (Path root : roots()) {
            if (Files.isDirectory(root)) {
                Path base = root.resolve(dir);
                if (!Files.isDirectory(base)) continue;
                try (Stream<Path> s = Files.walk(base)) {
                    s.map(p -> root.relativize(p).toString().replace('\\', '/'))
                            .filter(p -> p.endsWith(".class") && !p.contains("$"))
                            .forEach(p -> out.add(p.substring(0, p.length() - 6).replace('/', '.')));
                } catch (IOException e) {
                    throw new RetortException("cannot read " + base + ": " + e.getMessage());
                }
            } else if (root.toString().endsWith(".jar")) {
                try (JarFile jar = new JarFile(root.toFile())) {
                    jar.stream().map(e -> e.getName())
                            .filter(n -> n.startsWith(dir + "/") && n.endsWith(".class") && !n.contains("$"))
                            .forEach(n -> out.add(n.substring(0, n.length() - 6).replace('/', '.')));
                } catch (IOException e) {
                    throw new RetortException("cannot read model jar " + root + ": " + e.getMessage());
                }
            }
        }
        return out;
    }

    /** Compiles the model sources once per content, into the cache. */
    private Path compileSources() {
        List<Path> files = new ArrayList<>();
        StringBuilder fingerprint = new StringBuilder();
        for (Path dir : sources) {
            if (!Files.isDirectory(dir)) throw new RetortException("model source folder " + dir + " does not exist");
            try (Stream<Path> s = Files.walk(dir)) {
                for (Path p : s.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                    files.add(p);
                    fingerprint.append(p).append('\0').append(Files.readString(p)).append('\0');
                }
            } catch (IOException e) {
                throw new RetortException("cannot read model sources in " + dir + ": " + e.getMessage());
            }
        }
        classpath.forEach(p -> fingerprint.append(p).append('\0'));
        Path out = cacheDir.resolve("models-" + HeaderReader.checksum(fingerprint.toString()).substring(0, 16));
        if (Files.isDirectory(out) || files.isEmpty()) return out;
        if (!RevisionCompiler.writable(cacheDir)) { // a read-only deploy: compile into a folder of this process
            try {
                Path tmp = Files.createTempDirectory("retort-models-");
                Javac.compile(files, tmp, classpath, "model source");
                return tmp;
            } catch (IOException e) {
                throw new RetortException("the model cache " + cacheDir + " cannot be written, nor a temporary folder: " + e.getMessage());
            }
        }
        try {
            Files.createDirectories(cacheDir);
            Path tmp = Files.createTempDirectory(cacheDir, "models-");
            Javac.compile(files, tmp, classpath, "model source");
            try {
                Files.move(tmp, out, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException raced) {
                // another process compiled the same sources first
            }
            return out;
        } catch (IOException e) {
            throw new RetortException("cannot write compiled models to " + cacheDir + ": " + e.getMessage());
        }
    }
}
