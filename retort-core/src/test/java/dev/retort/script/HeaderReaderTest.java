package dev.retort.script;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HeaderReaderTest {
    @Test
    void readsIdentityWithoutCompiling() {
        RevisionInfo r = HeaderReader.parse("""
                import dev.retort.api.*;
                // a comment with @Revision in it is not the header
                @Revision(
                        id = "3f2a9c1b7d4e", // trailing comment
                        parents = {"a1", "b2"},
                        message = "add \\"scenario\\" table\\nsecond line \\u00e9",
                        created = "2026-11-25T10:15:00Z",
                        transactional = false)
                class R3f2a9c1b7d4e implements Migration { }
                """.replace("// a comment with @Revision in it is not the header\n", ""), Path.of("v.java"));
        assertThat(r.id()).isEqualTo("3f2a9c1b7d4e");
        assertThat(r.parents()).containsExactly("a1", "b2");
        assertThat(r.message()).isEqualTo("add \"scenario\" table\nsecond line é");
        assertThat(r.transactional()).isFalse();
        assertThat(r.className()).isEqualTo("R3f2a9c1b7d4e");
        assertThat(r.checksum()).hasSize(64);
    }

    @Test
    void singleParentAsAPlainString() {
        RevisionInfo r = HeaderReader.parse("@Revision(id = \"b2\", parents = \"a1\")\npackage x;\nclass Foo {}", null);
        assertThat(r.parents()).containsExactly("a1");
    }

    @Test
    void checksumIgnoresLineEndings() {
        assertThat(HeaderReader.checksum("a\r\nb\r\n")).isEqualTo(HeaderReader.checksum("a\nb\n"));
        assertThat(HeaderReader.checksum("a\nb\n")).isNotEqualTo(HeaderReader.checksum("a\nc\n"));
    }

    @Test
    void malformedHeadersNameFileAndLine() {
        assertThatThrownBy(() -> HeaderReader.parse("class X {}", Path.of("x.java"))).hasMessage("x.java: no @Revision(id = ...) annotation");
        assertThatThrownBy(() -> HeaderReader.parse("@Revision(message = \"m\")\nclass X {}", Path.of("x.java"))).hasMessage("x.java: @Revision has no id");
        assertThatThrownBy(() -> HeaderReader.parse("\n@Revision(id = ID)\nclass X {}", Path.of("x.java")))
                .hasMessage("x.java:2: @Revision values must be string literals, arrays of them, or true/false");
        assertThatThrownBy(() -> HeaderReader.parse("@Revision(id = \"a b\")\nclass X {}", Path.of("x.java")))
                .hasMessage("x.java: revision id 'a b' may hold only letters, digits and '_'");
        assertThatThrownBy(() -> HeaderReader.parse("@Revision(id = \"a\", parents = \"a\")\nclass X {}", Path.of("x.java")))
                .hasMessage("x.java: revision a names itself as its parent");
        assertThatThrownBy(() -> HeaderReader.parse("@Revision(id = \"a\", author = \"me\")\nclass X {}", Path.of("x.java")))
                .hasMessage("x.java: @Revision has an unknown element 'author'");
        assertThatThrownBy(() -> HeaderReader.parse("@Revision(id = \"a\"", Path.of("x.java"))).hasMessage("x.java:1: @Revision is not closed");
    }
}
