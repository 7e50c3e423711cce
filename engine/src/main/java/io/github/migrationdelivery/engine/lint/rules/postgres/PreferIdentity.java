package io.github.migrationdelivery.engine.lint.rules.postgres;

import io.github.migrationdelivery.engine.lint.RuleCategory;
import io.github.migrationdelivery.engine.lint.RuleInfo;
import io.github.migrationdelivery.engine.lint.Severity;
import io.github.migrationdelivery.engine.plan.Dialect;
import io.github.migrationdelivery.engine.sql.TypeRef;

import java.util.Set;

/** New serial columns: identity columns are the SQL-standard replacement without serial's pitfalls. */
public final class PreferIdentity extends ColumnTypeChoice {

    private static final RuleInfo INFO = new RuleInfo("prefer-identity", Severity.WARNING, Set.of(Dialect.POSTGRESQL),
            "New serial column: prefer GENERATED ... AS IDENTITY", false, RuleCategory.DESIGN);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    boolean flags(TypeRef type) {
        return type.name().endsWith("serial");
    }

    @Override
    String message(NewColumn c) {
        return "Column " + c.table() + "." + c.column() + " is " + c.type().text() + ": its sequence is a separate "
                + "object with its own owner and grants (INSERTs fail with permission denied on the sequence), "
                + "CREATE TABLE ... LIKE copies share it, and explicit ids inserted by hand are not blocked. An "
                + "identity column ties the sequence to the column.";
    }

    @Override
    String preferred(NewColumn c) {
        String base = "smallserial".equals(c.type().name()) ? "smallint" : "bigint";
        return base + " GENERATED ALWAYS AS IDENTITY  -- BY DEFAULT if the application inserts its own ids";
    }
}
