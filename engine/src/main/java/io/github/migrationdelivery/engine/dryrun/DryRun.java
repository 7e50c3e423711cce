package io.github.migrationdelivery.engine.dryrun;

import io.github.migrationdelivery.engine.EngineException;
import io.github.migrationdelivery.engine.plan.Plan;
import io.github.migrationdelivery.engine.snapshot.ConnectionSpec;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;

/**
 * Applies a plan to a snapshot the way the migration tool would (changeset by changeset,
 * statement by statement, in the changeset's transaction mode, with the configured timeouts) and
 * measures each statement: its locks, whether it rewrote a table, how long it held locks that
 * block reads and writes, and how long probe traffic on its tables was blocked.
 *
 * <p>A statement that fails ends the run with outcome FAILED (its transaction rolled back, the
 * rest skipped); the report says where. A lost connection (the snapshot went away) throws an
 * {@link EngineException} of kind DATABASE. The caller owns the snapshot and drops it.
 */
public final class DryRun {

    private final DryRunSettings settings;

    public DryRun(DryRunSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    public DryRunReport run(Plan plan, ConnectionSpec target, DryRunListener listener) {
        if (plan.dialect() != target.dialect()) {
            throw EngineException.badInput("the plan is for " + plan.dialect().id() + " but the snapshot "
                    + target.redacted() + " is " + target.dialect().id());
        }
        Server server = Server.of(plan.dialect());
        try (Connection migration = target.open();
             Connection observer = target.open();
             Probes probes = new Probes(target, server, settings.probeIntervalMs())) {
            observer.setAutoCommit(true);
            return new PlanRun(settings, plan, target, listener == null ? DryRunListener.NONE : listener, server,
                    migration, observer, probes).run();
        } catch (SQLException e) {
            throw new EngineException(EngineException.Kind.DATABASE, "dry-run on " + target.redacted() + ": "
                    + PlanRun.firstLine(e.getMessage()), null, e);
        }
    }
}
