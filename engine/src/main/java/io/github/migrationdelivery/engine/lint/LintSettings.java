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
 * @param naming             the names the team allows ({@code lint.naming})
 */
public record LintSettings(
        Dialect dialect,
        ServerVersion serverVersion,
        FailLevel failLevel,
        Set<String> disabledRules,
        Set<String> enabledRules,
        Map<String, Severity> severityOverrides,
        TableRows tableRows,
        NamingConvention naming) {

    public LintSettings {
        Objects.requireNonNull(dialect, "dialect");
        Objects.requireNonNull(serverVersion, "serverVersion");
        Objects.requireNonNull(failLevel, "failLevel");
        disabledRules = Set.copyOf(disabledRules);
        enabledRules = Set.copyOf(enabledRules);
        severityOverrides = Map.copyOf(severityOverrides);
        tableRows = tableRows == null ? TableRows.none() : tableRows;
        naming = naming == null ? NamingConvention.defaults() : naming;
    }

    /** Settings with the default naming convention. */
    public LintSettings(Dialect dialect, ServerVersion serverVersion, FailLevel failLevel, Set<String> disabledRules,
                        Set<String> enabledRules, Map<String, Severity> severityOverrides, TableRows tableRows) {
        this(dialect, serverVersion, failLevel, disabledRules, enabledRules, severityOverrides, tableRows, null);
    }

    /** Settings without table sizes. */
    public LintSettings(Dialect dialect, ServerVersion serverVersion, FailLevel failLevel, Set<String> disabledRules,
                        Set<String> enabledRules, Map<String, Severity> severityOverrides) {
        this(dialect, serverVersion, failLevel, disabledRules, enabledRules, severityOverrides, TableRows.none(), null);
    }

    /** True when opt-in rule {@code id} runs: enabled by name, or the naming rule with {@code lint.naming} configured. */
    public boolean enables(String id) {
        return enabledRules.contains(id)
                || naming.configured() && NamingConvention.RULE_ID.equals(id) && !disabledRules.contains(id);
    }

    public static LintSettings defaults(Dialect dialect) {
        return new LintSettings(dialect, dialect.defaultVersion(), FailLevel.ERROR, Set.of(), Set.of(), Map.of());
    }
}
