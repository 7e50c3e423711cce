package io.github.migrationdelivery.engine.lint;

import io.github.migrationdelivery.engine.lock.LockImpact;
import io.github.migrationdelivery.engine.plan.Changeset;
import io.github.migrationdelivery.engine.plan.Dialect;
import io.github.migrationdelivery.engine.plan.ServerVersion;
import io.github.migrationdelivery.engine.plan.SourcePosition;
import io.github.migrationdelivery.engine.plan.Statement;
import io.github.migrationdelivery.engine.sql.QualifiedName;
import io.github.migrationdelivery.engine.sql.SqlText;
import io.github.migrationdelivery.engine.sql.StatementShape;
import io.github.migrationdelivery.engine.sql.Token;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;

/** What a rule sees of one statement, and where it reports. */
public final class StatementContext {

    private final Statement statement;
    private final List<Token> tokens;
    private final StatementShape shape;
    private final Changeset changeset;
    private final LintSettings settings;
    private final PlanState state;
    private final LockImpact lock;
    private String excerpt;
    private final List<StatementShape> changesetShapes;
    private final Consumer<Finding> sink;
    private final Map<Finding, Predicate<PlanState>> provisional;
    private RuleInfo rule;

    /** @param provisional where findings the end of the plan may settle go too, with their condition (identity-keyed) */
    StatementContext(Statement statement, List<Token> tokens, StatementShape shape, Changeset changeset,
                     LintSettings settings, PlanState state, LockImpact lock,
                     List<StatementShape> changesetShapes, Consumer<Finding> sink,
                     Map<Finding, Predicate<PlanState>> provisional) {
        this.statement = statement;
        this.tokens = tokens;
        this.shape = shape;
        this.changeset = changeset;
        this.settings = settings;
        this.state = state;
        this.lock = lock;
        this.changesetShapes = changesetShapes;
        this.sink = sink;
        this.provisional = provisional;
    }

    /** Called by the linter before each rule runs. */
    StatementContext forRule(RuleInfo info) {
        this.rule = info;
        return this;
    }

    public Statement statement() {
        return statement;
    }

    /** The statement as reports show it: without the comments above it, white space folded, cut at 400 characters. */
    public String excerpt() {
        if (excerpt == null) {
            excerpt = SqlText.excerpt(statement.sql(), 400);
        }
        return excerpt;
    }

    /** The statement's tokens without comments. */
    public List<Token> tokens() {
        return tokens;
    }

    public StatementShape shape() {
        return shape;
    }

    public Changeset changeset() {
        return changeset;
    }

    public LintSettings settings() {
        return settings;
    }

    public Dialect dialect() {
        return settings.dialect();
    }

    public ServerVersion serverVersion() {
        return settings.serverVersion();
    }

    /** The shapes of every statement of the changeset, in order (this one is at {@code state().statementIndex()}). */
    public List<StatementShape> changesetShapes() {
        return changesetShapes;
    }

    public PlanState state() {
        return state;
    }

    /** The lock the statement takes, from the dialect's lock table ({@link LockImpact#NONE} when none). */
    public LockImpact lock() {
        return lock;
    }

    /** Reports with the statement's lock, no rewrite. */
    public void report(String message, String safeRewrite) {
        report(lock, false, message, safeRewrite);
    }

    public void report(LockImpact lockImpact, boolean rewritesTable, String message, String safeRewrite) {
        report(rule.defaultSeverity(), lockImpact, rewritesTable, message, safeRewrite);
    }

    /** Reports with a severity other than the rule's default (e.g. a warning where the rule cannot be sure). */
    public void report(Severity severity, LockImpact lockImpact, boolean rewritesTable, String message, String safeRewrite) {
        sink.accept(finding(severity, lockImpact, rewritesTable, message, safeRewrite));
    }

    /**
     * Reports a finding that the rest of the plan may settle: it is dropped when {@code settled}
     * holds for the state after the plan's last statement (an index a later changeset creates,
     * say). Changesets are linted before the plan's end is known; this is how a rule looks ahead.
     * Meant for advice: a dropped finding still counted when the changeset's blocking flag was set.
     */
    public void reportUnlessSettled(Predicate<PlanState> settled, Severity severity, LockImpact lockImpact,
                                    boolean rewritesTable, String message, String safeRewrite) {
        Finding f = finding(severity, lockImpact, rewritesTable, message, safeRewrite);
        provisional.put(f, settled);
        sink.accept(f);
    }

    /**
     * Reports, with no lock, something of the changeset that is not this statement: a change
     * element placed at {@code position} and shown as {@code excerpt} (Liquibase {@code <executeCommand>}).
     */
    public void reportAt(SourcePosition position, String excerpt, String message, String safeRewrite) {
        sink.accept(new Finding(rule.id(), rule.defaultSeverity(), position, changeset.displayName(), excerpt,
                LockImpact.NONE, false, message, safeRewrite));
    }

    private Finding finding(Severity severity, LockImpact lockImpact, boolean rewritesTable, String message, String safeRewrite) {
        return new Finding(rule.id(), severity, statement.position(), changeset.displayName(), excerpt(),
                lockImpact, rewritesTable, withTableSizes(message), safeRewrite);
    }

    /**
     * A lock finding's message with the production size of the tables the statement locks, where
     * the team told it ({@link LintSettings#tableRows()}): how long a lock or rewrite lasts is
     * what a reviewer weighs, and it depends on that size.
     */
    private String withTableSizes(String message) {
        TableRows rows = settings.tableRows();
        if (rows.rows().isEmpty() || rule.category() != RuleCategory.LOCKING) {
            return message;
        }
        List<String> sizes = new ArrayList<>();
        for (QualifiedName table : shape.tables()) {
            if (rows.of(table).isPresent() && !state.createdInPlan(table)) {
                sizes.add(rows.label(table, table.toString()));
            }
        }
        return sizes.isEmpty() ? message : message + " Production size: " + String.join(", ", sizes) + ".";
    }
}
