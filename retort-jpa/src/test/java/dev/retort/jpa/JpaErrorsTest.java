package dev.retort.jpa;

import dev.retort.api.RetortException;
import dev.retort.runtime.ModelLoader;
import dev.retort.script.Javac;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Bad entity setups give one line naming the class or package at fault. */
class JpaErrorsTest {
    @TempDir Path src;
    @TempDir Path classes;
    @TempDir Path cache;

    void source(String path, String text) throws Exception {
        Path f = src.resolve(path);
        Files.createDirectories(f.getParent());
        Files.writeString(f, text);
    }

    void compile() throws Exception {
        List<Path> files;
        try (var s = Files.walk(src)) {
            files = s.filter(f -> f.toString().endsWith(".java")).toList();
        }
        Path jpa = Path.of(jakarta.persistence.Entity.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Javac.compile(files, classes, List.of(jpa), "test entities");
    }

    ModelLoader loader(String... entities) {
        return new ModelLoader(List.of(), List.of(entities), Map.of(), List.of(), List.of(classes), cache);
    }

    @Test
    void aPackageWithNoEntities() throws Exception {
        source("app/plain/Helper.java", "package app.plain; public class Helper { }");
        compile();
        assertThatThrownBy(() -> loader("app.plain.*").load("postgresql")).isInstanceOf(RetortException.class)
                .hasMessage("no JPA entity in package 'app.plain.*': no class annotated @Entity found there");
    }

    @Test
    void anEntityClassThatFailsToLoad() throws Exception {
        source("app/Base.java", "package app; public class Base { }");
        source("app/Broken.java", "package app; @jakarta.persistence.Entity public class Broken extends Base { @jakarta.persistence.Id Long id; }");
        compile();
        Files.delete(classes.resolve("app/Base.class"));
        assertThatThrownBy(() -> loader("app.Broken").load("postgresql")).isInstanceOf(RetortException.class)
                .hasMessageStartingWith("entity class app.Broken fails to load: java.lang.NoClassDefFoundError: app/Base");
    }

    @Test
    void aMissingDependency() throws Exception {
        source("lib/Money.java", "package lib; public class Money implements java.io.Serializable { }");
        source("app/Invoice.java", "package app; @jakarta.persistence.Entity public class Invoice { @jakarta.persistence.Id Long id; lib.Money total; }");
        compile();
        Files.delete(classes.resolve("lib/Money.class"));
        assertThatThrownBy(() -> loader("app.Invoice").load("postgresql")).isInstanceOf(RetortException.class)
                .hasMessage("entity class app.Invoice needs lib.Money, which is not on the model classpath (NoClassDefFoundError); add the dependency");
    }

    @Test
    void anUnsupportedMapping() throws Exception {
        source("app/Team.java", "package app; @jakarta.persistence.Entity public class Team { @jakarta.persistence.Id Long id;"
                + " @jakarta.persistence.OneToMany(mappedBy = \"squad\") java.util.List<Player> players; }");
        source("app/Player.java", "package app; @jakarta.persistence.Entity public class Player { @jakarta.persistence.Id Long id; }");
        compile();
        assertThatThrownBy(() -> loader("app.*").load("postgresql")).isInstanceOf(RetortException.class)
                .hasMessageStartingWith("JPA mapping error: ").hasMessageContaining("app.Team.players").hasMessageContaining("squad")
                .satisfies(e -> assertOneLine(e.getMessage()));
    }

    @Test
    void aClassThatIsNotAnEntity() throws Exception {
        source("app/Thing.java", "package app; public class Thing { }");
        compile();
        assertThatThrownBy(() -> loader("app.Thing").load("postgresql"))
                .hasMessage("class app.Thing is not a JPA entity, embeddable or mapped superclass");
        assertThatThrownBy(() -> loader("app.Nope").load("postgresql")).hasMessage("entity class app.Nope is not on the model classpath");
    }

    @Test
    void aColumnDefinitionThatWouldEndTheStatementIsRefused() throws Exception {
        source("app/Note.java", "package app; @jakarta.persistence.Entity public class Note { @jakarta.persistence.Id Long id;"
                + " @jakarta.persistence.Column(columnDefinition = \"integer); DROP TABLE public.note; CREATE TABLE public.zz (x integer\") Integer body; }");
        compile();
        assertThatThrownBy(() -> loader("app.Note").load("postgresql")).isInstanceOf(RetortException.class)
                .hasMessageStartingWith("entity table public.note: column body: type 'integer); DROP TABLE public.note; CREATE TABLE public.zz (x integer'")
                .hasMessageContaining("it must be one piece of the statement Retort writes")
                .satisfies(e -> assertOneLine(e.getMessage()));
    }

    static void assertOneLine(String message) {
        org.assertj.core.api.Assertions.assertThat(message).doesNotContain("\n");
    }
}
