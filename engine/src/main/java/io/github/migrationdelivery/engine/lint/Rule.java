package io.github.migrationdelivery.engine.lint;

/**
 * A lint rule. Implementations live one per file under {@code lint.rules.<dialect>}, have a
 * public no-argument constructor, and register in
 * {@code META-INF/services/io.github.migrationdelivery.engine.lint.Rule}: adding a rule never
 * means editing a switch elsewhere. Rules are stateless; what they need to remember about earlier
 * statements is in {@link PlanState}.
 */
public interface Rule {

    RuleInfo info();

    /** Looks at one statement; reports through {@link StatementContext#report}. */
    void check(StatementContext ctx);

    /** Called after a changeset's last statement, with that statement's context. */
    default void atChangesetEnd(StatementContext last) {
    }
}
