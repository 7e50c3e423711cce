package io.github.migrationdelivery.engine.backup;

import io.github.migrationdelivery.engine.plan.Dialect;

/** A table as found in the database: schema (PostgreSQL) or database (MariaDB) and name, unquoted. */
record TableRef(String schema, String name) {

    /** How manifests name it: "schema.table". */
    String key() {
        return schema + "." + name;
    }

    /** The tables of manifest keys ("schema.table"). */
    static java.util.List<TableRef> all(java.util.Collection<String> keys) {
        return keys.stream().map(k -> new TableRef(k.substring(0, k.indexOf('.')), k.substring(k.indexOf('.') + 1))).toList();
    }

    String sql(Dialect dialect) {
        return quote(dialect, schema) + "." + quote(dialect, name);
    }

    static String quote(Dialect dialect, String identifier) {
        return dialect == Dialect.POSTGRESQL
                ? '"' + identifier.replace("\"", "\"\"") + '"'
                : '`' + identifier.replace("`", "``") + '`';
    }
}
