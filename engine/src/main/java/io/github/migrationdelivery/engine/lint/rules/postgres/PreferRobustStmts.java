package io.github.migrationdelivery.engine.lint.rules.postgres;

import io.github.migrationdelivery.engine.lint.Rule;
import io.github.migrationdelivery.engine.lint.RuleCategory;
import io.github.migrationdelivery.engine.lint.RuleInfo;
import io.github.migrationdelivery.engine.lint.Severity;
import io.github.migrationdelivery.engine.lint.StatementContext;
import io.github.migrationdelivery.engine.lint.rules.common.ChangesetShapes;
import io.github.migrationdelivery.engine.lint.rules.common.StatementText;
import io.github.migrationdelivery.engine.lock.LockImpact;
import io.github.migrationdelivery.engine.plan.Dialect;
import io.github.migrationdelivery.engine.sql.AlterAction;
import io.github.migrationdelivery.engine.sql.StatementShape;
import io.github.migrationdelivery.engine.sql.Token;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Non-idempotent DDL in a changeset that runs outside a transaction, where a retry after a
 * partial failure stops at the statements that already succeeded. Not reported in transactional
 * changesets (they roll back whole) nor inside an explicit BEGIN block, nor for a changeset with a
 * single statement (autocommit makes it all-or-nothing), except CREATE INDEX CONCURRENTLY, which
 * leaves an INVALID index behind when it fails.
 */
public final class PreferRobustStmts implements Rule {

    private static final RuleInfo INFO = new RuleInfo("prefer-robust-stmts", Severity.WARNING, Set.of(Dialect.POSTGRESQL),
            "DDL without IF [NOT] EXISTS in a non-transactional changeset cannot be retried after a partial failure", false, RuleCategory.TRANSACTION);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public void check(StatementContext ctx) {
        if (ctx.changeset().transactional() || ctx.state().explicitTransactionDepth() > 0) {
            return;
        }
        StatementShape shape = ctx.shape();
        boolean concurrentIndex = shape instanceof StatementShape.CreateIndex ci && ci.concurrently() && !ci.ifNotExists();
        if (concurrentIndex && leftoverDroppedFirst(ctx, (StatementShape.CreateIndex) shape)
                || !concurrentIndex && !severalStatements(ctx)) {
            return;
        }
        String fix = fix(ctx, shape);
        if (fix.isEmpty()) {
            return;
        }
        String why = concurrentIndex
                ? "A CREATE INDEX CONCURRENTLY that fails or is cancelled leaves an INVALID index under its name, so "
                        + "running the changeset again fails with \"already exists\" (and IF NOT EXISTS alone would "
                        + "silently keep the unusable index)."
                : "This changeset runs outside a transaction, so when a later statement fails the earlier ones stay "
                        + "applied, and running it again fails on this statement (\"already exists\" / \"does not "
                        + "exist\").";
        ctx.report(LockImpact.NONE, false, why, fix);
    }

    private static boolean severalStatements(StatementContext ctx) {
        return ChangesetShapes.all(ctx).stream()
                .filter(s -> !(s instanceof StatementShape.SetVariable) && !(s instanceof StatementShape.Transaction))
                .count() > 1;
    }

    /** The robust form of CREATE INDEX CONCURRENTLY: DROP INDEX ... IF EXISTS of the same name earlier in the changeset. */
    private static boolean leftoverDroppedFirst(StatementContext ctx, StatementShape.CreateIndex ci) {
        return !ci.name().isEmpty() && ChangesetShapes.before(ctx).stream()
                .anyMatch(s -> s instanceof StatementShape.DropIndex di && di.ifExists()
                        && di.names().stream().anyMatch(n -> n.name().equals(ci.name())));
    }

