package io.github.migrationdelivery.engine.schema;

import io.github.migrationdelivery.engine.plan.Dialect;
import io.github.migrationdelivery.engine.schema.SchemaObject.Kind;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the current MariaDB/MySQL database from information_schema into schema objects. Index
 * names are per table here, so indexes are named {@code table.index}.
 */
final class MysqlCatalog extends Catalog {

    private final Dialect dialect;
    /** Base tables and their default collation: columns with another collation say so. */
    private final Map<String, String> tableCollation = new HashMap<>();
    private String database = "";

    MysqlCatalog(Connection connection, Dialect dialect) {
        super(connection);
        this.dialect = dialect;
    }

    @Override
    void readObjects() throws SQLException {
        query("SELECT DATABASE()", rs -> database = rs.getString(1) == null ? "" : rs.getString(1));
        tables();
        columns();
        constraints();
        indexes();
        routinesAndTriggers();
    }

    private void tables() throws SQLException {
        query("SELECT TABLE_NAME, TABLE_TYPE, ENGINE, TABLE_COLLATION FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()",
                rs -> {
                    String table = rs.getString(1);
                    String type = rs.getString(2);
                    if (SchemaFingerprint.isBookkeeping(table) || "VIEW".equals(type)) {
                        return; // views below, from information_schema.VIEWS
                    }
                    if ("SEQUENCE".equals(type)) {
                        add(Kind.SEQUENCE, table, "", "sequence");
                        return;
                    }
                    tableCollation.put(table, rs.getString(4) == null ? "" : rs.getString(4));
                    String versioned = "SYSTEM VERSIONED".equals(type) ? ", system versioned" : "";
                    add(Kind.TABLE, table, "", "table, engine " + rs.getString(3) + ", collation " + rs.getString(4) + versioned);
                });
        query("SELECT TABLE_NAME, VIEW_DEFINITION, CHECK_OPTION FROM information_schema.VIEWS WHERE TABLE_SCHEMA = DATABASE()",
                rs -> {
                    // The server qualifies every name with the database's: two clones would differ.
                    String body = rs.getString(2).replace("`" + database + "`.", "");
                    String check = "NONE".equals(rs.getString(3)) ? "" : ", with " + rs.getString(3).toLowerCase(Locale.ROOT) + " check option";
                    add(Kind.VIEW, rs.getString(1), "", "view, definition " + SchemaFingerprint.digest(body) + check);
                });
    }

    private void columns() throws SQLException {
        query("SELECT TABLE_NAME, COLUMN_NAME, COLUMN_TYPE, IS_NULLABLE, COLUMN_DEFAULT, EXTRA, COLLATION_NAME,"
                        + " GENERATION_EXPRESSION FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE()",
                rs -> {
                    String table = rs.getString(1);
                    if (!tableCollation.containsKey(table)) {
                        return; // a view's or a bookkeeping table's column
                    }
                    StringBuilder def = new StringBuilder(rs.getString(3));
                    String collation = rs.getString(7);
                    if (collation != null && !collation.equals(tableCollation.get(table))) {
                        def.append(" collate ").append(collation);
                    }
                    if ("NO".equals(rs.getString(4))) {
                        def.append(" not null");
                    }
                    String generation = rs.getString(8);
                    String extra = rs.getString(6) == null ? "" : rs.getString(6).toLowerCase(Locale.ROOT);
                    String generated = "";
                    String defaultExpression = "";
                    if (generation != null && !generation.isEmpty()) {
                        generated = "generated always as (" + generation + ")" + (extra.contains("stored") ? " stored" : " virtual");
                        def.append(' ').append(generated);
                        extra = extra.replace("stored generated", "").replace("virtual generated", "").trim();
                    } else if (rs.getString(5) != null && !"NULL".equals(rs.getString(5))) {
                        // MariaDB reports the literal NULL for "no default" on nullable columns.
                        defaultExpression = rs.getString(5);
                        def.append(" default ").append(defaultExpression);
                    }
                    if (!extra.isBlank()) {
                        def.append(' ').append(extra.trim());
                    }
                    if (extra.contains("auto_increment")) {
                        generated = "auto_increment";
                    }
                    add(Kind.COLUMN, table + "." + rs.getString(2), table, def.toString(),
                            column(rs.getString(3), "NO".equals(rs.getString(4)), defaultExpression, generated));
                });
    }

