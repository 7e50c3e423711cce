package io.github.migrationdelivery.engine.lint.rules.postgres;

import io.github.migrationdelivery.engine.lint.RuleCategory;
import io.github.migrationdelivery.engine.lint.RuleInfo;
import io.github.migrationdelivery.engine.lint.Severity;
import io.github.migrationdelivery.engine.plan.Dialect;
import io.github.migrationdelivery.engine.sql.TypeRef;

import java.util.Set;

/** New timestamp (without time zone) columns: the instant they mean depends on the writer's time zone. */
public final class PreferTimestampTz extends ColumnTypeChoice {

    private static final RuleInfo INFO = new RuleInfo("prefer-timestamp-tz", Severity.WARNING, Set.of(Dialect.POSTGRESQL),
            "New timestamp without time zone column: prefer timestamptz", false, RuleCategory.DESIGN);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    boolean flags(TypeRef type) {
        return "timestamp".equals(type.name());
    }

    @Override
    String message(NewColumn c) {
        return "Column " + c.table() + "." + c.column() + " is " + c.type().text() + ": it stores wall-clock time with "
                + "no offset, so values written by sessions in different time zones (or across a DST change) cannot be "
                + "compared, and converting it later rewrites the table. timestamptz stores the instant, in 8 bytes "
                + "too.";
    }

    @Override
    String preferred(NewColumn c) {
        return withArgs("timestamptz", c.type());
    }
}
