package io.github.migrationdelivery.engine.dryrun;

import io.github.migrationdelivery.engine.plan.Changeset;
import io.github.migrationdelivery.engine.plan.ChangesetKind;
import io.github.migrationdelivery.engine.plan.Dialect;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The migration tool's history rows of the changesets being rehearsed: Liquibase's
 * DATABASECHANGELOG (by id and author, and file name when two files share both), Flyway's
 * flyway_schema_history (by version). A rollback removes a changeset's rows, as {@code liquibase
 * rollback} does; re-applying puts the very same rows back. Tables the forward run did not write
 * hold no rows for the changeset, so nothing happens there.
 */
final class HistoryRows {

    /** One history row as read, column by column, to be written back unchanged. */
    record Row(String table, Map<String, Object> values) {
    }

    private final Connection connection;
    private final Optional<String> liquibaseTable;
    private final Optional<String> flywayTable;

    private HistoryRows(Connection connection, Optional<String> liquibaseTable, Optional<String> flywayTable) {
        this.connection = connection;
        this.liquibaseTable = liquibaseTable;
        this.flywayTable = flywayTable;
    }

    /** Finds the history tables present in the current schema (PostgreSQL) or database (MariaDB/MySQL). */
    static HistoryRows find(Connection connection, Dialect dialect) throws SQLException {
        String schema = dialect == Dialect.POSTGRESQL ? "current_schema()" : "DATABASE()";
        Optional<String> liquibase = Optional.empty();
        Optional<String> flyway = Optional.empty();
        try (PreparedStatement ps = connection.prepareStatement("SELECT table_name FROM information_schema.tables"
                + " WHERE table_schema = " + schema + " AND lower(table_name) IN ('databasechangelog', 'flyway_schema_history')");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String name = rs.getString(1);
                if (name.toLowerCase(Locale.ROOT).equals("databasechangelog")) {
                    liquibase = Optional.of(name);
                } else {
                    flyway = Optional.of(name);
                }
            }
        }
        return new HistoryRows(connection, liquibase, flyway);
    }

    /** Deletes the changeset's history rows and returns them for {@link #restore}. */
    List<Row> remove(Changeset changeset, Dialect dialect) throws SQLException {
        Optional<String> table = tableFor(changeset);
        if (table.isEmpty()) {
            return List.of();
        }
        String quoted = quote(table.get(), dialect);
        boolean liquibase = changeset.kind() == ChangesetKind.LIQUIBASE;
        String where = liquibase ? " WHERE ID = ? AND AUTHOR = ?" : " WHERE version = ?";
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement("SELECT * FROM " + quoted + where)) {
            bind(ps, changeset, liquibase);
            try (ResultSet rs = ps.executeQuery()) {
                ResultSetMetaData meta = rs.getMetaData();
                while (rs.next()) {
                    Map<String, Object> values = new LinkedHashMap<>();
                    for (int i = 1; i <= meta.getColumnCount(); i++) {
                        values.put(meta.getColumnName(i), rs.getObject(i));
                    }
                    rows.add(new Row(quoted, values));
                }
            }
        }
        if (liquibase && rows.size() > 1) {
            rows = sameFile(rows, changeset);
        }
        for (Row row : rows) {
            String key = liquibase ? " WHERE ID = ? AND AUTHOR = ? AND FILENAME = ?" : where;
            try (PreparedStatement ps = connection.prepareStatement("DELETE FROM " + quoted + key)) {
                bind(ps, changeset, liquibase);
                if (liquibase) {
                    ps.setObject(3, value(row, "filename"));
                }
                ps.executeUpdate();
            }
        }
        return rows;
    }

    /** Writes rows removed by {@link #remove} back, unchanged. */
    void restore(List<Row> rows, Dialect dialect) throws SQLException {
        for (Row row : rows) {
            List<String> columns = new ArrayList<>(row.values().keySet());
            String names = String.join(", ", columns.stream().map(c -> quote(c, dialect)).toList());
            String marks = String.join(", ", columns.stream().map(c -> "?").toList());
            try (PreparedStatement ps = connection.prepareStatement("INSERT INTO " + row.table() + " (" + names + ") VALUES (" + marks + ")")) {
                for (int i = 0; i < columns.size(); i++) {
                    ps.setObject(i + 1, row.values().get(columns.get(i)));
                }
                ps.executeUpdate();
            }
        }
    }

    private Optional<String> tableFor(Changeset changeset) {
        return switch (changeset.kind()) {
            case LIQUIBASE -> liquibaseTable;
            case VERSIONED_SQL -> flywayTable;
            default -> Optional.empty(); // Flyway records repeatables by checksum, plain files are not recorded
        };
    }

    /** Two changelogs may share an id and author; Liquibase tells them apart by file name. */
    private static List<Row> sameFile(List<Row> rows, Changeset changeset) {
        String file = changeset.position().file().getFileName().toString();
        List<Row> matching = rows.stream().filter(r -> String.valueOf(value(r, "filename")).endsWith(file)).toList();
        return matching.isEmpty() ? rows : matching;
    }

    private static Object value(Row row, String column) {
        for (Map.Entry<String, Object> e : row.values().entrySet()) {
            if (e.getKey().equalsIgnoreCase(column)) {
                return e.getValue();
            }
        }
        return null;
    }

    private static void bind(PreparedStatement ps, Changeset changeset, boolean liquibase) throws SQLException {
        ps.setString(1, changeset.id());
        if (liquibase) {
            ps.setString(2, changeset.author());
        }
    }

    static String quote(String identifier, Dialect dialect) {
        return dialect == Dialect.POSTGRESQL
                ? "\"" + identifier.replace("\"", "\"\"") + "\""
                : "`" + identifier.replace("`", "``") + "`";
    }
}