    private void constraints() throws SQLException {
        Map<String, List<String>> columns = new HashMap<>();
        Map<String, List<String>> referenced = new HashMap<>();
        Map<String, String> referencedTable = new HashMap<>();
        query("SELECT TABLE_NAME, CONSTRAINT_NAME, COLUMN_NAME, REFERENCED_TABLE_SCHEMA, REFERENCED_TABLE_NAME, REFERENCED_COLUMN_NAME"
                        + " FROM information_schema.KEY_COLUMN_USAGE WHERE CONSTRAINT_SCHEMA = DATABASE()"
                        + " ORDER BY TABLE_NAME, CONSTRAINT_NAME, ORDINAL_POSITION",
                rs -> {
                    String key = rs.getString(1) + "." + rs.getString(2);
                    columns.computeIfAbsent(key, k -> new ArrayList<>()).add(rs.getString(3));
                    if (rs.getString(5) != null) {
                        String schema = rs.getString(4);
                        referencedTable.put(key, (schema == null || schema.equals(database) ? "" : schema + ".") + rs.getString(5));
                        referenced.computeIfAbsent(key, k -> new ArrayList<>()).add(rs.getString(6));
                    }
                });
        Map<String, String> actions = new HashMap<>();
        query("SELECT TABLE_NAME, CONSTRAINT_NAME, DELETE_RULE, UPDATE_RULE FROM information_schema.REFERENTIAL_CONSTRAINTS"
                        + " WHERE CONSTRAINT_SCHEMA = DATABASE()",
                rs -> actions.put(rs.getString(1) + "." + rs.getString(2),
                        " ON DELETE " + rs.getString(3) + " ON UPDATE " + rs.getString(4)));
        Map<String, String> checks = new HashMap<>();
        // MariaDB names a column's CHECK after the column, so its names are per table; MySQL's are per schema.
        String checkTable = dialect == Dialect.MYSQL
                ? "(SELECT tc.TABLE_NAME FROM information_schema.TABLE_CONSTRAINTS tc WHERE tc.CONSTRAINT_SCHEMA = cc.CONSTRAINT_SCHEMA"
                        + " AND tc.CONSTRAINT_NAME = cc.CONSTRAINT_NAME AND tc.CONSTRAINT_TYPE = 'CHECK' LIMIT 1)"
                : "cc.TABLE_NAME";
        query("SELECT " + checkTable + ", cc.CONSTRAINT_NAME, cc.CHECK_CLAUSE FROM information_schema.CHECK_CONSTRAINTS cc"
                        + " WHERE cc.CONSTRAINT_SCHEMA = DATABASE()",
                rs -> checks.put(rs.getString(1) + "." + rs.getString(2), rs.getString(3)));
        query("SELECT TABLE_NAME, CONSTRAINT_NAME, CONSTRAINT_TYPE FROM information_schema.TABLE_CONSTRAINTS"
                        + " WHERE CONSTRAINT_SCHEMA = DATABASE()",
                rs -> {
                    String table = rs.getString(1);
                    if (!tableCollation.containsKey(table)) {
                        return;
                    }
                    String key = table + "." + rs.getString(2);
                    String cols = String.join(", ", columns.getOrDefault(key, List.of()));
                    String def = switch (rs.getString(3)) {
                        case "PRIMARY KEY" -> "PRIMARY KEY (" + cols + ")";
                        case "UNIQUE" -> "UNIQUE (" + cols + ")";
                        case "FOREIGN KEY" -> "FOREIGN KEY (" + cols + ") REFERENCES " + referencedTable.get(key)
                                + "(" + String.join(", ", referenced.getOrDefault(key, List.of())) + ")" + actions.getOrDefault(key, "");
                        case "CHECK" -> "CHECK (" + checks.getOrDefault(key, "?") + ")";
                        default -> rs.getString(3) + " (" + cols + ")";
                    };
                    add(Kind.CONSTRAINT, key, table, def, sql(rs.getString(3), def));
                });
    }

