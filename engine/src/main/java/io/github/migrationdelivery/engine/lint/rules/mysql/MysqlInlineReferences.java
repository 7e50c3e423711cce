package io.github.migrationdelivery.engine.lint.rules.mysql;

import io.github.migrationdelivery.engine.lint.Rule;
import io.github.migrationdelivery.engine.lint.RuleCategory;
import io.github.migrationdelivery.engine.lint.RuleInfo;
import io.github.migrationdelivery.engine.lint.Severity;
import io.github.migrationdelivery.engine.lint.StatementContext;
import io.github.migrationdelivery.engine.lock.LockImpact;
import io.github.migrationdelivery.engine.plan.Dialect;
import io.github.migrationdelivery.engine.sql.AlterAction;
import io.github.migrationdelivery.engine.sql.ColumnDef;
import io.github.migrationdelivery.engine.sql.QualifiedName;
import io.github.migrationdelivery.engine.sql.StatementShape;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** MY-CON-03: an inline REFERENCES creates no foreign key on MySQL before 9.0.0 (WL#16130) and MariaDB before 10.5.0 (MDEV-20729). */
public final class MysqlInlineReferences implements Rule {

    private static final RuleInfo INFO = new RuleInfo("mysql-inline-references", Severity.WARNING, Set.of(Dialect.MARIADB, Dialect.MYSQL),
            "column-level REFERENCES, which MySQL before 9.0 and MariaDB before 10.5 accept and silently ignore", false, RuleCategory.DESIGN);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public void check(StatementContext ctx) {
        boolean ignored = ctx.dialect() == Dialect.MYSQL ? !ctx.serverVersion().atLeast(9, 0) : !ctx.serverVersion().atLeast(10, 5);
        if (!ignored) {
            return;
        }
        StatementShape shape = ctx.shape();
        QualifiedName table;
        List<ColumnDef> columns = new ArrayList<>();
        if (shape instanceof StatementShape.CreateTable ct) {
            table = ct.table();
            columns.addAll(ct.columns());
        } else if (shape instanceof StatementShape.AlterTable alter) {
            table = alter.table();
            alter.actions().stream().map(AlterAction::definition).filter(d -> d != null).forEach(columns::add);
        } else {
            return;
        }
        for (ColumnDef d : columns) {
            if (!d.references()) {
                continue;
            }
            Optional<OnlineDdl.Reference> ref = referenceOf(ctx, d.name());
            String parent = ref.map(OnlineDdl.Reference::table).orElse("<parent>");
            String parentColumns = ref.map(r -> r.columns().isEmpty() ? "id" : String.join(", ", r.columns())).orElse("id");
            String fkName = table.name() + "_" + d.name() + "_fk";
            ctx.report(LockImpact.NONE, false,
                    "REFERENCES on the column " + d.name() + " is accepted and silently ignored by "
                            + ctx.dialect().id() + " " + ctx.serverVersion() + ": no foreign key is created, so nothing"
                            + " stops rows pointing at a missing " + parent + " row.",
                    "-- declare the key as a table constraint (in CREATE TABLE, or on an existing table after the checks of mysql-adding-foreign-key):\n"
                            + "CONSTRAINT " + OnlineDdl.name(fkName) + " FOREIGN KEY (" + OnlineDdl.name(d.name()) + ") REFERENCES "
                            + parent + " (" + parentColumns + ")");
        }
    }

    /** Finds "column ... REFERENCES parent (cols)" among the statement's comma-separated elements. */
    private static Optional<OnlineDdl.Reference> referenceOf(StatementContext ctx, String column) {
        List<io.github.migrationdelivery.engine.sql.Token> tokens = ctx.tokens();
        for (int i = 0; i < tokens.size(); i++) {
            io.github.migrationdelivery.engine.sql.Token t = tokens.get(i);
            boolean elementStart = i > 0 && (tokens.get(i - 1).isSymbol("(") || tokens.get(i - 1).isSymbol(",")
                    || tokens.get(i - 1).is("COLUMN") || tokens.get(i - 1).is("ADD") || tokens.get(i - 1).is("MODIFY"));
            if (elementStart && t.isIdentifier() && OnlineDdl.sameColumn(t.identifier(), column)) {
                int depth = 0;
                int end = i;
                while (end < tokens.size()) {
                    io.github.migrationdelivery.engine.sql.Token e = tokens.get(end);
                    if (e.isSymbol("(")) {
                        depth++;
                    } else if (e.isSymbol(")")) {
                        if (depth == 0) {
                            break;
                        }
                        depth--;
                    } else if (e.isSymbol(",") && depth == 0) {
                        break;
                    }
                    end++;
                }
                Optional<OnlineDdl.Reference> ref = OnlineDdl.reference(tokens.subList(i, end));
                if (ref.isPresent()) {
                    return ref;
                }
            }
        }
        return Optional.empty();
    }
}
