package io.github.migrationdelivery.engine.brief;

import io.github.migrationdelivery.engine.sql.AlterAction;
import io.github.migrationdelivery.engine.sql.ColumnDef;
import io.github.migrationdelivery.engine.sql.ConstraintDef;
import io.github.migrationdelivery.engine.sql.QualifiedName;
import io.github.migrationdelivery.engine.sql.SqlText;
import io.github.migrationdelivery.engine.sql.StatementShape;
import io.github.migrationdelivery.engine.sql.Token;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A recognised statement in words a reviewer understands: what it does, what the application
 * version still running will see, and which data it destroys. Words come from the statement's
 * shape only; a statement the recogniser does not know is quoted, never guessed at.
 */
final class StatementWords {

    /** Drops that take stored rows with them. */
    private static final List<String> DROPS_WITH_ROWS = List.of("TABLE", "SCHEMA", "DATABASE", "MATERIALIZED VIEW");

    private StatementWords() {
    }

    /** True for statements that only steer the session (SET, BEGIN, COMMIT): not worth a reviewer's line. */
    static boolean housekeeping(StatementShape shape) {
        return shape instanceof StatementShape.SetVariable || shape instanceof StatementShape.Transaction;
    }

    /** What the statement does, one clause per action. */
    static List<String> does(StatementShape shape, String sql) {
        if (shape instanceof StatementShape.CreateTable t) {
            return List.of("creates table " + t.table() + " (" + t.columns().size() + " columns)");
        }
        if (shape instanceof StatementShape.CreateIndex i) {
            return List.of("builds " + (i.unique() ? "unique " : "") + "index " + (i.name().isEmpty() ? "" : i.name() + " ")
                    + "on " + i.table() + " (" + String.join(", ", i.columns()) + ")"
                    + (i.concurrently() ? " without blocking writes (CONCURRENTLY)" : ""));
        }
        if (shape instanceof StatementShape.DropIndex d) {
            return List.of("drops index " + names(d.names()) + (d.concurrently() ? " without blocking writes (CONCURRENTLY)" : ""));
        }
        if (shape instanceof StatementShape.AlterTable alter) {
            List<String> out = new ArrayList<>();
            for (AlterAction a : alter.actions()) {
                if (a.kind() != AlterAction.Kind.ALGORITHM && a.kind() != AlterAction.Kind.LOCK) {
                    out.add(action(alter.table(), a));
                }
            }
            return out;
        }
        if (shape instanceof StatementShape.Drop d) {
            String what = d.objectType().toLowerCase(Locale.ROOT);
            return List.of("drops " + what + " " + names(d.names())
                    + (DROPS_WITH_ROWS.contains(d.objectType()) ? " and every row in it" : "")
                    + (d.cascade() ? ", and everything that depends on it (CASCADE)" : ""));
        }
        if (shape instanceof StatementShape.Truncate t) {
            return List.of("deletes every row of " + names(t.tablesTruncated()) + " (TRUNCATE)");
        }
        if (shape instanceof StatementShape.Dml dml) {
            String table = dml.table() == null ? "a table" : dml.table().toString();
            switch (dml.kind()) {
                case UPDATE:
                    return List.of("updates " + (dml.hasWhere() ? "the matching rows" : "every row") + " of " + table
                            + (dml.assignedColumns().isEmpty() ? "" : ", setting " + String.join(", ", dml.assignedColumns())));
                case DELETE:
                    return List.of("deletes " + (dml.hasWhere() ? "the matching rows" : "every row") + " of " + table);
                case INSERT:
                    return List.of("inserts rows into " + table);
                default:
                    return List.of("runs " + dml.kind().name() + " on " + table);
            }
        }
        return List.of("runs `" + SqlText.excerpt(sql, 80) + "`");
    }

    private static String action(QualifiedName table, AlterAction a) {
        String column = table + "." + a.column();
        switch (a.kind()) {
            case ADD_COLUMN:
                ColumnDef def = a.definition();
                if (def == null) {
                    return "adds a column to " + table;
                }
                return "adds column " + def.name() + " to " + table + " (" + def.type()
                        + (def.notNull() ? ", NOT NULL" : "")
                        + (def.hasDefault() ? ", default " + tokens(def.defaultExpr()) : "") + ")";
            case DROP_COLUMN:
                return "drops column " + column + " and the values stored in it";
            case ALTER_COLUMN_TYPE:
                return "changes the type of " + column + " to " + a.type();
            case MODIFY_COLUMN:
                return "redefines column " + column + (a.definition() == null ? "" : " as " + a.definition().type());
            case SET_DEFAULT:
                return "sets a default for " + column;
            case DROP_DEFAULT:
                return "removes the default of " + column;
            case SET_NOT_NULL:
                return "makes " + column + " NOT NULL";
            case DROP_NOT_NULL:
                return "allows NULL in " + column;
            case ADD_CONSTRAINT:
                return "adds " + constraint(a.constraint()) + " to " + table
                        + (a.constraint() != null && a.constraint().notValid() ? " for new rows only (NOT VALID)" : "");
            case VALIDATE_CONSTRAINT:
                return "checks the existing rows of " + table + " against constraint " + a.name();
            case DROP_CONSTRAINT:
            case DROP_FOREIGN_KEY:
                return "drops constraint " + a.name() + " of " + table;
            case DROP_PRIMARY_KEY:
                return "drops the primary key of " + table;
            case ADD_INDEX:
                return "builds an index on " + table;
            case DROP_INDEX:
                return "drops index " + a.name() + " of " + table;
            case RENAME_COLUMN:
                return "renames column " + column + " to " + a.name();
            case RENAME_TABLE:
                return "renames table " + table + " to " + a.name();
            default:
                return "alters " + table + " (" + a.kind().name().toLowerCase(Locale.ROOT).replace('_', ' ') + ")";
        }
    }

