package io.github.migrationdelivery.engine.lint.rules.mysql;

import io.github.migrationdelivery.engine.lint.Indexes;
import io.github.migrationdelivery.engine.lint.RuleCategory;
import io.github.migrationdelivery.engine.lint.RuleInfo;
import io.github.migrationdelivery.engine.lint.Severity;
import io.github.migrationdelivery.engine.lint.StatementContext;
import io.github.migrationdelivery.engine.plan.Dialect;
import io.github.migrationdelivery.engine.sql.AlterAction;
import io.github.migrationdelivery.engine.sql.ConstraintDef;
import io.github.migrationdelivery.engine.sql.QualifiedName;
import io.github.migrationdelivery.engine.sql.StatementShape;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * MY-IDX-03: an index that another index of the same table makes redundant: the same columns,
 * or a leading prefix of a longer index (which serves the same lookups). Every index slows every
 * write and takes buffer pool space. Only indexes the plan created are known.
 */
public final class MysqlRedundantIndex extends AddedIndexRule {

    private static final RuleInfo INFO = new RuleInfo("mysql-redundant-index", Severity.WARNING, Set.of(Dialect.MARIADB, Dialect.MYSQL),
            "index that duplicates, or is a leading prefix of, another index of the table", false, RuleCategory.DESIGN);

    public MysqlRedundantIndex() {
        super(INFO);
    }

    @Override
    void check(StatementContext ctx, QualifiedName table, List<ConstraintDef> added) {
        List<ConstraintDef> known = new ArrayList<>(ctx.state().indexes(table));
        if (ctx.shape() instanceof StatementShape.AlterTable alter) {
            // indexes the same statement drops before adding the new ones
            for (AlterAction a : alter.actions()) {
                if (a.kind() == AlterAction.Kind.DROP_INDEX || a.kind() == AlterAction.Kind.DROP_CONSTRAINT) {
                    known.removeIf(i -> i.name().equalsIgnoreCase(a.name()));
                } else if (a.kind() == AlterAction.Kind.DROP_PRIMARY_KEY) {
                    known.removeIf(i -> i.type() == ConstraintDef.Type.PRIMARY_KEY);
                }
            }
        }
        for (ConstraintDef index : added) {
            for (ConstraintDef other : known) {
                if (redundant(ctx, table, index, other, true) || redundant(ctx, table, other, index, false)) {
                    break;
                }
            }
            known.add(index);
        }
    }

    /**
     * Reports when {@code spare} is redundant next to {@code kept}: a plain index whose columns
     * lead {@code kept}'s, or a unique key with exactly {@code kept}'s columns when {@code kept}
     * is the primary key or another unique key.
     */
    private static boolean redundant(StatementContext ctx, QualifiedName table, ConstraintDef spare, ConstraintDef kept,
                                     boolean spareIsNew) {
        if (!Indexes.startsWith(kept.columns(), spare.columns())) {
            return false;
        }
        boolean same = kept.columns().size() == spare.columns().size();
        boolean plain = spare.type() == ConstraintDef.Type.INDEX;
        if (!plain && !(same && spare.type() == ConstraintDef.Type.UNIQUE && kept.type() != ConstraintDef.Type.INDEX)) {
            return false; // a unique key leading a longer index still enforces something the longer one does not
        }
        String t = OnlineDdl.name(table);
        String spareName = describe(spare);
        String keptName = describe(kept);
        String why = same
                ? spareName + " has the same columns as " + keptName
                : keptName + " starts with the columns of " + spareName + " and serves every lookup it serves";
        ctx.report(Character.toUpperCase(why.charAt(0)) + why.substring(1) + ", so " + spareName + " is redundant: it makes every insert, update and delete on " + t
                        + " do one more index write and takes buffer pool memory, for no query it speeds up.",
                spareIsNew
                        ? "-- leave out " + spareName + ": " + keptName + " already serves its lookups"
                        : "-- " + spareName + " is redundant once this index exists; drop it (in place, no table copy):\n"
                        + "ALTER TABLE " + t + " DROP INDEX " + (spare.name().isEmpty() ? "<name of " + spareName + ">"
                        : OnlineDdl.name(spare.name())) + ", ALGORITHM=INPLACE, LOCK=NONE;");
        return true;
    }

    private static String describe(ConstraintDef index) {
        String columns = "(" + String.join(", ", index.columns()) + ")";
        return switch (index.type()) {
            case PRIMARY_KEY -> "the primary key " + columns;
            case UNIQUE -> "unique key " + (index.name().isEmpty() ? "" : index.name() + " ") + columns;
            default -> "index " + (index.name().isEmpty() ? "" : index.name() + " ") + columns;
        };
    }
}