    /** Indexes, except those of primary keys and unique constraints, which the constraint stands for. */
    private void indexes() throws SQLException {
        Map<String, StringBuilder> columns = new LinkedHashMap<>();
        Map<String, String> heads = new HashMap<>();
        Map<String, String> creates = new HashMap<>();
        query("SELECT s.TABLE_NAME, s.INDEX_NAME, s.NON_UNIQUE, s.COLUMN_NAME, s.SUB_PART, s.INDEX_TYPE, s.COLLATION"
                        + " FROM information_schema.STATISTICS s WHERE s.TABLE_SCHEMA = DATABASE()"
                        + " AND NOT EXISTS (SELECT 1 FROM information_schema.TABLE_CONSTRAINTS tc"
                        + "   WHERE tc.CONSTRAINT_SCHEMA = s.TABLE_SCHEMA AND tc.TABLE_NAME = s.TABLE_NAME"
                        + "   AND tc.CONSTRAINT_NAME = s.INDEX_NAME AND tc.CONSTRAINT_TYPE IN ('PRIMARY KEY', 'UNIQUE'))"
                        + " ORDER BY s.TABLE_NAME, s.INDEX_NAME, s.SEQ_IN_INDEX",
                rs -> {
                    String table = rs.getString(1);
                    if (!tableCollation.containsKey(table)) {
                        return;
                    }
                    String key = table + "." + rs.getString(2);
                    heads.putIfAbsent(key, (rs.getInt(3) == 0 ? "unique " : "") + "on " + table + " " + rs.getString(6));
                    creates.putIfAbsent(key, createIndex(rs.getString(2), table, rs.getInt(3) == 0, rs.getString(6)));
                    StringBuilder cols = columns.computeIfAbsent(key, k -> new StringBuilder());
                    cols.append(cols.length() == 0 ? "" : ", ").append(rs.getString(4));
                    if (rs.getObject(5) != null) {
                        cols.append('(').append(rs.getLong(5)).append(')');
                    }
                    if ("D".equals(rs.getString(7))) {
                        cols.append(" DESC");
                    }
                });
        columns.forEach((key, cols) -> {
            String table = key.substring(0, key.indexOf('.'));
            add(Kind.INDEX, key, table, heads.get(key) + " (" + cols + ")", sql("", creates.get(key) + " (" + cols + ")"));
        });
    }

    /** The head of the CREATE INDEX statement that makes an index of this kind; the columns follow. */
    private static String createIndex(String index, String table, boolean unique, String type) {
        String kind = switch (type) {
            case "FULLTEXT" -> "FULLTEXT ";
            case "SPATIAL" -> "SPATIAL ";
            default -> unique ? "UNIQUE " : "";
        };
        String using = "HASH".equals(type) ? " USING HASH" : "";
        return "CREATE " + kind + "INDEX `" + index.replace("`", "``") + "`" + using + " ON `" + table.replace("`", "``") + "`";
    }

    private void routinesAndTriggers() throws SQLException {
        query("SELECT ROUTINE_NAME, ROUTINE_TYPE, DTD_IDENTIFIER, ROUTINE_DEFINITION FROM information_schema.ROUTINES"
                        + " WHERE ROUTINE_SCHEMA = DATABASE()",
                rs -> {
                    boolean procedure = "PROCEDURE".equals(rs.getString(2));
                    String returns = procedure ? "" : "returns " + rs.getString(3) + ", ";
                    String body = rs.getString(4) == null ? "" : rs.getString(4);
                    add(procedure ? Kind.PROCEDURE : Kind.FUNCTION, rs.getString(1), "",
                            returns + "definition " + SchemaFingerprint.digest(body));
                });
        query("SELECT EVENT_OBJECT_TABLE, TRIGGER_NAME, ACTION_TIMING, EVENT_MANIPULATION, ACTION_STATEMENT"
                        + " FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = DATABASE()",
                rs -> {
                    String table = rs.getString(1);
                    if (SchemaFingerprint.isBookkeeping(table)) {
                        return;
                    }
                    add(Kind.TRIGGER, table + "." + rs.getString(2), table, rs.getString(3) + " " + rs.getString(4)
                            + ", definition " + SchemaFingerprint.digest(rs.getString(5)));
                });
    }
}
