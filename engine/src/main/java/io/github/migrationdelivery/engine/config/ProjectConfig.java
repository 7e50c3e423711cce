package io.github.migrationdelivery.engine.config;

import io.github.migrationdelivery.engine.approval.ApprovalPolicy;
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
 * @param approval          the {@code approval:} section over the defaults ({@link ApprovalPolicy#defaults()})
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
        ApprovalPolicy approval) {

    public ProjectConfig {
        budget = budget == null ? LockBudget.none() : budget;
        approval = approval == null ? ApprovalPolicy.defaults() : approval;
        dryRun = dryRun == null ? DryRunConfig.empty() : dryRun;
        disabledRules = Set.copyOf(disabledRules);
        enabledRules = Set.copyOf(enabledRules);
        severityOverrides = Map.copyOf(severityOverrides);
    }

    public static ProjectConfig empty() {
        return new ProjectConfig(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Set.of(), Set.of(), Map.of(), Optional.empty(), LockBudget.none(), DryRunConfig.empty(), ApprovalPolicy.defaults());
    }

    /** A configuration without {@code budget:}, {@code dryRun:} and {@code approval:} sections. */
    public ProjectConfig(Optional<Path> source, Optional<Dialect> dialect, Optional<ServerVersion> serverVersion,
                         Optional<FailLevel> failOn, Set<String> disabledRules, Set<String> enabledRules,
                         Map<String, Severity> severityOverrides, Optional<String> productionUrl) {
        this(source, dialect, serverVersion, failOn, disabledRules, enabledRules, severityOverrides, productionUrl,
                LockBudget.none(), DryRunConfig.empty(), ApprovalPolicy.defaults());
    }
}