    /** What the application version still running sees; empty when it keeps working. */
    static List<String> oldVersion(StatementShape shape) {
        List<String> out = new ArrayList<>();
        if (shape instanceof StatementShape.AlterTable alter) {
            QualifiedName table = alter.table();
            for (AlterAction a : alter.actions()) {
                String column = table + "." + a.column();
                switch (a.kind()) {
                    case DROP_COLUMN:
                        out.add("every query of the old version that reads or writes " + column + " fails");
                        break;
                    case RENAME_COLUMN:
                        out.add("every query of the old version that names " + column + " fails (it is now " + a.name() + ")");
                        break;
                    case RENAME_TABLE:
                        out.add("every query of the old version on " + table + " fails (it is now " + a.name() + ")");
                        break;
                    case ADD_COLUMN:
                        ColumnDef def = a.definition();
                        if (def != null && def.notNull() && !def.hasDefault() && !def.identity() && !def.serial()
                                && !def.autoIncrement()) {
                            out.add("the old version's INSERTs into " + table + " fail: they do not set " + def.name()
                                    + ", which is NOT NULL without a default");
                        }
                        break;
                    case SET_NOT_NULL:
                        out.add("the old version's writes that leave " + column + " empty (NULL) fail");
                        break;
                    case DROP_DEFAULT:
                        out.add("the old version's INSERTs that omit " + column + " no longer get its default");
                        break;
                    case ALTER_COLUMN_TYPE:
                    case MODIFY_COLUMN:
                        out.add("the old version may fail to write values the new type of " + column
                                + " cannot hold, or read it as a type it does not expect");
                        break;
                    case ADD_CONSTRAINT:
                        out.add("the old version's writes to " + table + " that break " + constraint(a.constraint()) + " fail");
                        break;
                    case DROP_PRIMARY_KEY:
                        out.add("the old version may write duplicate rows to " + table);
                        break;
                    default:
                        break;
                }
            }
        } else if (shape instanceof StatementShape.Drop d && !"INDEX".equals(d.objectType())) {
            out.add("every query of the old version that uses " + d.objectType().toLowerCase(Locale.ROOT) + " "
                    + names(d.names()) + " fails");
        } else if (shape instanceof StatementShape.Truncate t) {
            out.add("the old version finds " + names(t.tablesTruncated()) + " empty");
        } else if (shape instanceof StatementShape.Dml dml && dml.table() != null
                && (dml.kind() == StatementShape.Dml.Kind.DELETE
                || dml.kind() == StatementShape.Dml.Kind.UPDATE && !dml.hasWhere())) {
            out.add("the old version sees the rows of " + dml.table() + " changed or gone");
        } else if (shape instanceof StatementShape.OtherDdl o && o.rename()) {
            out.add("every query of the old version that names " + o.name() + " fails");
        }
        return out;
    }

    /** The stored data the statement destroys: dropped tables and columns, truncated or deleted rows. */
    static List<String> destroys(StatementShape shape) {
        List<String> out = new ArrayList<>();
        if (shape instanceof StatementShape.Drop d && DROPS_WITH_ROWS.contains(d.objectType())) {
            out.add("drops " + d.objectType().toLowerCase(Locale.ROOT) + " " + names(d.names()) + " with its rows");
        } else if (shape instanceof StatementShape.Truncate t) {
            out.add("truncates " + names(t.tablesTruncated()));
        } else if (shape instanceof StatementShape.Dml dml && dml.kind() == StatementShape.Dml.Kind.DELETE) {
            out.add("deletes rows of " + (dml.table() == null ? "a table" : dml.table()));
        } else if (shape instanceof StatementShape.AlterTable alter) {
            for (AlterAction a : alter.actions()) {
                if (a.kind() == AlterAction.Kind.DROP_COLUMN) {
                    out.add("drops column " + alter.table() + "." + a.column() + " with its values");
                }
            }
        }
        return out;
    }

    private static String constraint(ConstraintDef c) {
        if (c == null) {
            return "a constraint";
        }
        String kind = switch (c.type()) {
            case PRIMARY_KEY -> "a primary key";
            case UNIQUE -> "a unique constraint";
            case FOREIGN_KEY -> "a foreign key" + (c.referencedTable() == null ? "" : " to " + c.referencedTable());
            case CHECK -> "a check (" + tokens(c.expression()) + ")";
            case EXCLUDE -> "an exclusion constraint";
            case INDEX -> "an index";
        };
        return c.name().isEmpty() ? kind : kind + " named " + c.name();
    }

    private static String names(List<QualifiedName> names) {
        return names.stream().map(QualifiedName::toString).collect(Collectors.joining(", "));
    }

    private static String tokens(List<Token> tokens) {
        return tokens.stream().map(Token::text).collect(Collectors.joining(" "));
    }
}
