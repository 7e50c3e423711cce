package io.github.migrationdelivery.engine.budget;

import io.github.migrationdelivery.engine.plan.SourcePosition;

/**
 * A statement (or the whole run) over budget.
 *
 * @param metric      which limit: {@code write-blocking-lock}, {@code read-blocking-lock},
 *                    {@code blocked-traffic}, {@code statement-duration}, {@code total-duration}
 * @param ruleId      the lint rule that explains it, when one fired on the statement; empty otherwise
 * @param safeRewrite that rule's safe rewrite; empty otherwise
 */
public record Breach(String changeset, SourcePosition position, String statement, String metric, long measuredMs,
                     long limitMs, String ruleId, String safeRewrite) {

    /** One line for a log: where, what, how much over. */
    public String oneLine() {
        return position + ": " + metric + " " + measuredMs + " ms > " + limitMs + " ms"
                + (ruleId.isEmpty() ? "" : " [" + ruleId + "]") + ": " + statement;
    }
}
