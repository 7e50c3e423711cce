package io.github.migrationdelivery.engine.config;

import io.github.migrationdelivery.engine.budget.LockBudget;
import io.github.migrationdelivery.engine.lint.FailLevel;
import io.github.migrationdelivery.engine.lint.Severity;
import io.github.migrationdelivery.engine.plan.Dialect;
import io.github.migrationdelivery.engine.plan.ServerVersion;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The team's settings from {@code .migration-delivery.yml}. Every field is optional; a flag on
 * the command line wins over the file.
 *
 * @param source            the file it came from; empty for defaults
 * @param productionUrl     the production JDBC URL, so a dry-run never targets it
 * @param budget            the {@code budget:} section's limits only (no defaults applied);
 *                          {@link LockBudget#none()} when absent
 * @param dryRun            the {@code dryRun:} section
 * @param backup            the {@code backup:} section
 */
public record ProjectConfig(
        Optional<Path> source,
        Optional<Dialect> dialect,
        Optional<ServerVersion> serverVersion,
        Optional<FailLevel> failOn,
        Set<String> disabledRules,
        Set<String> enabledRules,
        Map<String, Severity> severityOverrides,
        Optional<String> productionUrl,
        LockBudget budget,
        DryRunConfig dryRun,
        BackupConfig backup) {

    public ProjectConfig {
        backup = backup == null ? BackupConfig.empty() : backup;
        budget = budget == null ? LockBudget.none() : budget;
        dryRun = dryRun == null ? DryRunConfig.empty() : dryRun;
        disabledRules = Set.copyOf(disabledRules);
        enabledRules = Set.copyOf(enabledRules);
        severityOverrides = Map.copyOf(severityOverrides);
    }

    public static ProjectConfig empty() {
        return new ProjectConfig(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Set.of(), Set.of(), Map.of(), Optional.empty(), LockBudget.none(), DryRunConfig.empty(), BackupConfig.empty());
    }

    /** A configuration without a {@code backup:} section. */
    public ProjectConfig(Optional<Path> source, Optional<Dialect> dialect, Optional<ServerVersion> serverVersion,
                         Optional<FailLevel> failOn, Set<String> disabledRules, Set<String> enabledRules,
                         Map<String, Severity> severityOverrides, Optional<String> productionUrl, LockBudget budget,
                         DryRunConfig dryRun) {
        this(source, dialect, serverVersion, failOn, disabledRules, enabledRules, severityOverrides, productionUrl,
                budget, dryRun, BackupConfig.empty());
    }

    /** A configuration without {@code budget:} and {@code dryRun:} sections. */
    public ProjectConfig(Optional<Path> source, Optional<Dialect> dialect, Optional<ServerVersion> serverVersion,
                         Optional<FailLevel> failOn, Set<String> disabledRules, Set<String> enabledRules,
                         Map<String, Severity> severityOverrides, Optional<String> productionUrl) {
        this(source, dialect, serverVersion, failOn, disabledRules, enabledRules, severityOverrides, productionUrl,
                LockBudget.none(), DryRunConfig.empty());
    }
}
