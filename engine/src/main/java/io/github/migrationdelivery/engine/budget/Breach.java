package io.github.migrationdelivery.engine.budget;

import io.github.migrationdelivery.engine.plan.SourcePosition;

/**
 * A statement (or the whole run) over budget.
 *
 * @param changeset   the changeset's display name; empty for the run's total
 * @param position    the statement's place (the plan's first file for the run's total)
 * @param statement   the statement's text; empty for the run's total
 * @param metric      which limit: {@code write-blocking-lock}, {@code read-blocking-lock},
 *                    {@code blocked-traffic}, {@code statement-duration}, {@code total-duration}
 * @param ruleId      the lint rule that explains it, when one fired on the statement; empty otherwise
 * @param safeRewrite that rule's safe rewrite; empty otherwise
 * @param why         that rule's explanation of why the statement hurts; empty otherwise
 */
public record Breach(String changeset, SourcePosition position, String statement, String metric, long measuredMs,
                     long limitMs, String ruleId, String safeRewrite, String why) {

    public static final String WRITE_BLOCKING_LOCK = "write-blocking-lock";
    public static final String READ_BLOCKING_LOCK = "read-blocking-lock";
    public static final String BLOCKED_TRAFFIC = "blocked-traffic";
    public static final String STATEMENT_DURATION = "statement-duration";
    public static final String TOTAL_DURATION = "total-duration";

    public Breach {
        changeset = changeset == null ? "" : changeset;
        statement = statement == null ? "" : statement;
        ruleId = ruleId == null ? "" : ruleId;
        safeRewrite = safeRewrite == null ? "" : safeRewrite;
        why = why == null ? "" : why;
    }

    /** A breach without an explanation from lint. */
    public Breach(String changeset, SourcePosition position, String statement, String metric, long measuredMs,
                  long limitMs, String ruleId, String safeRewrite) {
        this(changeset, position, statement, metric, measuredMs, limitMs, ruleId, safeRewrite, "");
    }

    /** One line for a log: where, what, how much over. */
    public String oneLine() {
        return position + ": " + metric + " " + measuredMs + " ms > " + limitMs + " ms"
                + (ruleId.isEmpty() ? "" : " [" + ruleId + "]") + (statement.isEmpty() ? "" : ": " + statement);
    }
}
