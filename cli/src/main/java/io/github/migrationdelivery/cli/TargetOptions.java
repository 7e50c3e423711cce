package io.github.migrationdelivery.cli;

import io.github.migrationdelivery.engine.EngineException;
import io.github.migrationdelivery.engine.config.ProjectConfig;
import io.github.migrationdelivery.engine.plan.Dialect;
import io.github.migrationdelivery.engine.snapshot.ConnectionSpec;
import io.github.migrationdelivery.engine.snapshot.Credentials;
import io.github.migrationdelivery.engine.snapshot.SnapshotOptions;
import io.github.migrationdelivery.engine.snapshot.SnapshotProvider;
import io.github.migrationdelivery.engine.snapshot.Snapshots;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;

/** What {@code drift} and {@code compat} share: the plan, where the scratch schema is built, credentials and JSON output. */
final class TargetOptions {

    @Mixin
    PlanOptions plan;

    @Option(names = "--scratch", paramLabel = "URI",
            description = "Where to build the schema the migrations describe: a snapshot URI (embedded:15, testcontainers:postgres:15,"
                    + " jdbc:<empty database>, docs/snapshots.md). Default: an empty throw-away database on the target's server.")
    String scratch;

    @Mixin
    LoginOptions login;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the report as JSON to FILE (- for standard output, instead of the text).")
    Path json;

    SnapshotOptions snapshotOptions(ProjectConfig project, Map<String, String> environment) {
        SnapshotOptions o = login.options(environment);
        return project.productionUrl().map(o::withProductionUrl).orElse(o);
    }

    /** The database only read: credentials resolved, no production guard (reading production is the point). */
    ConnectionSpec target(String url, SnapshotOptions options) {
        return Credentials.resolve(url, options);
    }

    /** {@code --scratch}, else an empty database beside {@code target}. */
    SnapshotProvider scratch(ConnectionSpec target, Dialect dialect, SnapshotOptions options) {
        return scratch == null ? Snapshots.empty(target) : Snapshots.provider(scratch, dialect, options);
    }

    boolean jsonToStandardOutput() {
        return json != null && json.toString().equals("-");
    }

    /** Writes the JSON report where {@code --json} says; nothing without it. */
    void writeJson(Consumer<Appendable> body, PrintWriter out) {
        if (json == null) {
            return;
        }
        if (jsonToStandardOutput()) {
            body.accept(out);
            out.flush();
            return;
        }
        try (Writer w = Files.newBufferedWriter(json, StandardCharsets.UTF_8)) {
            body.accept(w);
        } catch (IOException e) {
            throw EngineException.badInput("--json " + json + ": cannot write: " + e.getMessage());
        }
        out.println("report: " + json);
    }
}
