package io.github.migrationdelivery.engine.backup;

import io.github.migrationdelivery.engine.lint.DestructiveStatement;
import io.github.migrationdelivery.engine.lint.DestructiveStatements;
import io.github.migrationdelivery.engine.plan.Plan;
import io.github.migrationdelivery.engine.sql.AlterAction;
import io.github.migrationdelivery.engine.sql.QualifiedName;
import io.github.migrationdelivery.engine.sql.StatementShape;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a plan can destroy, read from its destructive statements: the tables they drop, truncate,
 * delete from, update without WHERE or alter destructively, and the columns they drop (kept again
 * as a compact copy keyed by primary key). A destructive statement on something that is not a
 * table (DROP SCHEMA, DROP DATABASE, DROP VIEW/FUNCTION/TYPE, RENAME VALUE, a DO block the
 * recogniser cannot read) makes the scope the whole database: only a full dump holds it.
 *
 * @param wholeDatabase true when only a dump of the whole database covers what the plan destroys
 * @param tables        the tables to dump, in plan order, as the plan names them
 * @param droppedColumns the columns the plan drops from tables that existed before it
 */
public record BackupScope(boolean required, boolean wholeDatabase, List<QualifiedName> tables,
                          List<DroppedColumn> droppedColumns) {

    /** A column a destructive statement drops. */
    public record DroppedColumn(QualifiedName table, String column) {
    }

    public BackupScope {
        tables = List.copyOf(tables);
        droppedColumns = List.copyOf(droppedColumns);
    }

    public static BackupScope of(Plan plan) {
        Set<QualifiedName> tables = new LinkedHashSet<>();
        Set<DroppedColumn> columns = new LinkedHashSet<>();
        boolean whole = false;
        List<DestructiveStatement> destructive = DestructiveStatements.of(plan);
        for (DestructiveStatement d : destructive) {
            StatementShape shape = d.shape();
            if (shape instanceof StatementShape.AlterTable alter) {
                tables.add(alter.table());
                for (AlterAction a : alter.actions()) {
                    if (a.kind() == AlterAction.Kind.DROP_COLUMN) {
                        columns.add(new DroppedColumn(alter.table(), a.column()));
                    }
                }
            } else if (shape instanceof StatementShape.Drop drop && "TABLE".equals(drop.objectType())) {
                tables.addAll(drop.names());
            } else if (!shape.tables().isEmpty()) {
                tables.addAll(shape.tables()); // TRUNCATE, DELETE, UPDATE without WHERE
            } else {
                whole = true;
            }
        }
        return new BackupScope(!destructive.isEmpty(), whole, new ArrayList<>(tables), new ArrayList<>(columns));
    }

    /** The same scope widened to the whole database ({@code --whole-database}); column copies stay. */
    public BackupScope widened() {
        return new BackupScope(required, true, tables, droppedColumns);
    }
}
