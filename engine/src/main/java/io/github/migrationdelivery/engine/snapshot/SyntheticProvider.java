package io.github.migrationdelivery.engine.snapshot;

import io.github.migrationdelivery.engine.EngineException;
import io.github.migrationdelivery.engine.plan.Dialect;
import io.github.migrationdelivery.engine.snapshot.SyntheticCatalog.Column;
import io.github.migrationdelivery.engine.snapshot.SyntheticCatalog.Table;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code synthetic:<jdbc-url-of-source>} (PostgreSQL): the source's schema with generated rows, for
 * when its data may not leave production. Steps, on a fresh database on the source's server:
 * <ol>
 * <li>{@code pg_dump --section=pre-data | psql}: tables, types, sequences, without indexes and constraints;</li>
 * <li>CHECK constraints (part of pre-data) are set aside: generated values cannot know them;</li>
 * <li>rows per table ({@link SyntheticRows}): source rows x {@code --scale}, set-based on the server;</li>
 * <li>sequences moved past the generated keys;</li>
 * <li>{@code pg_dump --section=post-data | psql}: primary keys, unique constraints, indexes, foreign
 * keys, triggers, all built once over the data, as pg_restore does (and their creation proves the
 * generated rows satisfy them);</li>
 * <li>CHECK constraints back (NOT VALID, named in the description, when generated rows violate one);</li>
 * <li>ANALYZE of the fresh copy (never of the source).</li>
 * </ol>
 */
final class SyntheticProvider implements SnapshotProvider {

    private static final String CHECK_VIOLATION = "23514";

    private final ConnectionSpec source;
    private final double scale;

    SyntheticProvider(ConnectionSpec source, double scale) {
        this.source = source;
        this.scale = scale;
    }

    @Override
    public Snapshot open() {
        ConnectionSpec admin = ServerSql.admin(source);
        String name = ServerSql.throwAwayName();
        ThrowAwaySnapshot snapshot = ThrowAwaySnapshot.arm(name, () -> ServerSql.dropDatabase(admin, name));
        try {
            Map<Long, Table> tables;
            try (Connection c = ServerSql.connect(source)) {
                c.setReadOnly(true);
                tables = SyntheticCatalog.read(c);
            } catch (SQLException e) {
                throw ServerSql.failure(source, "reading the catalog of " + source.database(), e);
            }
            createLike(admin, name);
            ConnectionSpec target = source.withDatabase(name);
            copySchema("pre-data", target);
            List<String> notValidated;
            SyntheticRows generator = new SyntheticRows(tables, scale);
            long total = 0;
            try (Connection c = ServerSql.connect(target); Statement s = c.createStatement()) {
                List<String[]> checks = setChecksAside(c);
                for (Table t : generator.dependencyOrder()) {
                    String insert = generator.insert(t).orElse(null);
                    if (insert != null) {
                        try {
                            total += s.executeUpdate(insert);
                        } catch (SQLException e) {
                            throw ServerSql.failure(target, "synthetic: generating rows of " + t.schema() + "." + t.name(), e);
                        }
                    }
                    moveSequences(s, t);
                }
                copySchema("post-data", target);
                notValidated = restoreChecks(s, checks);
                s.execute("ANALYZE");
            } catch (SQLException e) {
                throw ServerSql.failure(target, "synthetic: building " + name, e);
            }
            return snapshot.ready(target, "synthetic: " + source.redacted() + " as " + name + " (" + tables.size()
                    + " tables, " + total + " generated rows, scale " + scale + ", dropped on close)"
                    + (notValidated.isEmpty() ? "" : "; CHECK constraints left NOT VALID: " + String.join(", ", notValidated)));
        } catch (RuntimeException e) {
            throw snapshot.abandon(e);
        }
    }

