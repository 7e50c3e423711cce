package io.github.migrationdelivery.engine.lint;

import io.github.migrationdelivery.engine.plan.Dialect;
import io.github.migrationdelivery.engine.plan.ServerVersion;

import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What the linter needs to know about the target and the team's choices: from
 * {@code .migration-delivery.yml}, overridden by command-line flags.
 *
 * @param disabledRules      rule ids that do not run
 * @param enabledRules       opt-in rule ids that do run
 * @param severityOverrides  rule id to severity
 * @param tableRows          production table sizes, as far as the team told ({@code lint.tableRows}, {@code --table-stats})
 */
public record LintSettings(
        Dialect dialect,
        ServerVersion serverVersion,
        FailLevel failLevel,
        Set<String> disabledRules,
        Set<String> enabledRules,
        Map<String, Severity> severityOverrides,
        TableRows tableRows) {

    public LintSettings {
        Objects.requireNonNull(dialect, "dialect");
        Objects.requireNonNull(serverVersion, "serverVersion");
        Objects.requireNonNull(failLevel, "failLevel");
        disabledRules = Set.copyOf(disabledRules);
        enabledRules = Set.copyOf(enabledRules);
        severityOverrides = Map.copyOf(severityOverrides);
        tableRows = tableRows == null ? TableRows.none() : tableRows;
    }

    /** Settings without table sizes. */
    public LintSettings(Dialect dialect, ServerVersion serverVersion, FailLevel failLevel, Set<String> disabledRules,
                        Set<String> enabledRules, Map<String, Severity> severityOverrides) {
        this(dialect, serverVersion, failLevel, disabledRules, enabledRules, severityOverrides, TableRows.none());
    }

    public static LintSettings defaults(Dialect dialect) {
        return new LintSettings(dialect, dialect.defaultVersion(), FailLevel.ERROR, Set.of(), Set.of(), Map.of());
    }
}
