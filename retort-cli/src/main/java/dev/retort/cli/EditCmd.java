package dev.retort.cli;

import dev.retort.api.RetortException;
import dev.retort.script.RevisionGraph;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code retort edit REV}: opens the revision's file in $VISUAL or $EDITOR. */
@Command(name = "edit", mixinStandardHelpOptions = true, description = "Open a revision's file in $VISUAL or $EDITOR.")
final class EditCmd implements Callable<Integer> {
    @ParentCommand RetortCommand root;
    @Parameters(index = "0", paramLabel = "REV", description = "An id, unique prefix, head or a relative target.") String rev;

    @Override
    public Integer call() throws IOException, InterruptedException {
        RevisionGraph g = root.retort().graph();
        Set<String> ids = g.resolveTarget(rev, Set.of());
        if (ids.size() != 1) throw new RetortException("'" + rev + "' names " + (ids.isEmpty() ? "no revision" : "several revisions: " + String.join(", ", ids)));
        Path file = g.get(ids.iterator().next()).path();
        String editor = root.env.getOrDefault("VISUAL", root.env.get("EDITOR"));
        if (editor == null || editor.isBlank()) throw new RetortException("set VISUAL or EDITOR to the editor to open " + root.cwd.relativize(file.toAbsolutePath()) + " in");
        List<String> cmd = new ArrayList<>(List.of(editor.trim().split("\\s+")));
        cmd.add(file.toString());
        int exit = new ProcessBuilder(cmd).directory(root.cwd.toFile()).inheritIO().start().waitFor();
        if (exit != 0) throw new RetortException("the editor '" + editor + "' ended with exit code " + exit, null, 1);
        return 0;
    }
}
