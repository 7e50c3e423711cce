package io.github.migrationdelivery.cli;

import io.github.migrationdelivery.engine.EngineException;
import io.github.migrationdelivery.engine.brief.BriefHtml;
import io.github.migrationdelivery.engine.brief.BriefMarkdown;
import io.github.migrationdelivery.engine.brief.RiskBrief;
import io.github.migrationdelivery.engine.plan.SourcePosition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code explain}: the plain-language risk brief for reviewers. */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = "Write a plain-language risk brief: what the change does, which tables, which locks for how long,"
                + " what the old application version sees, how to undo it.")
final class ExplainCommand implements Callable<Integer> {

    @Mixin
    PlanOptions planOptions;

    @Mixin
    BriefOptions briefOptions;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "markdown",
            description = "markdown or html (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--output", paramLabel = "FILE", description = "Write the brief to FILE instead of standard output.")
    Path output;

    @Spec
    CommandSpec spec;

    /** Writes a text file the command produces; a failure is BAD_INPUT naming the file. */
    static void write(Path file, String text, String what) {
        try {
            Path target = file.toAbsolutePath();
            Files.createDirectories(target.getParent());
            Files.writeString(target, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw EngineException.badInput(SourcePosition.of(file), "cannot write " + what + ": " + e.getMessage());
        }
    }

    @Override
    public Integer call() {
        String f = format.trim().toLowerCase(Locale.ROOT);
        if (!f.equals("markdown") && !f.equals("html")) {
            throw EngineException.badInput("--format: unknown format '" + format + "' (expected markdown or html)");
        }
        RiskBrief brief = briefOptions.brief(ApprovalCommand.lint(planOptions));
        String text = f.equals("html") ? BriefHtml.render(brief) : BriefMarkdown.render(brief);
        PrintWriter out = spec.commandLine().getOut();
        if (output == null) {
            out.print(text);
        } else {
            write(output, text, "the brief");
            out.println("explain: " + brief.classification().id() + " plan, " + brief.changesets().size() + " changesets"
                    + (brief.measured() ? ", measured" : ", not measured") + " (brief: " + output + ")");
        }
        out.flush();
        return ExitCode.OK.code();
    }
}
