package dev.retort.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.retort.dialect.VersionTable;
import dev.retort.ops.Operation;
import dev.retort.script.RevisionGraph;
import dev.retort.script.RevisionInfo;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * {@code --format json}: one JSON document per command on stdout, with the field names README's "Output for
 * programs" lists (they do not change between versions; new fields may be added).
 */
final class Json {
    interface Body { void write(JsonGenerator g) throws IOException; }

    private static final JsonFactory FACTORY = new JsonFactory();

    private Json() {}

    static void print(PrintStream out, Body body) {
        try {
            JsonGenerator g = FACTORY.createGenerator(out).useDefaultPrettyPrinter();
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.writeStartObject();
            body.write(g);
            g.writeEndObject();
            g.flush();
            out.println();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void strings(JsonGenerator g, String field, Collection<String> values) throws IOException {
        g.writeArrayFieldStart(field);
        for (String v : values) g.writeString(v);
        g.writeEndArray();
    }

    /** A revision: id, parents, message, created, path, transactional, and whether it is a head (and current, when known). */
    static void revision(JsonGenerator g, RevisionGraph graph, RevisionInfo r, Path cwd, Set<String> current) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", r.id());
        strings(g, "parents", r.parents());
        g.writeStringField("message", r.message());
        g.writeStringField("created", r.created().isEmpty() ? null : r.created());
        g.writeStringField("path", r.path() == null ? null : cwd.relativize(r.path().toAbsolutePath()).toString());
        g.writeBooleanField("transactional", r.transactional());
        g.writeBooleanField("head", graph.heads().contains(r.id()));
        if (current != null) g.writeBooleanField("current", current.contains(r.id()));
        g.writeEndObject();
    }

    /** A revision that ran in part: revision, direction, state, statements done, message. */
    static void partial(JsonGenerator g, VersionTable.Partial p) throws IOException {
        if (p == null) {
            g.writeNullField("partial");
            return;
        }
        g.writeObjectFieldStart("partial");
        g.writeStringField("revision", p.revision());
        g.writeStringField("direction", p.direction());
        g.writeStringField("state", p.state());
        g.writeNumberField("statementsDone", p.progress());
        g.writeStringField("message", p.message());
        g.writeEndObject();
    }

    /** Operations: kind ("AddColumn"), target ("public.account.nickname") and the line check prints. */
    static void operations(JsonGenerator g, List<Operation> ops) throws IOException {
        g.writeArrayFieldStart("operations");
        for (Operation o : ops) {
            g.writeStartObject();
            g.writeStringField("kind", o.getClass().getSimpleName());
            g.writeStringField("target", o.target());
            g.writeStringField("description", Describe.of(o));
            g.writeEndObject();
        }
        g.writeEndArray();
    }
}
