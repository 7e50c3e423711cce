package io.github.migrationdelivery.engine.lint.rules.common;

import io.github.migrationdelivery.engine.lint.Rule;
import io.github.migrationdelivery.engine.lint.RuleCategory;
import io.github.migrationdelivery.engine.lint.RuleInfo;
import io.github.migrationdelivery.engine.lint.Severity;
import io.github.migrationdelivery.engine.lint.StatementContext;
import io.github.migrationdelivery.engine.plan.Dialect;
import io.github.migrationdelivery.engine.sql.AlterAction;
import io.github.migrationdelivery.engine.sql.ConstraintDef;
import io.github.migrationdelivery.engine.sql.QualifiedName;
import io.github.migrationdelivery.engine.sql.StatementShape;

import java.util.Set;

/**
 * CREATE TABLE without a primary key (also none added by a later ALTER TABLE of the same
 * changeset). Temporary tables, CREATE TABLE ... AS/LIKE (copies and backups) and partitions
 * (which inherit the parent's key) are not reported.
 */
public final class RequirePrimaryKey implements Rule {

    private static final RuleInfo INFO = new RuleInfo("require-primary-key", Severity.WARNING, Set.of(Dialect.values()),
            "CREATE TABLE without a primary key", false, RuleCategory.DESIGN);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public void check(StatementContext ctx) {
        if (!(ctx.shape() instanceof StatementShape.CreateTable ct) || ct.temporary() || ct.asSelect() || ct.partitionOf()
                || ct.columns().stream().anyMatch(c -> c.primaryKey())
                || ct.constraints().stream().anyMatch(c -> c.type() == ConstraintDef.Type.PRIMARY_KEY)
                || primaryKeyAddedLater(ctx, ct.table())) {
            return;
        }
        String t = StatementText.name(ct.table(), ctx.dialect());
        if (ctx.dialect().isMysqlFamily()) {
            ctx.report("Table " + ct.table() + " has no primary key. InnoDB then clusters rows on a hidden row id "
                            + "(one counter shared by all such tables), row-based replicas search the table for every "
                            + "row changed, Galera cluster cannot certify its DELETEs, online schema-change tools "
                            + "(gh-ost, pt-online-schema-change) refuse it, and sql_require_primary_key rejects it.",
                    "CREATE TABLE " + t + " (\n    id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,\n    ...\n);\n"
                            + "-- or a natural key: PRIMARY KEY (<columns>)");
            return;
        }
        ctx.report("Table " + ct.table() + " has no primary key. Logical replication cannot replicate its UPDATEs and "
                        + "DELETEs (they fail on the publisher unless REPLICA IDENTITY FULL, which scans the subscriber "
                        + "per row), pg_repack refuses it, and duplicate rows cannot be told apart.",
                "CREATE TABLE " + t + " (\n    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,\n    ...\n);\n"
                        + "-- or a natural key: PRIMARY KEY (<columns>)");
    }

    private static boolean primaryKeyAddedLater(StatementContext ctx, QualifiedName table) {
        return ChangesetShapes.all(ctx).stream()
                .filter(s -> s instanceof StatementShape.AlterTable a && a.table().sameObject(table))
                .flatMap(s -> ((StatementShape.AlterTable) s).actions().stream())
                .anyMatch(a -> a.kind() == AlterAction.Kind.ADD_CONSTRAINT && a.constraint() != null
                        && a.constraint().type() == ConstraintDef.Type.PRIMARY_KEY);
    }
}
