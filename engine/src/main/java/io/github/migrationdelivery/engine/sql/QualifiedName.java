package io.github.migrationdelivery.engine.sql;

import java.util.Objects;

/** {@code schema.name}, folded as the server folds identifiers; schema is empty when unqualified. */
public record QualifiedName(String schema, String name) {

    public QualifiedName {
        schema = schema == null ? "" : schema;
        Objects.requireNonNull(name, "name");
    }

    public static QualifiedName of(String name) {
        return new QualifiedName("", name);
    }

    public boolean qualified() {
        return !schema.isEmpty();
    }

    /** Same object when both are qualified alike; an unqualified name matches any schema. */
    public boolean sameObject(QualifiedName other) {
        return name.equals(other.name) && (schema.isEmpty() || other.schema.isEmpty() || schema.equals(other.schema));
    }

    @Override
    public String toString() {
        return schema.isEmpty() ? name : schema + "." + name;
    }
}
