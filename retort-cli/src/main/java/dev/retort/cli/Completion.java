package dev.retort.cli;

import dev.retort.api.RetortException;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;

/** {@code retort completion SHELL}: a completion script for the shell, from the same model picocli parses with. */
@Command(name = "completion", mixinStandardHelpOptions = true,
        description = {"Print a shell completion script for bash, zsh or fish.",
                "bash and zsh: source <(retort completion bash) (or zsh), e.g. in ~/.bashrc;",
                "fish: retort completion fish > ~/.config/fish/completions/retort.fish"})
final class Completion implements Callable<Integer> {
    @ParentCommand RetortCommand root;

    @Parameters(index = "0", paramLabel = "SHELL", description = "bash, zsh or fish.")
    String shell;

    @Override
    public Integer call() {
        CommandLine all = new CommandLine(new RetortCommand(root.out, root.env, root.cwd));
        for (Class<?> c : RetortCommand.SUBCOMMANDS) all.addSubcommand(c);
        String script = switch (shell) {
            case "bash" -> AutoComplete.bash("retort", all);
            // zsh runs the bash script through its bashcompinit
            case "zsh" -> "autoload -U +X compinit && compinit\nautoload -U +X bashcompinit && bashcompinit\n" + AutoComplete.bash("retort", all);
            case "fish" -> fish(all.getCommandSpec());
            default -> throw new RetortException("no completion for shell '" + shell + "': give bash, zsh or fish");
        };
        root.out.print(script);
        return 0;
    }

    /** fish's own form: one {@code complete} line per subcommand and per option, with its description. */
    static String fish(CommandSpec spec) {
        StringBuilder b = new StringBuilder("# retort completion for fish: retort completion fish > ~/.config/fish/completions/retort.fish\n");
        for (OptionSpec o : spec.options()) b.append(option(o, "__fish_use_subcommand"));
        spec.subcommands().forEach((name, sub) -> {
            String description = sub.getCommandSpec().usageMessage().description().length == 0 ? "" : sub.getCommandSpec().usageMessage().description()[0];
            b.append("complete -c retort -n __fish_use_subcommand -a ").append(quote(name)).append(" -d ").append(quote(description)).append('\n');
            for (OptionSpec o : sub.getCommandSpec().options()) b.append(option(o, "__fish_seen_subcommand_from " + name));
        });
        return b.toString();
    }

    private static String option(OptionSpec o, String condition) {
        StringBuilder line = new StringBuilder("complete -c retort -n " + quote(condition));
        for (String n : o.names()) {
            if (n.startsWith("--")) line.append(" -l ").append(n.substring(2));
            else if (n.startsWith("-")) line.append(" -s ").append(n.substring(1));
        }
        if (o.arity().max() > 0) line.append(" -r");
        if (o.description().length > 0) line.append(" -d ").append(quote(o.description()[0]));
        return line.append('\n').toString();
    }

    /** A fish single-quoted string: backslashes and single quotes escaped. */
    static String quote(String s) { return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'"; }
}
