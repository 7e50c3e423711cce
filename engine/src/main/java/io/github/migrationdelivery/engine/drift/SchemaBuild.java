package io.github.migrationdelivery.engine.drift;

import io.github.migrationdelivery.engine.EngineException;
import io.github.migrationdelivery.engine.dryrun.DryRun;
import io.github.migrationdelivery.engine.dryrun.DryRunListener;
import io.github.migrationdelivery.engine.dryrun.DryRunReport;
import io.github.migrationdelivery.engine.dryrun.DryRunSettings;
import io.github.migrationdelivery.engine.plan.Plan;
import io.github.migrationdelivery.engine.schema.SchemaFingerprint;
import io.github.migrationdelivery.engine.snapshot.ConnectionSpec;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Applies changesets to a throw-away database the way the dry-run does (changeset by changeset,
 * in each one's transaction mode, history rows written as the tool writes them) but without
 * probes, lock sampling or rollback rehearsal, and reads the schema that results. This is how
 * drift learns the schema the migrations describe and compat the schema before and after a plan.
 */
public final class SchemaBuild {

    private final DryRunSettings settings;

    /** Lock timeout and statement timeout as the dry-run's defaults; nothing measured. */
    public SchemaBuild() {
        DryRunSettings d = DryRunSettings.defaults();
        this.settings = new DryRunSettings(d.lockTimeout(), d.statementTimeout(), 1_000, false, false, Optional.empty());
    }

    /**
     * Applies {@code plan} to {@code database} (nothing happens for an empty plan).
     *
     * @param what names the database in messages ("the scratch database", "the before snapshot")
     * @throws EngineException of kind DATABASE (LOCK_TIMEOUT) naming the changeset whose statement failed
     */
    public void apply(Plan plan, ConnectionSpec database, String what) {
        if (plan.changesets().isEmpty()) {
            return;
        }
        DryRunReport report = new DryRun(settings).run(plan, database, DryRunListener.NONE);
        Optional<EngineException.Kind> failed = report.failureKind();
        if (failed.isPresent()) {
            throw new EngineException(failed.get(), "applying the migrations to " + what + " " + database.redacted()
                    + " failed at " + report.failure(), null, null);
        }
    }

    /** Refuses a database of another server family than the plan was read for. */
    public static ConnectionSpec sameDialect(Plan plan, ConnectionSpec database) {
        if (plan.dialect() != database.dialect()) {
            throw EngineException.badInput("the migrations are read for " + plan.dialect().id() + " but " + database.redacted()
                    + " is " + database.dialect().id() + " (use --dialect)");
        }
        return database;
    }

    /** The schema of {@code database} now. */
    public SchemaFingerprint read(ConnectionSpec database) {
        try (Connection c = database.connect()) {
            return SchemaFingerprint.read(c, database.dialect());
        } catch (SQLException e) {
            throw new EngineException(EngineException.Kind.DATABASE, "reading the schema of " + database.redacted() + ": "
                    + EngineException.serverMessage(e), null, e);
        }
    }

    /** The migration history of {@code database}. */
    public AppliedHistory history(ConnectionSpec database) {
        try (Connection c = database.connect()) {
            return AppliedHistory.read(c, database.dialect());
        } catch (SQLException e) {
            throw new EngineException(EngineException.Kind.DATABASE, "reading the migration history of " + database.redacted()
                    + ": " + EngineException.serverMessage(e), null, e);
        }
    }
}
