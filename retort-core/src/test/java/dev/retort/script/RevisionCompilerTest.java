package dev.retort.script;

import dev.retort.api.Migration;
import dev.retort.api.Operations;
import dev.retort.api.RetortException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Enough revisions to be compiled in several compiler runs at once: every one is compiled, cached and loaded. */
class RevisionCompilerTest {
    @TempDir Path dir;

    List<RevisionInfo> write(int n, int broken) throws IOException {
        List<RevisionInfo> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String id = String.format("p%04d", i);
            Path file = dir.resolve("versions").resolve(id + ".java");
            Files.createDirectories(file.getParent());
            Files.writeString(file, "import dev.retort.api.*;\n@Revision(id = \"" + id + "\", message = \"m" + i + "\")\n"
                    + "class R" + id + " implements Migration {\n"
                    + "    public void upgrade(Operations op) { op.execute(\"SELECT " + i + "\"); }\n"
                    + "    public void downgrade(Operations op) { " + (i == broken ? "op.nope();" : "") + " }\n}\n");
            out.add(HeaderReader.read(file));
        }
        return out;
    }

    @Test
    void manyRevisionsCompileInParallelRunsAndAllLoad() throws IOException {
        List<RevisionInfo> revisions = write(RevisionCompiler.PARALLEL_FROM + 6, -1);
        RevisionCompiler compiler = new RevisionCompiler(dir.resolve(".cache"), List.of(), getClass().getClassLoader(), false);
        Map<String, Migration> loaded = compiler.load(revisions);
        assertThat(loaded).hasSize(revisions.size());
        for (RevisionInfo r : revisions) {
            Operations op = new Operations();
            loaded.get(r.id()).upgrade(op);
            assertThat(op.operations()).hasSize(1);
            assertThat(dir.resolve(".cache").resolve(r.checksum())).isDirectory();
        }
        try (var left = Files.list(dir.resolve(".cache"))) {
            assertThat(left.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("compile-") || n.startsWith("stage-")).toList()).isEmpty();
        }
    }

    @Test
    void aCompileErrorInOneOfTheParallelRunsNamesItsFile() throws IOException {
        List<RevisionInfo> revisions = write(RevisionCompiler.PARALLEL_FROM + 6, 50);
        RevisionCompiler compiler = new RevisionCompiler(dir.resolve(".cache"), List.of(), getClass().getClassLoader(), false);
        assertThatThrownBy(() -> compiler.load(revisions)).isInstanceOf(RetortException.class).hasMessageContaining("p0050.java");
    }
}
