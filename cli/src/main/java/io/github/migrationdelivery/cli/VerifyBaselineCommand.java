package io.github.migrationdelivery.cli;

import io.github.migrationdelivery.engine.verify.Baseline;
import io.github.migrationdelivery.engine.verify.Limits;
import io.github.migrationdelivery.engine.verify.VerifySettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code verify baseline}: the same measurements before the deploy, for {@code verify --baseline}. */
@Command(name = "baseline", mixinStandardHelpOptions = true,
        description = "Measure the service before the deploy (medians over the window) and write them for verify --baseline.")
final class VerifyBaselineCommand implements Callable<Integer> {

    @Mixin
    WatchOptions watch;

    @Mixin
    MetricsOptions metrics;

    @Option(names = "--out", required = true, paramLabel = "FILE.json", description = "Where to write the baseline.")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        return metrics.run("verify-baseline", err, recorder -> {
            VerifySettings settings = watch.settings();
            Baseline b = watch.verifier(settings).baseline(WatchOptions.progress(err, settings.plannedSamples()));
            List<String> missing = b.missing(settings);
            if (!missing.isEmpty()) {
                err.println("migration-delivery: verify baseline: no number for " + String.join(" or ", missing)
                        + " in any sample; no baseline written");
                return ExitCode.COULD_NOT_JUDGE.code();
            }
            b.write(out);
            stdout.println("baseline: " + out + " (" + b.samples() + " samples"
                    + (b.errorRate().isPresent() ? ", error rate " + Limits.percent(b.errorRate().getAsDouble()) : "")
                    + (b.p95LatencySeconds().isPresent() ? ", p95 latency " + Limits.millis(b.p95LatencySeconds().getAsDouble()) : "")
                    + (b.unhealthySamples() > 0 ? "; " + b.unhealthySamples() + " samples had an unhealthy endpoint" : "") + ")");
            stdout.flush();
            return ExitCode.OK.code();
        });
    }
}
