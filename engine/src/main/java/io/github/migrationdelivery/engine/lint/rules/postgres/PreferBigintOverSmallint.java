package io.github.migrationdelivery.engine.lint.rules.postgres;

import io.github.migrationdelivery.engine.lint.RuleCategory;
import io.github.migrationdelivery.engine.lint.RuleInfo;
import io.github.migrationdelivery.engine.lint.Severity;
import io.github.migrationdelivery.engine.plan.Dialect;
import io.github.migrationdelivery.engine.sql.TypeRef;

import java.util.Set;

/** New smallint/smallserial columns: 32,767 is small, and widening rewrites the table. */
public final class PreferBigintOverSmallint extends ColumnTypeChoice {

    private static final RuleInfo INFO = new RuleInfo("prefer-bigint-over-smallint", Severity.WARNING,
            Set.of(Dialect.POSTGRESQL), "New smallint or smallserial column: prefer bigint", false, RuleCategory.DESIGN);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    boolean flags(TypeRef type) {
        return "smallint".equals(type.name()) || "smallserial".equals(type.name());
    }

    @Override
    String message(NewColumn c) {
        return "Column " + c.table() + "." + c.column() + " is " + c.type().text() + ": it overflows at 32,767, and "
                + "widening it later rewrites the whole table under AccessExclusiveLock. Alignment padding often "
                + "makes the saving of a smallint zero.";
    }

    @Override
    String preferred(NewColumn c) {
        return "smallserial".equals(c.type().name()) ? "bigserial" : "bigint";
    }
}
