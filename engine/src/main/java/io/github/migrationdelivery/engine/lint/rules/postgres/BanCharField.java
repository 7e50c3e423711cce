package io.github.migrationdelivery.engine.lint.rules.postgres;

import io.github.migrationdelivery.engine.lint.RuleCategory;
import io.github.migrationdelivery.engine.lint.RuleInfo;
import io.github.migrationdelivery.engine.lint.Severity;
import io.github.migrationdelivery.engine.plan.Dialect;
import io.github.migrationdelivery.engine.sql.TypeRef;

import java.util.Set;

/** New char(n) columns: blank-padded, no faster, and surprising in comparisons. */
public final class BanCharField extends ColumnTypeChoice {

    private static final RuleInfo INFO = new RuleInfo("ban-char-field", Severity.WARNING, Set.of(Dialect.POSTGRESQL),
            "New char(n) column: prefer text", false, RuleCategory.DESIGN);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    boolean flags(TypeRef type) {
        return "char".equals(type.name());
    }

    @Override
    String message(NewColumn c) {
        return "Column " + c.table() + "." + c.column() + " is " + c.type().text() + ": values are padded with blanks "
                + "to the full length, trailing blanks are ignored in some comparisons and not in others (LIKE, "
                + "concatenation), and it is the slowest of the string types in PostgreSQL.";
    }

    @Override
    String preferred(NewColumn c) {
        int n = c.type().length();
        return n > 0 ? "text CHECK (length(" + c.column() + ") = " + n + ")  -- if the length is fixed" : "text";
    }
}
