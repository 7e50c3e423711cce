package io.github.migrationdelivery.engine.schema;

import java.util.Locale;
import java.util.Objects;

/**
 * One object of a user schema as a {@link SchemaFingerprint} records it.
 *
 * @param kind       what it is
 * @param name       its name as a DBA writes it: {@code orders}, {@code orders.status} for a column,
 *                   {@code orders.orders_pkey} for a constraint; schema-qualified outside PostgreSQL's
 *                   {@code public} schema ({@code billing.invoices})
 * @param table      the table (or view) it belongs to, qualified like {@code name}; empty for objects
 *                   that stand alone (tables, enums, sequences, functions, PostgreSQL indexes still
 *                   name theirs)
 * @param definition what it is made of, canonical and readable: {@code integer not null default 0},
 *                   {@code FOREIGN KEY (customer_id) REFERENCES customers(id) ON DELETE CASCADE}; never
 *                   empty, because an empty definition means "absent" in a {@link SchemaDifference}
 */
public record SchemaObject(Kind kind, String name, String table, String definition) {

    /** Kinds of schema objects; {@link #word()} starts the object's key ("column orders.status"). */
    public enum Kind {
        SCHEMA, EXTENSION, TABLE, COLUMN, CONSTRAINT, INDEX, ENUM, DOMAIN, VIEW, FUNCTION, PROCEDURE, SEQUENCE, TRIGGER;

        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public SchemaObject {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        table = table == null ? "" : table;
        if (definition == null || definition.isBlank()) {
            throw new IllegalArgumentException("empty definition for " + kind.word() + " " + name);
        }
    }

    /** The key objects are compared by: kind word and name, e.g. {@code index idx_orders_customer_id}. */
    public String key() {
        return kind.word() + " " + name;
    }
}
