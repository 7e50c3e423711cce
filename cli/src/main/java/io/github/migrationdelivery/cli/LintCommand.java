package io.github.migrationdelivery.cli;

import io.github.migrationdelivery.engine.config.ProjectConfig;
import io.github.migrationdelivery.engine.lint.FailLevel;
import io.github.migrationdelivery.engine.lint.LintResult;
import io.github.migrationdelivery.engine.plan.Dialect;
import io.github.migrationdelivery.engine.plan.Plan;
import io.github.migrationdelivery.engine.plan.ServerVersion;
import io.github.migrationdelivery.engine.report.LintFormat;
import io.github.migrationdelivery.engine.schema.TableRowEstimates;
import io.github.migrationdelivery.engine.snapshot.Credentials;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
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

    @Option(names = "--table-stats", paramLabel = "URL",
            description = "Read the tables' row estimates from this database's catalogs (read-only; pg_class.reltuples,"
                    + " information_schema.TABLES.TABLE_ROWS) over the config's lint.tableRows.")
    String tableStats;

    @Mixin
    LoginOptions login;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        ProjectConfig project = planOptions.project();
        if (tableStats != null) {
            project = project.withTableRows(TableRowEstimates.read(Credentials.resolve(tableStats, login.options(System.getenv()))));
        }
        LintFormat lintFormat = LintFormat.parse(format, "--format");
        Dialect d = planOptions.dialect(project);
        ServerVersion version = planOptions.serverVersion(project, d);
        FailLevel level = failOn != null ? FailLevel.parse(failOn, "--fail-on") : project.failOn().orElse(FailLevel.ERROR);
        Plan plan = planOptions.read(d, version);
        LintResult result = project.lint(plan, version, level);
        write(result, lintFormat);
        return result.failed() ? ExitCode.GATE_FAILED.code() : ExitCode.OK.code();
    }

    private void write(LintResult result, LintFormat lintFormat) throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        if (output == null) {
            lintFormat.writer().write(result, out);
            out.flush();
            return;
        }
        lintFormat.write(result, output);
        out.println(result.summary() + " (report: " + output + ")");
        out.flush();
    }
}
