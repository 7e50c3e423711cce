package io.github.migrationdelivery.engine.dryrun;

import io.github.migrationdelivery.engine.schema.SchemaDifference;

import java.util.List;
import java.util.Locale;

/**
 * The way back, rehearsed: rollback applied, schema compared with the one before the migration,
 * forward path applied again and compared with the one after.
 *
 * @param afterRollback differences between the schema before the migration and after the rollback
 * @param afterReapply  differences between the schema after the migration and after re-applying it
 * @param dataLoss      rollback statements that destroy data the forward path filled (a dropped
 *                      column or table that held rows)
 * @param notes         changesets without a rollback, failures, what was not rehearsed and why
 */
public record RollbackRehearsal(Status status, List<SchemaDifference> afterRollback,
                                List<SchemaDifference> afterReapply, List<String> dataLoss, List<String> notes) {

    public enum Status {
        /** Rollback restored the schema and re-applying landed on the same schema. */
        PASSED,
        /** A difference or a failure: see the lists. */
        FAILED,
        /** Some changeset has no rollback, so the way back could not be rehearsed as a whole. */
        INCOMPLETE,
        /** Not asked for (--no-rollback-rehearsal), or the forward run failed. */
        SKIPPED;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public RollbackRehearsal {
        afterRollback = List.copyOf(afterRollback);
        afterReapply = List.copyOf(afterReapply);
        dataLoss = List.copyOf(dataLoss);
        notes = List.copyOf(notes);
    }

    public static RollbackRehearsal skipped(String why) {
        return new RollbackRehearsal(Status.SKIPPED, List.of(), List.of(), List.of(), List.of(why));
    }
}
