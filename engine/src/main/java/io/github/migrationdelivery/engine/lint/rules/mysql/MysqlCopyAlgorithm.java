package io.github.migrationdelivery.engine.lint.rules.mysql;

import io.github.migrationdelivery.engine.lint.Rule;
import io.github.migrationdelivery.engine.lint.RuleCategory;
import io.github.migrationdelivery.engine.lint.RuleInfo;
import io.github.migrationdelivery.engine.lint.Severity;
import io.github.migrationdelivery.engine.lint.StatementContext;
import io.github.migrationdelivery.engine.lock.MysqlDdl;
import io.github.migrationdelivery.engine.lock.MysqlDdl.Algorithm;
import io.github.migrationdelivery.engine.lock.MysqlLocks;
import io.github.migrationdelivery.engine.plan.Dialect;
import io.github.migrationdelivery.engine.sql.AlterAction;
import io.github.migrationdelivery.engine.sql.ColumnDef;
import io.github.migrationdelivery.engine.sql.ConstraintDef;
import io.github.migrationdelivery.engine.sql.StatementShape;
import io.github.migrationdelivery.engine.sql.TypeRef;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** MY-ALG-01: an ALTER whose predicted algorithm is COPY: the table is copied row by row while writes wait. */
public final class MysqlCopyAlgorithm implements Rule {

    private static final RuleInfo INFO = new RuleInfo("mysql-copy-algorithm", Severity.ERROR, Set.of(Dialect.MARIADB, Dialect.MYSQL),
            "ALTER TABLE that the server runs with ALGORITHM=COPY on an existing table", false, RuleCategory.LOCKING);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public void check(StatementContext ctx) {
        OnlineDdl.alterOfExistingTable(ctx).ifPresent(alter -> {
            List<String> causes = new ArrayList<>();
            for (AlterAction a : alter.actions()) {
                if (a.kind() != AlterAction.Kind.ALGORITHM && a.kind() != AlterAction.Kind.LOCK
                        && OnlineDdl.algorithm(ctx, alter, a) == Algorithm.COPY) {
                    causes.add(cause(ctx, alter, a));
                }
            }
            Algorithm requested = MysqlLocks.algorithmOption(alter.algorithm());
            if (requested == Algorithm.COPY) {
                causes.add("the statement asks for ALGORITHM=COPY");
            }
            if (causes.isEmpty()) {
                return;
            }
            String table = OnlineDdl.name(alter.table());
            boolean refused = requested != null && requested != Algorithm.COPY
                    || MysqlLocks.lockOption(alter.lock()) == MysqlDdl.LockOption.NONE;
            String message = refused
                    ? "This change needs ALGORITHM=COPY (" + String.join("; ", causes) + "), so the server refuses the"
                    + " statement's ALGORITHM/LOCK=NONE clause and the migration fails; without the clause it would copy "
                    + table + " row by row while writes wait."
                    : table + " is copied row by row into a new table (ALGORITHM=COPY) because " + String.join("; ", causes)
                    + ": inserts, updates and deletes on " + table + " wait for the whole copy (reads continue), the"
                    + " table needs twice its disk space meanwhile, and replicas lag by the copy's duration.";
            ctx.report(OnlineDdl.copyImpact(alter), true, message,
                    OnlineDdl.onlineSchemaChange(ctx, alter.table(), OnlineDdl.changeList(ctx, alter))
                            + "\n# or expand/contract: add a new column with the new definition (INSTANT), backfill it in"
                            + " batches, switch the application, then drop the old column in a later changeset.");
        });
    }

    private static String cause(StatementContext ctx, StatementShape.AlterTable alter, AlterAction a) {
        switch (a.kind()) {
            case MODIFY_COLUMN: {
                Optional<TypeRef> current = OnlineDdl.currentType(ctx, alter.table(), a.column());
                String newType = a.definition() == null || a.definition().type() == null ? "?" : a.definition().type().text();
                return current.map(t -> "column " + a.column() + " changes type from " + t.text() + " to " + newType)
                        .orElse("MODIFY/CHANGE of column " + a.column() + " restates its type as " + newType
                                + " and the plan does not know the current type, so a type change is assumed");
            }
            case DROP_PRIMARY_KEY:
                return "DROP PRIMARY KEY without adding a new one makes InnoDB rebuild the clustered index";
            case CONVERT_CHARSET:
                return "CONVERT TO CHARACTER SET re-encodes every row";
            case ADD_CONSTRAINT:
                return a.constraint() != null && a.constraint().type() == ConstraintDef.Type.CHECK
                        ? "ADD CHECK validates every row" : "ADD FOREIGN KEY with foreign_key_checks=1 checks every row";
            case ADD_COLUMN:
                ColumnDef d = a.definition();
                if (d != null && d.autoIncrement()) {
                    return "the new column " + d.name() + " is AUTO_INCREMENT";
                }
                if (d != null && d.generatedStored()) {
                    return "the new column " + d.name() + " is a STORED generated column";
                }
                return "the new column " + a.column() + " has an expression default computed for every row";
            default:
                return OnlineDdl.text(ctx, a.tokens()) + " cannot run in place";
        }
    }
}