    /** ADD CONSTRAINT made repeatable by DROP CONSTRAINT IF EXISTS of the same name before it. */
    private static boolean constraintDroppedFirst(StatementContext ctx, StatementShape.AlterTable at, AlterAction add) {
        List<StatementShape> earlier = new ArrayList<>(ChangesetShapes.before(ctx));
        earlier.add(new StatementShape.AlterTable(at.table(), false, false,
                at.actions().subList(0, at.actions().indexOf(add)), "", ""));
        return earlier.stream().anyMatch(s -> s instanceof StatementShape.AlterTable prior
                && prior.table().sameObject(at.table())
                && prior.actions().stream().anyMatch(a -> a.kind() == AlterAction.Kind.DROP_CONSTRAINT && a.ifExists()
                        && a.name().equals(add.name())));
    }

    private static String fix(StatementContext ctx, StatementShape shape) {
        List<Token> tokens = ctx.tokens();
        if (shape instanceof StatementShape.CreateTable ct && !ct.ifNotExists() && !ct.temporary()) {
            return StatementText.insertAfter(ctx, tokens, StatementText.indexOf(tokens, "TABLE", 0), "IF NOT EXISTS") + ";";
        }
        if (shape instanceof StatementShape.CreateIndex ci && !ci.ifNotExists()) {
            int at = StatementText.indexOf(tokens, "INDEX", 0);
            if (ci.concurrently()) {
                return ci.name().isEmpty()
                        ? "-- name the index, so a retry can find and drop the INVALID leftover:\n"
                                + StatementText.insertAfter(ctx, tokens, at + 1, "<table>_<columns>_idx") + ";"
                        : "DROP INDEX CONCURRENTLY IF EXISTS " + StatementText.name(ci.name(), ctx.dialect()) + ";\n"
                                + StatementText.of(ctx, tokens) + ";";
            }
            return ci.name().isEmpty() ? "" : StatementText.insertAfter(ctx, tokens, at, "IF NOT EXISTS") + ";";
        }
        if (shape instanceof StatementShape.DropIndex di && !di.ifExists()) {
            int at = StatementText.indexOf(tokens, "INDEX", 0);
            return StatementText.insertAfter(ctx, tokens, di.concurrently() ? at + 1 : at, "IF EXISTS") + ";";
        }
        if (shape instanceof StatementShape.Drop d && !d.ifExists()) {
            String[] words = d.objectType().split(" ");
            int at = StatementText.indexOf(tokens, words[words.length - 1], 1);
            return at < 0 ? "" : StatementText.insertAfter(ctx, tokens, at, "IF EXISTS") + ";";
        }
        if (shape instanceof StatementShape.AlterTable at) {
            return alterFix(ctx, at);
        }
        return "";
    }

    private static String alterFix(StatementContext ctx, StatementShape.AlterTable at) {
        List<String> before = new ArrayList<>();
        List<String> actions = new ArrayList<>();
        boolean changed = false;
        String table = StatementText.name(at.table(), ctx.dialect());
        for (AlterAction a : at.actions()) {
            List<Token> t = a.tokens();
            String text = StatementText.of(ctx, t);
            switch (a.kind()) {
                case ADD_COLUMN:
                case DROP_COLUMN:
                case DROP_CONSTRAINT:
                    if (!a.ifExists() && t.size() > 1) {
                        int head = t.get(1).is("COLUMN") || t.get(1).is("CONSTRAINT") ? 1 : 0;
                        String kind = a.kind() == AlterAction.Kind.DROP_CONSTRAINT ? "CONSTRAINT" : "COLUMN";
                        String guard = a.kind() == AlterAction.Kind.ADD_COLUMN ? "IF NOT EXISTS" : "IF EXISTS";
                        text = t.get(0).text() + " " + kind + " " + guard + " "
                                + StatementText.of(ctx, t.subList(head + 1, t.size()));
                        changed = true;
                    }
                    break;
                case ADD_CONSTRAINT:
                    if (!a.name().isEmpty() && !constraintDroppedFirst(ctx, at, a)) {
                        before.add("ALTER TABLE " + table + " DROP CONSTRAINT IF EXISTS "
                                + StatementText.name(a.name(), ctx.dialect()) + ";");
                        changed = true;
                    }
                    break;
                default:
                    break;
            }
            actions.add(text);
        }
        if (!changed) {
            return "";
        }
        before.add("ALTER TABLE " + table + " " + String.join(", ", actions) + ";");
        return String.join("\n", before);
    }
}
