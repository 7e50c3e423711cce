package io.github.migrationdelivery.engine.lint.rules.postgres;

import io.github.migrationdelivery.engine.lint.RuleCategory;
import io.github.migrationdelivery.engine.lint.RuleInfo;
import io.github.migrationdelivery.engine.lint.Severity;
import io.github.migrationdelivery.engine.lint.StatementContext;
import io.github.migrationdelivery.engine.lock.LockImpact;
import io.github.migrationdelivery.engine.lock.PostgresLocks;
import io.github.migrationdelivery.engine.plan.Dialect;
import io.github.migrationdelivery.engine.sql.AlterAction;
import io.github.migrationdelivery.engine.sql.ColumnDef;
import io.github.migrationdelivery.engine.sql.ConstraintDef;
import io.github.migrationdelivery.engine.sql.QualifiedName;
import io.github.migrationdelivery.engine.sql.Token;
import io.github.migrationdelivery.engine.sql.TokenType;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * PG-CON-02: a foreign key added to a table that holds rows without NOT VALID, as
 * {@code ADD [CONSTRAINT] FOREIGN KEY} or as {@code ADD COLUMN ... REFERENCES}.
 */
public final class AddingForeignKeyConstraint extends ExistingTableAction {

    private static final RuleInfo INFO = new RuleInfo("adding-foreign-key-constraint", Severity.ERROR,
            Set.of(Dialect.POSTGRESQL), "foreign key added to an existing table without NOT VALID", false, RuleCategory.LOCKING);

    // Words that end an inline REFERENCES clause inside a column definition.
    private static final Set<String> COLUMN_CLAUSES = Set.of(
            "NOT", "NULL", "DEFAULT", "CHECK", "UNIQUE", "PRIMARY", "CONSTRAINT", "COLLATE", "GENERATED");

    public AddingForeignKeyConstraint() {
        super(INFO);
    }

    @Override
    void check(StatementContext ctx, QualifiedName table, AlterAction a) {
        ConstraintDef c = a.constraint();
        if (a.kind() == AlterAction.Kind.ADD_CONSTRAINT && c != null
                && c.type() == ConstraintDef.Type.FOREIGN_KEY && !c.notValid()) {
            reportConstraint(ctx, table, a, c);
        } else if (a.kind() == AlterAction.Kind.ADD_COLUMN && a.definition() != null && a.definition().references()) {
            reportInline(ctx, table, a, a.definition());
        }
    }

    private static String why(String table, QualifiedName referenced, LockImpact lock) {
        String parent = referenced == null ? "the referenced table" : SafeRewrites.name(referenced);
        return "Adding a foreign key checks every existing row of " + table + " against " + parent
                + " while holding " + lock.lockMode() + " on " + table + " and ShareRowExclusiveLock on " + parent
                + ": writes to both tables (and here " + lock.blockedSummary() + " on " + table
                + ") wait for the whole scan.";
    }

    private static void reportConstraint(StatementContext ctx, QualifiedName table, AlterAction a, ConstraintDef c) {
        String name = SafeRewrites.constraintName(table, c);
        String references = SafeRewrites.from(a.tokens(), "REFERENCES");
        if (references.isEmpty()) {
            references = "REFERENCES " + (c.referencedTable() == null ? "<parent>" : SafeRewrites.name(c.referencedTable()));
        }
        LockImpact lock = PostgresLocks.of(a).impact();
        ctx.report(lock, false, why(SafeRewrites.name(table), c.referencedTable(), lock),
                "ALTER TABLE " + SafeRewrites.name(table) + " ADD CONSTRAINT " + name + " FOREIGN KEY ("
                        + SafeRewrites.columns(c.columns()) + ") " + references + " NOT VALID;\n"
                        + SafeRewrites.validateLater(table, name));
    }

    private static void reportInline(StatementContext ctx, QualifiedName table, AlterAction a, ColumnDef column) {
        List<Token> tokens = SafeRewrites.withoutSemicolon(a.tokens());
        int start = -1;
        int end = tokens.size();
        int depth = 0;
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (start < 0) {
                if (t.is("REFERENCES")) {
                    start = i;
                }
                continue;
            }
            depth += t.isSymbol("(") ? 1 : t.isSymbol(")") ? -1 : 0;
            if (depth == 0 && t.type() == TokenType.WORD
                    && COLUMN_CLAUSES.contains(t.text().toUpperCase(Locale.ROOT))
                    && !(t.is("NOT") && i + 1 < tokens.size() && tokens.get(i + 1).is("DEFERRABLE"))) {
                end = i;
                break;
            }
        }
        String references = start < 0 ? "REFERENCES <parent>" : SafeRewrites.render(tokens.subList(start, end));
        // Drop an inline "CONSTRAINT name" that named the reference.
        int cut = start;
        if (start >= 2 && tokens.get(start - 2).is("CONSTRAINT")) {
            cut = start - 2;
        }
        String columnWithout = start < 0 ? SafeRewrites.render(tokens)
                : (SafeRewrites.render(tokens.subList(0, cut)) + " " + SafeRewrites.render(tokens.subList(end, tokens.size()))).strip();
        String given = cut < start ? tokens.get(start - 1).identifier() : "";
        ConstraintDef fk = new ConstraintDef(ConstraintDef.Type.FOREIGN_KEY, given, List.of(column.name()), false, "", null, List.of());
        String name = SafeRewrites.constraintName(table, fk);
        LockImpact lock = PostgresLocks.of(a).impact();
        ctx.report(lock, false, why(SafeRewrites.name(table), null, lock),
                "ALTER TABLE " + SafeRewrites.name(table) + " " + columnWithout + ";\n"
                        + "ALTER TABLE " + SafeRewrites.name(table) + " ADD CONSTRAINT " + name + " FOREIGN KEY ("
                        + SafeRewrites.ident(column.name()) + ") " + references + " NOT VALID;\n"
                        + SafeRewrites.validateLater(table, name));
    }
}
