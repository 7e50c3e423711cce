package io.github.migrationdelivery.engine.config;

import io.github.migrationdelivery.engine.approval.ApprovalPolicy;
import io.github.migrationdelivery.engine.budget.LockBudget;
import io.github.migrationdelivery.engine.lint.FailLevel;
import io.github.migrationdelivery.engine.lint.LintResult;
import io.github.migrationdelivery.engine.lint.LintSettings;
import io.github.migrationdelivery.engine.lint.NamingConvention;
import io.github.migrationdelivery.engine.lint.Linter;
import io.github.migrationdelivery.engine.lint.RuleCatalogue;
import io.github.migrationdelivery.engine.lint.Severity;
import io.github.migrationdelivery.engine.lint.TableRows;
import io.github.migrationdelivery.engine.plan.Dialect;
import io.github.migrationdelivery.engine.plan.Plan;
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
 * @param migrate           the {@code migrate:} section
 * @param approval          the {@code approval:} section over the defaults ({@link ApprovalPolicy#defaults()})
 * @param backup            the {@code backup:} section
 * @param tableRows         the {@code lint:} section: production table sizes and the large-table threshold
 * @param naming            the {@code lint.naming} section: the names the team allows
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
        MigrateConfig migrate,
        ApprovalPolicy approval,
        BackupConfig backup,
        TableRows tableRows,
        NamingConvention naming) {

    public ProjectConfig {
        backup = backup == null ? BackupConfig.empty() : backup;
        tableRows = tableRows == null ? TableRows.none() : tableRows;
        naming = naming == null ? NamingConvention.defaults() : naming;
        budget = budget == null ? LockBudget.none() : budget;
        approval = approval == null ? ApprovalPolicy.defaults() : approval;
        dryRun = dryRun == null ? DryRunConfig.empty() : dryRun;
        migrate = migrate == null ? MigrateConfig.empty() : migrate;
        disabledRules = Set.copyOf(disabledRules);
        enabledRules = Set.copyOf(enabledRules);
        severityOverrides = Map.copyOf(severityOverrides);
    }

    public static ProjectConfig empty() {
        return new ProjectConfig(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Set.of(), Set.of(), Map.of(), Optional.empty(), LockBudget.none(), DryRunConfig.empty(),
                MigrateConfig.empty(), ApprovalPolicy.defaults(), BackupConfig.empty(), TableRows.none(), null);
    }

    /** A configuration without {@code budget:}, {@code dryRun:}, {@code migrate:} and {@code approval:} sections. */
    public ProjectConfig(Optional<Path> source, Optional<Dialect> dialect, Optional<ServerVersion> serverVersion,
                         Optional<FailLevel> failOn, Set<String> disabledRules, Set<String> enabledRules,
                         Map<String, Severity> severityOverrides, Optional<String> productionUrl) {
        this(source, dialect, serverVersion, failOn, disabledRules, enabledRules, severityOverrides, productionUrl,
                LockBudget.none(), DryRunConfig.empty(), MigrateConfig.empty(), ApprovalPolicy.defaults(), BackupConfig.empty(),
                TableRows.none(), null);
    }

    /** This configuration with {@code more} table sizes, which win over the file's (e.g. estimates read from a database). */
    public ProjectConfig withTableRows(Map<String, Long> more) {
        return new ProjectConfig(source, dialect, serverVersion, failOn, disabledRules, enabledRules, severityOverrides,
                productionUrl, budget, dryRun, migrate, approval, backup, tableRows.with(more), naming);
    }

    /** Lints a plan with this project's rule settings (the lint, dry-run and check commands, and the Jenkins step). */
    public LintResult lint(Plan plan, ServerVersion version, FailLevel level) {
        LintSettings settings = new LintSettings(plan.dialect(), version, level, disabledRules, enabledRules,
                severityOverrides, tableRows, naming);
        return new Linter(settings, RuleCatalogue.load()).lint(plan);
    }
}
