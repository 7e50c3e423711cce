package io.github.migrationdelivery.engine.migrate;

import io.github.migrationdelivery.engine.EngineException;
import io.github.migrationdelivery.engine.plan.Changeset;
import io.github.migrationdelivery.engine.plan.ChangesetKind;
import io.github.migrationdelivery.engine.plan.Plan;
import io.github.migrationdelivery.engine.snapshot.ConnectionSpec;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;

/**
 * The production apply: forward only, changeset by changeset, recorded in the migration tool's
 * own history (DATABASECHANGELOG as Liquibase writes it, flyway_schema_history as Flyway does) so
 * either tool can take over. Every {@link Precondition} runs before the target is touched. The run
 * holds the database's migration lock (a session-level advisory lock, and Liquibase's lock for
 * changelogs); changesets the history already holds are skipped, so a run after a kill resumes
 * after the last committed one. A lock timeout rolls the changeset back and retries it with
 * backoff; any other failure rolls the changeset back (when it is transactional) and stops with
 * INCOMPLETE. It never runs a rollback script.
 */
public final class Migration {

    private final MigrateSettings settings;
    private final List<Precondition> preconditions;
    private final MigrationListener listener;

    public Migration(MigrateSettings settings, List<Precondition> preconditions, MigrationListener listener) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.preconditions = List.copyOf(preconditions);
        this.listener = listener == null ? MigrationListener.NONE : listener;
    }

    public MigrationResult run(Plan plan, ConnectionSpec target) {
        if (plan.dialect() != target.dialect()) {
            throw EngineException.badInput("the plan is for " + plan.dialect().id() + " but the target "
                    + target.redacted() + " is " + target.dialect().id());
        }
        for (Changeset cs : plan.changesets()) {
            if (cs.kind() == ChangesetKind.PLAIN_SQL) {
                throw EngineException.badInput(cs.position(), "migrate records what it applied, so SQL files need Flyway"
                        + " names (V<version>__<description>.sql, R__<description>.sql) or a Liquibase changelog");
            }
        }
        for (Precondition p : preconditions) {
            p.check(plan, target);
        }
        try (Connection c = target.connect()) {
            return new MigrationRun(settings, plan, target, Target.of(plan.dialect()), c, listener).run();
        } catch (SQLException e) {
            throw new EngineException(EngineException.Kind.DATABASE, "migrate " + target.redacted() + ": "
                    + EngineException.serverMessage(e), null, e);
        }
    }
}
