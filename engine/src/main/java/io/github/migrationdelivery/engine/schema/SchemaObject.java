package io.github.migrationdelivery.engine.schema;

import java.util.List;
import java.util.Locale;
import java.util.Map;
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
 * @param details    the parts of the definition drift and compatibility checks reason about, by
 *                   {@link Detail}: a column's type, nullability and default, an index's or
 *                   constraint's SQL, an enum's labels; derived from the same catalog row as
 *                   {@code definition}, so two objects with equal definitions have equal details
 */
public record SchemaObject(Kind kind, String name, String table, String definition, Map<Detail, String> details) {

    /** Named parts of a definition; which an object has depends on its kind. */
    public enum Detail {
        /** Column: the type as the server formats it ({@code character varying(50)}, {@code int(11)}). */
        TYPE,
        /** Column: {@code true} or {@code false}. */
        NOT_NULL,
        /** Column: the default expression; absent when there is none. */
        DEFAULT,
        /** Column: how the server fills it by itself (identity, generated expression, auto_increment); absent when it does not. */
        GENERATED,
        /** Index: the CREATE INDEX statement. Constraint: the clause after {@code ADD CONSTRAINT name}. */
        SQL,
        /** Constraint: PRIMARY KEY, UNIQUE, FOREIGN KEY, CHECK or EXCLUDE. */
        CONSTRAINT_TYPE,
        /** Enum: the labels in order, one per line. */
        LABELS
    }

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
        details = details == null || details.isEmpty() ? Map.of() : Map.copyOf(details);
    }

    /** An object whose definition has no named parts (tables, views, functions, ...). */
    public SchemaObject(Kind kind, String name, String table, String definition) {
        this(kind, name, table, definition, Map.of());
    }

    /** The named part, or "" when this object has none. */
    public String detail(Detail detail) {
        return details.getOrDefault(detail, "");
    }

    /** {@link Detail#LABELS} as a list. */
    public List<String> labels() {
        String labels = detail(Detail.LABELS);
        return labels.isEmpty() ? List.of() : List.of(labels.split("\n", -1));
    }

    /** The name without its table: {@code status} for the column {@code orders.status}. */
    public String shortName() {
        return !table.isEmpty() && name.startsWith(table + ".") ? name.substring(table.length() + 1) : name;
    }

    /** The key objects are compared by: kind word and name, e.g. {@code index idx_orders_customer_id}. */
    public String key() {
        return kind.word() + " " + name;
    }
}
