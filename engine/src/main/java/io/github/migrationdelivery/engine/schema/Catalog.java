package io.github.migrationdelivery.engine.schema;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

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

    final void add(SchemaObject.Kind kind, String name, String table, String definition, Map<SchemaObject.Detail, String> details) {
        objects.add(new SchemaObject(kind, name, table, definition, details));
    }

    /**
     * A column's named parts: type, nullability, and the default or what the server fills it
     * with itself (empty strings are left out).
     */
    static Map<SchemaObject.Detail, String> column(String type, boolean notNull, String defaultExpression, String generated) {
        Map<SchemaObject.Detail, String> d = new EnumMap<>(SchemaObject.Detail.class);
        d.put(SchemaObject.Detail.TYPE, type);
        d.put(SchemaObject.Detail.NOT_NULL, Boolean.toString(notNull));
        if (defaultExpression != null && !defaultExpression.isEmpty()) {
            d.put(SchemaObject.Detail.DEFAULT, defaultExpression);
        }
        if (generated != null && !generated.isEmpty()) {
            d.put(SchemaObject.Detail.GENERATED, generated);
        }
        return d;
    }

    /** A constraint's or index's named parts. */
    static Map<SchemaObject.Detail, String> sql(String constraintType, String sql) {
        Map<SchemaObject.Detail, String> d = new EnumMap<>(SchemaObject.Detail.class);
        if (!constraintType.isEmpty()) {
            d.put(SchemaObject.Detail.CONSTRAINT_TYPE, constraintType);
        }
        d.put(SchemaObject.Detail.SQL, sql);
        return d;
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
