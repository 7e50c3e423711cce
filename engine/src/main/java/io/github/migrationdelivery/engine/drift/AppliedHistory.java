package io.github.migrationdelivery.engine.drift;

import io.github.migrationdelivery.engine.EngineException;
import io.github.migrationdelivery.engine.plan.Changeset;
import io.github.migrationdelivery.engine.plan.ChangesetKind;
import io.github.migrationdelivery.engine.plan.Dialect;
import io.github.migrationdelivery.engine.plan.Plan;
import io.github.migrationdelivery.engine.source.PlanReader;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What the migration tools say they applied to a database: the rows of Liquibase's
 * DATABASECHANGELOG and of Flyway's flyway_schema_history in the current schema (PostgreSQL) or
 * database (MariaDB/MySQL), in the order they were applied. Read only; either table may be absent.
 *
 * @param rows              every row, Liquibase's then Flyway's, each in applied order
 * @param liquibaseTable    whether DATABASECHANGELOG exists
 * @param flywayTable       whether flyway_schema_history exists
 * @param flywayBaseline    the version of Flyway's baseline row, if any: versions up to it count as applied
 */
public record AppliedHistory(List<AppliedChangeset> rows, boolean liquibaseTable, boolean flywayTable,
                             Optional<String> flywayBaseline) {

    public AppliedHistory {
        rows = List.copyOf(rows);
        flywayBaseline = flywayBaseline == null ? Optional.empty() : flywayBaseline;
    }

    /**
     * Reads both history tables over {@code connection}.
     *
     * @throws EngineException of kind DATABASE when a table exists but cannot be read
     */
    public static AppliedHistory read(Connection connection, Dialect dialect) {
        String schema = dialect == Dialect.POSTGRESQL ? "current_schema()" : "DATABASE()";
        String liquibase = null;
        String flyway = null;
        List<AppliedChangeset> rows = new ArrayList<>();
        Optional<String> baseline = Optional.empty();
        try {
            try (PreparedStatement ps = connection.prepareStatement("SELECT table_name FROM information_schema.tables"
                    + " WHERE table_schema = " + schema + " AND lower(table_name) IN ('databasechangelog', 'flyway_schema_history')");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String name = rs.getString(1);
                    if (name.toLowerCase(Locale.ROOT).equals("databasechangelog")) {
                        liquibase = name;
                    } else {
                        flyway = name;
                    }
                }
            }
            if (liquibase != null) {
                try (PreparedStatement ps = connection.prepareStatement("SELECT ID, AUTHOR, FILENAME, MD5SUM, ORDEREXECUTED, EXECTYPE FROM "
                        + quote(liquibase, dialect) + " ORDER BY ORDEREXECUTED, DATEEXECUTED");
                     ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.add(new AppliedChangeset(AppliedChangeset.Tool.LIQUIBASE, rs.getString(1), rs.getString(2),
                                rs.getString(3), "", rs.getString(4), rs.getLong(5), rs.getString(6), true));
                    }
                }
            }
            if (flyway != null) {
                try (PreparedStatement ps = connection.prepareStatement("SELECT installed_rank, version, description, type, script,"
                        + " checksum, success FROM " + quote(flyway, dialect) + " ORDER BY installed_rank");
                     ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Object checksum = rs.getObject(6);
                        AppliedChangeset row = new AppliedChangeset(AppliedChangeset.Tool.FLYWAY, rs.getString(2), "",
                                rs.getString(5), rs.getString(3), checksum == null ? "" : checksum.toString(), rs.getLong(1),
                                rs.getString(4), rs.getBoolean(7));
                        if (row.type().equals("BASELINE") || row.type().endsWith("_BASELINE")) {
                            baseline = Optional.of(row.id());
                        }
                        rows.add(row);
                    }
                }
            }
        } catch (SQLException e) {
            throw new EngineException(EngineException.Kind.DATABASE, "cannot read the migration history ("
                    + (flyway != null ? flyway : liquibase != null ? liquibase : "information_schema.tables") + "): "
                    + EngineException.serverMessage(e), null, e);
        }
        return new AppliedHistory(rows, liquibase != null, flyway != null, baseline);
    }

    /** True when neither history table exists: nothing was ever applied by a migration tool. */
    public boolean empty() {
        return !liquibaseTable && !flywayTable;
    }

    /**
     * The history row of {@code changeset}: Liquibase's by id and author (and file name when two
     * files share both), Flyway's by version, or by description for a repeatable script (its
     * latest application). Empty for plain SQL files, which no tool records.
     */
    public Optional<AppliedChangeset> find(Changeset changeset) {
        List<AppliedChangeset> candidates = new ArrayList<>();
        for (AppliedChangeset row : rows) {
            if (matches(row, changeset)) {
                candidates.add(row);
            }
        }
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        if (changeset.kind() == ChangesetKind.LIQUIBASE && candidates.size() > 1) {
            Path file = changeset.position().file().normalize();
            for (AppliedChangeset row : candidates) {
                if (sameFile(file, row.file())) {
                    return Optional.of(row);
                }
            }
        }
        // Flyway keeps a row per application of a repeatable script and per failed attempt: the last one counts.
        return Optional.of(candidates.get(candidates.size() - 1));
    }

    /** True when {@code changeset} counts as applied: it has a successful row, or Flyway's baseline covers its version. */
    public boolean applied(Changeset changeset) {
        if (changeset.kind() == ChangesetKind.VERSIONED_SQL && flywayBaseline.isPresent()
                && VERSIONS.compare(changeset.id(), flywayBaseline.get()) <= 0) {
            return true;
        }
        return find(changeset).filter(AppliedChangeset::success).isPresent();
    }

    /**
     * The changesets this history says are applied, in plan order; plain SQL files (which no tool
     * records) count as applied when anything at all is.
     */
    public Plan appliedPart(Plan plan) {
        boolean anything = rows.stream().anyMatch(r -> r.success() && !r.bookkeeping());
        return new Plan(plan.dialect(), plan.changesets().stream()
                .filter(c -> c.kind() == ChangesetKind.PLAIN_SQL ? anything : applied(c)).toList());
    }

    /** The changesets not applied yet, in plan order: what the next migration would run. */
    public Plan pendingPart(Plan plan) {
        List<Changeset> applied = appliedPart(plan).changesets();
        return new Plan(plan.dialect(), plan.changesets().stream().filter(c -> !applied.contains(c)).toList());
    }

    static final Comparator<String> VERSIONS = PlanReader.flywayVersionOrder();

    private static boolean matches(AppliedChangeset row, Changeset changeset) {
        return switch (changeset.kind()) {
            case LIQUIBASE -> row.tool() == AppliedChangeset.Tool.LIQUIBASE && row.id().equals(changeset.id())
                    && row.author().equals(changeset.author());
            case VERSIONED_SQL -> row.tool() == AppliedChangeset.Tool.FLYWAY && !row.bookkeeping() && !row.id().isEmpty()
                    && row.id().equals(changeset.id());
            case REPEATABLE_SQL -> row.tool() == AppliedChangeset.Tool.FLYWAY && !row.bookkeeping() && row.id().isEmpty()
                    && row.description().equals(changeset.description());
            case PLAIN_SQL -> false;
        };
    }

    /**
     * Liquibase stores the changelog path as it was given to it ({@code changes/baseline.xml},
     * {@code classpath:db/changelog.xml}); the plan knows the file on disk. They are the same file
     * when the path on disk ends with the stored one.
     */
    static boolean sameFile(Path onDisk, String stored) {
        String s = stored.replace('\\', '/');
        s = s.startsWith("classpath:") ? s.substring("classpath:".length()) : s;
        while (s.startsWith("/")) {
            s = s.substring(1);
        }
        if (s.isEmpty()) {
            return false;
        }
        try {
            return onDisk.endsWith(Path.of(s).normalize());
        } catch (RuntimeException e) {
            return false; // not a path on this platform: cannot be the same file
        }
    }

    static String quote(String identifier, Dialect dialect) {
        return dialect == Dialect.POSTGRESQL ? "\"" + identifier.replace("\"", "\"\"") + "\"" : "`" + identifier.replace("`", "``") + "`";
    }
}
