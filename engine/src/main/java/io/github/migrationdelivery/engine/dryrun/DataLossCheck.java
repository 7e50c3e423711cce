package io.github.migrationdelivery.engine.dryrun;

import io.github.migrationdelivery.engine.plan.Dialect;
import io.github.migrationdelivery.engine.sql.AlterAction;
import io.github.migrationdelivery.engine.sql.Lexer;
import io.github.migrationdelivery.engine.sql.QualifiedName;
import io.github.migrationdelivery.engine.sql.Recognizer;
import io.github.migrationdelivery.engine.sql.StatementShape;
import io.github.migrationdelivery.engine.sql.TypeRef;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Looks at a rollback statement before it runs and says which data it would destroy: rows of a
 * table it drops or truncates, values of a column it drops, values a narrowed column type cannot
 * hold. Asks the database, so it only reports data that is there.
 */
final class DataLossCheck {

    /** Value ranges of the integer types a column can be narrowed to, signed. */
    private static final Map<String, long[]> INTEGER_RANGES = Map.of(
            "tinyint", new long[] {-128, 127},
            "smallint", new long[] {-32_768, 32_767},
            "mediumint", new long[] {-8_388_608, 8_388_607},
            "int", new long[] {Integer.MIN_VALUE, Integer.MAX_VALUE},
            "integer", new long[] {Integer.MIN_VALUE, Integer.MAX_VALUE});

    private final Dialect dialect;
    private final Recognizer recognizer;

    DataLossCheck(Dialect dialect) {
        this.dialect = dialect;
        this.recognizer = new Recognizer(dialect);
    }

    /** Plain-language descriptions of what {@code sql} would destroy on {@code connection}'s database now. */
    List<String> check(Connection connection, String sql) throws SQLException {
        StatementShape shape = recognizer.recognize(Lexer.significant(sql, dialect));
        List<String> losses = new ArrayList<>();
        if (shape instanceof StatementShape.Drop drop && "TABLE".equals(drop.objectType())) {
            for (QualifiedName table : drop.names()) {
                if (holds(connection, table, "")) {
                    losses.add("drops table " + table + ", which holds rows");
                }
            }
        } else if (shape instanceof StatementShape.Truncate truncate) {
            for (QualifiedName table : truncate.tablesTruncated()) {
                if (holds(connection, table, "")) {
                    losses.add("truncates table " + table + ", which holds rows");
                }
            }
        } else if (shape instanceof StatementShape.AlterTable alter) {
            for (AlterAction action : alter.actions()) {
                String loss = check(connection, alter.table(), action);
                if (!loss.isEmpty()) {
                    losses.add(loss);
                }
            }
        }
        return losses;
    }

    private String check(Connection connection, QualifiedName table, AlterAction action) throws SQLException {
        String column = table + "." + action.column();
        switch (action.kind()) {
            case DROP_COLUMN:
                return holds(connection, table, quote(action.column()) + " IS NOT NULL")
                        ? "drops column " + column + ", which holds values" : "";
            case ALTER_COLUMN_TYPE:
            case MODIFY_COLUMN:
                TypeRef type = action.kind() == AlterAction.Kind.ALTER_COLUMN_TYPE ? action.type()
                        : action.definition() == null ? null : action.definition().type();
                String misfit = type == null ? "" : misfit(quote(action.column()), type);
                return !misfit.isEmpty() && holds(connection, table, misfit)
                        ? "narrows column " + column + " to " + type.text() + ", which cannot hold all its values" : "";
            default:
                return "";
        }
    }

    /** A condition true for values the type cannot hold, or empty when we cannot tell. */
    private static String misfit(String column, TypeRef type) {
        String name = type.name().toLowerCase(Locale.ROOT);
        if ((name.equals("varchar") || name.equals("char") || name.equals("varbinary") || name.equals("binary")) && type.length() > 0) {
            return "char_length(" + column + ") > " + type.length();
        }
        long[] range = INTEGER_RANGES.get(name);
        if (range == null) {
            return "";
        }
        if (type.text().toLowerCase(Locale.ROOT).contains("unsigned")) {
            return column + " < 0 OR " + column + " > " + (range[1] * 2 + 1);
        }
        return column + " < " + range[0] + " OR " + column + " > " + range[1];
    }

    /**
     * True when {@code table} has a row (matching {@code condition}, when given). A table or column
     * that is not there holds nothing; inside a transaction the probe runs under a savepoint so that
     * its failure leaves the rollback's transaction usable.
     */
    private boolean holds(Connection connection, QualifiedName table, String condition) throws SQLException {
        String sql = "SELECT 1 FROM " + quote(table) + (condition.isEmpty() ? "" : " WHERE " + condition) + " LIMIT 1";
        Savepoint savepoint = connection.getAutoCommit() ? null : connection.setSavepoint();
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next();
        } catch (SQLException e) {
            if (savepoint != null) {
                connection.rollback(savepoint);
                savepoint = null;
            }
            return false;
        } finally {
            if (savepoint != null) {
                connection.releaseSavepoint(savepoint);
            }
        }
    }

    private String quote(QualifiedName name) {
        return name.qualified() ? quote(name.schema()) + "." + quote(name.name()) : quote(name.name());
    }

    private String quote(String identifier) {
        return HistoryRows.quote(identifier, dialect);
    }
}
