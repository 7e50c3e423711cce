package io.github.migrationdelivery.engine.lint;

import io.github.migrationdelivery.engine.plan.Dialect;

import java.util.Objects;
import java.util.Set;

/**
 * A rule's identity and documentation.
 *
 * @param id              stable id, squawk's name where the rule is the same (e.g. {@code require-concurrent-index-creation})
 * @param defaultSeverity severity unless the configuration overrides it
 * @param dialects        the dialects the rule applies to
 * @param summary         one line: what it flags
 * @param optIn           true when the rule runs only if enabled in the configuration
 * @param category        what the rule protects against
 */
public record RuleInfo(String id, Severity defaultSeverity, Set<Dialect> dialects, String summary, boolean optIn,
                       RuleCategory category) {

    public RuleInfo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(defaultSeverity, "defaultSeverity");
        dialects = Set.copyOf(dialects);
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(category, "category");
    }

    /** Where the rule's page lives in this repository. */
    public String docPath() {
        return "docs/rules/" + id + ".md";
    }
}
