package io.github.migrationdelivery.engine.lint.rules.common;

import io.github.migrationdelivery.engine.lint.Rule;
import io.github.migrationdelivery.engine.lint.RuleCategory;
import io.github.migrationdelivery.engine.lint.RuleInfo;
import io.github.migrationdelivery.engine.lint.Severity;
import io.github.migrationdelivery.engine.lint.StatementContext;
import io.github.migrationdelivery.engine.plan.Dialect;
import io.github.migrationdelivery.engine.sql.AlterAction;
import io.github.migrationdelivery.engine.sql.StatementShape;

import java.util.Locale;
import java.util.Set;

/**
 * A foreign key dropped from an existing table: referential integrity is gone from then on. MySQL
 * says DROP FOREIGN KEY; PostgreSQL says DROP CONSTRAINT, so there the rule goes by the name
 * PostgreSQL gives foreign keys ({@code <table>_<column>_fkey}) or the common {@code fk_} naming.
 */
public final class DroppingForeignKey implements Rule {

    private static final RuleInfo INFO = new RuleInfo("dropping-foreign-key", Severity.WARNING, Set.of(Dialect.values()),
            "A foreign key is dropped: the database stops rejecting orphan rows; confirm it is intended", false, RuleCategory.COMPATIBILITY);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public void check(StatementContext ctx) {
        for (AlterAction a : ExistingTableActions.matching(ctx, a -> a.kind() == AlterAction.Kind.DROP_FOREIGN_KEY
                || a.kind() == AlterAction.Kind.DROP_CONSTRAINT && looksLikeForeignKey(a.name()))) {
            StatementShape.AlterTable alter = (StatementShape.AlterTable) ctx.shape();
            String t = StatementText.name(alter.table(), ctx.dialect());
            String add = ctx.dialect().isMysqlFamily()
                    ? "ALTER TABLE " + t + " ADD CONSTRAINT <new_fk> FOREIGN KEY (<column>) REFERENCES <table> (<key>);"
                    : "ALTER TABLE " + t + " ADD CONSTRAINT <new_fk> FOREIGN KEY (<column>) REFERENCES <table> (<key>) "
                            + "NOT VALID;\nALTER TABLE " + t + " VALIDATE CONSTRAINT <new_fk>;";
            ctx.report("Dropping foreign key " + a.name() + " on " + alter.table() + " means the database no longer "
                            + "rejects rows pointing at missing parents (nor cascades deletes, if it did); orphans "
                            + "that appear later are hard to clean up. Confirm this is intended.",
                    "-- If the key moves (new parent, new column), add the new one before dropping the old:\n" + add
                            + "\n-- If it is intended, record why: -- md:allow dropping-foreign-key <reason>");
        }
    }

    static boolean looksLikeForeignKey(String constraintName) {
        String n = constraintName.toLowerCase(Locale.ROOT);
        return n.endsWith("_fkey") || n.endsWith("_fk") || n.startsWith("fk_") || n.contains("_fk_");
    }
}
