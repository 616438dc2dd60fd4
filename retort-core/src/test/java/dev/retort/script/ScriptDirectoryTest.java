package dev.retort.script;

import dev.retort.api.RetortException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Large revision folders are read on every core; the result, and the file an error names, are those of a read in order. */
class ScriptDirectoryTest {
    @TempDir Path dir;

    private ScriptDirectory write(int n, int... broken) throws IOException {
        Path versions = Files.createDirectories(dir.resolve("versions"));
        for (int i = 0; i < n; i++) {
            String id = String.format("s%04d", i);
            String parents = i == 0 ? "" : ", parents = \"" + String.format("s%04d", i - 1) + "\"";
            int index = i;
            boolean bad = java.util.Arrays.stream(broken).anyMatch(b -> b == index); // no id: a header error
            Files.writeString(versions.resolve(id + ".java"), "import dev.retort.api.*;\n@Revision(" + (bad ? "" : "id = \"" + id + "\"")
                    + parents + ", message = \"m" + i + "\")\nclass R" + id + " implements Migration { }\n");
        }
        return new ScriptDirectory(versions, "{id}_{slug}");
    }

    @Test
    void aLargeFolderReadsInFolderOrder() throws IOException {
        RevisionGraph g = write(300).graph();
        assertThat(g.all()).hasSize(300);
        assertThat(g.heads()).containsExactly("s0299");
    }

    @Test
    void theFirstBadFileInFolderOrderIsTheOneNamed() throws IOException {
        ScriptDirectory scripts = write(300, 40, 250);
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(scripts::graph).isInstanceOf(RetortException.class).hasMessageContaining("s0040.java")
                    .hasMessageNotContaining("s0250");
        }
    }
}
