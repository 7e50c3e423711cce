package io.github.migrationdelivery.engine.lint.rules.mysql;

import io.github.migrationdelivery.engine.lint.RuleCategory;
import io.github.migrationdelivery.engine.lint.RuleInfo;
import io.github.migrationdelivery.engine.lint.Severity;
import io.github.migrationdelivery.engine.lint.StatementContext;
import io.github.migrationdelivery.engine.plan.Dialect;
import io.github.migrationdelivery.engine.sql.AlterAction;
import io.github.migrationdelivery.engine.sql.ColumnDef;
import io.github.migrationdelivery.engine.sql.ConstraintDef;
import io.github.migrationdelivery.engine.sql.QualifiedName;
import io.github.migrationdelivery.engine.sql.StatementShape;
import io.github.migrationdelivery.engine.sql.TypeRef;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * MY-IDX-03: an index definition the server refuses, so the migration stops half-way: the same
 * column twice, a BLOB/TEXT/JSON column without a prefix length (MariaDB accepts that one but
 * silently indexes a prefix, or builds a hash-based unique key), more than 64 indexes on a table.
 */
public final class MysqlInvalidIndex extends AddedIndexRule {

    private static final RuleInfo INFO = new RuleInfo("mysql-invalid-index", Severity.ERROR, Set.of(Dialect.MARIADB, Dialect.MYSQL),
            "index the server refuses: a column twice, BLOB/TEXT without a prefix length, more than 64 indexes on a table",
            false, RuleCategory.OPERATIONS);

    /** InnoDB's limit on indexes per table, the primary key included. */
    private static final int MAX_INDEXES = 64;

    private static final Set<String> LOB_TYPES = Set.of("tinyblob", "blob", "mediumblob", "longblob",
            "tinytext", "text", "mediumtext", "longtext", "json");

    public MysqlInvalidIndex() {
        super(INFO);
    }

    @Override
    void check(StatementContext ctx, QualifiedName table, List<ConstraintDef> added) {
        for (ConstraintDef index : added) {
            repeatedColumn(ctx, index);
            for (String column : index.columns()) {
                columnType(ctx, table, column).filter(t -> LOB_TYPES.contains(t.name().toLowerCase(Locale.ROOT)))
                        .ifPresent(type -> lobWithoutPrefix(ctx, table, index, column, type));
            }
        }
        int before = ctx.state().indexes(table).size();
        if (before + added.size() > MAX_INDEXES) {
            ctx.report("This statement brings " + OnlineDdl.name(table) + " to " + (before + added.size())
                            + " indexes (the primary key included) that the plan alone created, over InnoDB's limit of "
                            + MAX_INDEXES + ": it fails with error 1069 (Too many keys specified).",
                    "-- drop indexes that no query needs first, or combine indexes whose columns lead with the same columns");
        }
    }

    private static void repeatedColumn(StatementContext ctx, ConstraintDef index) {
        Set<String> seen = new HashSet<>();
        for (String column : index.columns()) {
            if (!seen.add(column.toLowerCase(Locale.ROOT))) {
                ctx.report("Column " + column + " appears twice in (" + String.join(", ", index.columns())
                                + "): the statement fails with error 1060 (Duplicate column name).",
                        "-- name each column once: (" + String.join(", ", index.columns().stream()
                                .filter(new HashSet<String>()::add).toList()) + ")");
                return;
            }
        }
    }

    private static void lobWithoutPrefix(StatementContext ctx, QualifiedName table, ConstraintDef index, String column, TypeRef type) {
        boolean unique = index.type() != ConstraintDef.Type.INDEX;
        String t = OnlineDdl.name(table);
        String c = OnlineDdl.name(column);
        String rewrite = unique
                ? "-- enforce uniqueness on a hash of the value instead:\n"
                + "ALTER TABLE " + t + " ADD COLUMN " + OnlineDdl.name(column + "_sha2")
                + " BINARY(32) AS (UNHEX(SHA2(" + c + ", 256))) STORED, ADD UNIQUE INDEX "
                + OnlineDdl.name(column + "_sha2_uq") + " (" + OnlineDdl.name(column + "_sha2") + ");\n"
                + "-- (a STORED column rebuilds the table: on a table with rows, through an online copy)"
                : "-- give " + column + " a prefix length that covers the values you look up, e.g.:\n("
                + String.join(", ", index.columns().stream().map(i -> i.equals(column) ? c + "(100)" : i).toList()) + ")";
        if (ctx.dialect() == Dialect.MYSQL) {
            ctx.report("Column " + column + " is " + type + ": MySQL indexes BLOB, TEXT and JSON columns only by a prefix"
                    + " length, so the statement fails with error 1170 (used in key specification without a key length)"
                    + (type.name().equalsIgnoreCase("json") ? " or 3152 (JSON column cannot be indexed)" : "") + ".", rewrite);
            return;
        }
        ctx.report(Severity.WARNING, ctx.lock(), false,
                "Column " + column + " is " + type + " and the index gives no prefix length: MariaDB accepts it but "
                        + (unique ? "builds a hash-based unique key (USING HASH), which no foreign key can use and which"
                        + " checks every insert through the hash instead of a B-tree lookup on the value."
                        : "silently indexes only the first 3072 bytes (note 1071), which is not what the"
                        + " definition says: say the prefix you mean."), rewrite);
    }

    /** The column's type: from this statement's own column definitions first, then from the plan. */
    private static Optional<TypeRef> columnType(StatementContext ctx, QualifiedName table, String column) {
        for (ColumnDef col : ownColumns(ctx.shape())) {
            if (col.name().equalsIgnoreCase(column) && col.type() != null) {
                return Optional.of(col.type());
            }
        }
        return ctx.state().columnType(table, column);
    }

    private static List<ColumnDef> ownColumns(StatementShape shape) {
        if (shape instanceof StatementShape.CreateTable ct) {
            return ct.columns();
        }
        if (shape instanceof StatementShape.AlterTable at) {
            return at.actions().stream().filter(a -> a.kind() == AlterAction.Kind.ADD_COLUMN
                    || a.kind() == AlterAction.Kind.MODIFY_COLUMN).map(AlterAction::definition)
                    .filter(d -> d != null).toList();
        }
        return List.of();
    }
}
