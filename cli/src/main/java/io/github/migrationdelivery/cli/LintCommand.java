package io.github.migrationdelivery.cli;

import io.github.migrationdelivery.engine.config.ProjectConfig;
import io.github.migrationdelivery.engine.lint.FailLevel;
import io.github.migrationdelivery.engine.lint.LintResult;
import io.github.migrationdelivery.engine.lint.LintSettings;
import io.github.migrationdelivery.engine.lint.Linter;
import io.github.migrationdelivery.engine.lint.RuleCatalogue;
import io.github.migrationdelivery.engine.lint.Severity;
import io.github.migrationdelivery.engine.plan.Dialect;
import io.github.migrationdelivery.engine.plan.Plan;
import io.github.migrationdelivery.engine.plan.ServerVersion;
import io.github.migrationdelivery.engine.report.LintFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Callable;

/** {@code lint}: static analysis of migrations; the first gate. */
@Command(name = "lint", mixinStandardHelpOptions = true,
        description = "Lint Liquibase changelogs and SQL migrations for locking, rewrites and destructive changes.")
final class LintCommand implements Callable<Integer> {

    @Mixin
    PlanOptions planOptions;




    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text, json, sarif, junit or gitlab (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--output", paramLabel = "FILE", description = "Write the report to FILE instead of standard output.")
    Path output;

    @Option(names = "--fail-on", paramLabel = "LEVEL",
            description = "error, warning or never: the least severe finding that fails (default: config file, else error).")
    String failOn;




    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        ProjectConfig project = planOptions.project();
        LintFormat lintFormat = LintFormat.parse(format, "--format");
        Dialect d = planOptions.dialect(project);
        ServerVersion version = planOptions.serverVersion(project, d);
        FailLevel level = failOn != null ? FailLevel.parse(failOn, "--fail-on") : project.failOn().orElse(FailLevel.ERROR);
        Plan plan = planOptions.read(d, version);
        LintResult result = lint(plan, project, version, level);
        write(result, lintFormat);
        return result.failed() ? ExitCode.GATE_FAILED.code() : ExitCode.OK.code();
    }

    /** Lints a plan with the project's rule settings (shared by {@code lint}, {@code dry-run} and {@code check}). */
    static LintResult lint(Plan plan, ProjectConfig project, ServerVersion version, FailLevel level) {
        LintSettings settings = new LintSettings(plan.dialect(), version, level, project.disabledRules(),
                project.enabledRules(), project.severityOverrides());
        return new Linter(settings, RuleCatalogue.load()).lint(plan);
    }

    private void write(LintResult result, LintFormat lintFormat) throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        if (output == null) {
            lintFormat.writer().write(result, out);
            out.flush();
            return;
        }
        Path target = output.toAbsolutePath();
        if (Files.exists(target) && !Files.isRegularFile(target)) { // /dev/null, a named pipe
            try (Writer w = new BufferedWriter(Files.newBufferedWriter(target, StandardCharsets.UTF_8))) {
                lintFormat.writer().write(result, w);
            }
            out.println(summary(result) + " (report: " + output + ")");
            out.flush();
            return;
        }
        // Write next to the target and move it in place, so a failed run never leaves half a report.
        Files.createDirectories(target.getParent());
        Path temp = Files.createTempFile(target.getParent(), ".lint-", ".tmp");
        try {
            try (Writer w = new BufferedWriter(Files.newBufferedWriter(temp, StandardCharsets.UTF_8))) {
                lintFormat.writer().write(result, w);
            }
            try {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
        out.println(summary(result) + " (report: " + output + ")");
        out.flush();
    }

    static String summary(LintResult result) {
        return String.format("lint: %d changesets, %d statements: %d errors, %d warnings, %d infos; plan is %s%s; gate %s",
                result.plan().changesets().size(), result.plan().statementCount(), result.count(Severity.ERROR),
                result.count(Severity.WARNING), result.count(Severity.INFO), result.changeClass().id(),
                result.blocking() ? ", blocking" : "", result.failed() ? "FAILED" : "passed");
    }
}
