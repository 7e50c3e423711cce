package io.github.migrationdelivery.engine.schema;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** A reader of one server family's catalogs: runs catalog queries and collects the objects they describe. */
abstract class Catalog {

    private final Connection connection;
    private final List<SchemaObject> objects = new ArrayList<>();

    Catalog(Connection connection) {
        this.connection = connection;
    }

    /** Every user-schema object of the connected database, in no particular order. */
    final List<SchemaObject> read() throws SQLException {
        readObjects();
        return List.copyOf(objects);
    }

    abstract void readObjects() throws SQLException;

    final void add(SchemaObject.Kind kind, String name, String table, String definition) {
        objects.add(new SchemaObject(kind, name, table, definition));
    }

    final void query(String sql, Row row) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                row.accept(rs);
            }
        }
    }

    /** Handles one catalog row. */
    @FunctionalInterface
    interface Row {
        void accept(ResultSet rs) throws SQLException;
    }
}