    /** A fresh database with the source's encoding and collation, from template0 (no leftovers of template1). */
    private void createLike(ConnectionSpec admin, String name) {
        try (Connection c = ServerSql.connect(admin); PreparedStatement ps = c.prepareStatement(
                "SELECT pg_encoding_to_char(encoding), datcollate, datctype FROM pg_database WHERE datname = ?")) {
            ps.setString(1, source.database());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new EngineException(EngineException.Kind.DATABASE, "--snapshot synthetic: source database \""
                            + source.database() + "\" does not exist on " + Endpoint.of(source).host(), null, null);
                }
                c.createStatement().execute("CREATE DATABASE " + ServerSql.quote(Dialect.POSTGRESQL, name)
                        + " TEMPLATE template0 ENCODING '" + rs.getString(1) + "' LC_COLLATE '" + rs.getString(2).replace("'", "''")
                        + "' LC_CTYPE '" + rs.getString(3).replace("'", "''") + "'");
            }
        } catch (SQLException e) {
            throw ServerSql.failure(admin, "creating " + name, e);
        }
    }

    private void copySchema(String section, ConnectionSpec target) {
        Path pgDump = ClientTools.find("synthetic:", "pg_dump");
        Path psql = ClientTools.find("synthetic:", "psql");
        List<String> dump = new ArrayList<>(List.of(pgDump.toString(), "--section=" + section, "--no-owner", "--no-privileges"));
        dump.addAll(ClientTools.postgresArgs(source));
        List<String> load = new ArrayList<>(List.of(psql.toString(), "-X", "-q", "-v", "ON_ERROR_STOP=1"));
        load.addAll(ClientTools.postgresArgs(target));
        ClientTools.run(List.of(dump, load), ClientTools.passwordEnvironment(source), null,
                "synthetic: copying the schema (" + section + ") of " + source.database());
    }

    /** Drops the CHECK constraints of the fresh copy, returning {table, name, definition} to add back. */
    private static List<String[]> setChecksAside(Connection c) throws SQLException {
        List<String[]> checks = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint"
                        + " WHERE contype = 'c' AND conrelid <> 0 AND connamespace NOT IN"
                        + " ('pg_catalog'::regnamespace, 'information_schema'::regnamespace)")) {
            while (rs.next()) {
                checks.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3)});
            }
        }
        try (Statement s = c.createStatement()) {
            for (String[] check : checks) {
                s.execute("ALTER TABLE " + check[0] + " DROP CONSTRAINT " + ServerSql.quote(Dialect.POSTGRESQL, check[1]));
            }
        }
        return checks;
    }

    private static List<String> restoreChecks(Statement s, List<String[]> checks) throws SQLException {
        List<String> notValidated = new ArrayList<>();
        for (String[] check : checks) {
            String add = "ALTER TABLE " + check[0] + " ADD CONSTRAINT " + ServerSql.quote(Dialect.POSTGRESQL, check[1])
                    + " " + check[2];
            try {
                s.execute(add);
            } catch (SQLException e) {
                if (!CHECK_VIOLATION.equals(e.getSQLState())) {
                    throw e;
                }
                s.execute(add.endsWith("NOT VALID") ? add : add + " NOT VALID");
                notValidated.add(check[0] + "." + check[1]);
            }
        }
        return notValidated;
    }

    /** Identity and serial sequences continue after the generated keys, so the dry-run's inserts work. */
    private static void moveSequences(Statement s, Table t) throws SQLException {
        for (Column c : t.columns()) {
            if (!c.baseType().startsWith("int")) {
                continue;
            }
            String col = ServerSql.quote(Dialect.POSTGRESQL, c.name());
            String table = t.qualified().replace("'", "''");
            s.execute("SELECT setval(seq, coalesce((SELECT max(" + col + ") FROM " + t.qualified() + "), 1),"
                    + " (SELECT max(" + col + ") FROM " + t.qualified() + ") IS NOT NULL)"
                    + " FROM pg_get_serial_sequence('" + table + "', '" + c.name().replace("'", "''") + "') AS seq"
                    + " WHERE seq IS NOT NULL");
        }
    }
}
