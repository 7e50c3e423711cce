package io.github.migrationdelivery.engine.lint.rules.postgres;

import io.github.migrationdelivery.engine.lint.RuleCategory;
import io.github.migrationdelivery.engine.lint.RuleInfo;
import io.github.migrationdelivery.engine.lint.Severity;
import io.github.migrationdelivery.engine.plan.Dialect;
import io.github.migrationdelivery.engine.sql.TypeRef;

import java.util.Set;

/** New integer/serial columns: 2^31 - 1 is reached sooner than expected, and widening rewrites the table. */
public final class PreferBigintOverInt extends ColumnTypeChoice {

    private static final RuleInfo INFO = new RuleInfo("prefer-bigint-over-int", Severity.WARNING, Set.of(Dialect.POSTGRESQL),
            "New integer or serial column: prefer bigint", false, RuleCategory.DESIGN);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    boolean flags(TypeRef type) {
        return "integer".equals(type.name()) || "serial".equals(type.name());
    }

    @Override
    String message(NewColumn c) {
        return "Column " + c.table() + "." + c.column() + " is " + c.type().text() + ": it overflows at 2,147,483,647 "
                + "(ids and counters get there; then every insert fails), and widening it later rewrites the whole "
                + "table under AccessExclusiveLock. bigint costs 4 bytes more per row.";
    }

    @Override
    String preferred(NewColumn c) {
        return "serial".equals(c.type().name()) ? "bigserial" : "bigint";
    }
}
