package io.github.migrationdelivery.engine.schema;

import io.github.migrationdelivery.engine.EngineException;
import io.github.migrationdelivery.engine.plan.Dialect;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The user schema of one database, read from its catalogs, as an immutable map from object key
 * ({@code table orders}, {@code column orders.status}, {@code index idx_orders_customer_id},
 * {@code constraint orders.orders_pkey}, {@code enum mood}) to {@link SchemaObject}. Two databases
 * built by the same DDL have equal fingerprints whatever the order of the statements, the
 * database's name or the objects' internal ids, because only names and canonical definitions
 * are kept and keys are sorted.
 *
 * <p>What is recorded (docs/rollback-rehearsal.md has the full list): tables, columns (type as
 * the server formats it, nullability, default, identity/generated), constraints (PK, unique, FK
 * with actions, CHECK with its expression and NOT VALID), indexes (definition without the name,
 * unique, invalid), enum types with their values in order, domains, views and functions (by a
 * hash of their definition), sequences, triggers, schemas and extensions. Column order, data,
 * statistics, owners and privileges are not. The migration tools' own tables
 * ({@link #TOOL_TABLES}) and ours (prefix {@link #OWN_TABLE_PREFIX}) are left out.
 *
 * @param dialect the server family it was read from
 * @param objects every object by {@link SchemaObject#key()}, sorted
 */
public record SchemaFingerprint(Dialect dialect, SortedMap<String, SchemaObject> objects) {

    /** Liquibase's and Flyway's history tables (lower case; matched case-insensitively). */
    public static final Set<String> TOOL_TABLES = Set.of("databasechangelog", "databasechangeloglock", "flyway_schema_history");

    /** Tables of migration-delivery's own bookkeeping start with this (lower case). */
    public static final String OWN_TABLE_PREFIX = "migration_delivery_";

    public SchemaFingerprint {
        Objects.requireNonNull(dialect, "dialect");
        for (var e : objects.entrySet()) {
            if (!e.getKey().equals(e.getValue().key())) {
                throw new IllegalArgumentException("key " + e.getKey() + " does not match " + e.getValue().key());
            }
        }
        objects = Collections.unmodifiableSortedMap(new TreeMap<>(objects));
    }

    /** A fingerprint of the given objects; two objects with the same key are a bug in the reader. */
    public static SchemaFingerprint of(Dialect dialect, Collection<SchemaObject> objects) {
        SortedMap<String, SchemaObject> byKey = new TreeMap<>();
        for (SchemaObject o : objects) {
            SchemaObject previous = byKey.put(o.key(), o);
            if (previous != null && !previous.equals(o)) {
                throw new IllegalStateException("two schema objects named " + o.key());
            }
        }
        return new SchemaFingerprint(dialect, byKey);
    }

    /**
     * Reads the user schema of the database {@code connection} is connected to: on PostgreSQL every
     * schema but the system ones, on MariaDB/MySQL the current database. Reads only the catalogs;
     * runs inside the caller's transaction if there is one.
     *
     * @throws EngineException of kind DATABASE when the catalogs cannot be read
     */
    public static SchemaFingerprint read(Connection connection, Dialect dialect) {
        try {
            List<SchemaObject> objects = dialect == Dialect.POSTGRESQL
                    ? new PostgresCatalog(connection).read()
                    : new MysqlCatalog(connection, dialect).read();
            return of(dialect, objects);
        } catch (SQLException e) {
            throw new EngineException(EngineException.Kind.DATABASE,
                    "cannot read the schema from the " + dialect.id() + " catalogs: " + EngineException.serverMessage(e), null, e);
        }
    }

    /** True for the migration tools' history tables and our own, which no fingerprint includes. */
    public static boolean isBookkeeping(String table) {
        String t = table.toLowerCase(Locale.ROOT);
        return TOOL_TABLES.contains(t) || t.startsWith(OWN_TABLE_PREFIX);
    }

    /**
     * What changed from this schema to {@code other}, sorted by object key. An object only here is
     * "removed", one only in {@code other} "added". The columns, constraints, indexes and triggers
     * of a table that was added or removed as a whole are not listed again.
     */
    public List<SchemaDifference> diff(SchemaFingerprint other) {
        Set<String> keys = new TreeSet<>(objects.keySet());
        keys.addAll(other.objects.keySet());
        Set<String> removedTables = wholeTables(objects, other.objects);
        Set<String> addedTables = wholeTables(other.objects, objects);
        List<SchemaDifference> differences = new ArrayList<>();
        for (String key : keys) {
            SchemaObject mine = objects.get(key);
            SchemaObject theirs = other.objects.get(key);
            if (mine == null) {
                if (!addedTables.contains(theirs.table())) {
                    differences.add(new SchemaDifference(key, "", theirs.definition()));
                }
            } else if (theirs == null) {
                if (!removedTables.contains(mine.table())) {
                    differences.add(new SchemaDifference(key, mine.definition(), ""));
                }
            } else if (!mine.definition().equals(theirs.definition())) {
                differences.add(new SchemaDifference(key, mine.definition(), theirs.definition()));
            }
        }
        return List.copyOf(differences);
    }

    /** A short stable digest of the whole fingerprint ("sha256:" and 16 hex digits), for reports and drift checks. */
    public String digest() {
        StringBuilder text = new StringBuilder();
        objects.forEach((key, o) -> text.append(key).append('\t').append(o.definition()).append('\n'));
        return digest(text.toString());
    }

    /** Tables and views in {@code present} that {@code absent} lacks. */
    private static Set<String> wholeTables(SortedMap<String, SchemaObject> present, SortedMap<String, SchemaObject> absent) {
        Set<String> tables = new HashSet<>();
        for (SchemaObject o : present.values()) {
            if ((o.kind() == SchemaObject.Kind.TABLE || o.kind() == SchemaObject.Kind.VIEW) && !absent.containsKey(o.key())) {
                tables.add(o.name());
            }
        }
        return tables;
    }

    static String digest(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
