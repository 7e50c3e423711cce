package io.github.migrationdelivery.engine.dryrun;

import io.github.migrationdelivery.engine.EngineException;
import io.github.migrationdelivery.engine.plan.Changeset;
import io.github.migrationdelivery.engine.plan.Dialect;
import io.github.migrationdelivery.engine.plan.Plan;
import io.github.migrationdelivery.engine.plan.Statement;
import io.github.migrationdelivery.engine.schema.SchemaDifference;
import io.github.migrationdelivery.engine.schema.SchemaFingerprint;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Rehearses the way back on a database the plan has just been applied to: each changeset's
 * rollback in reverse order (in its own transaction when the changeset is transactional), the
 * schema compared with the one before the migration, then the rolled-back changesets applied
 * again in order and the schema compared with the one after. Along the way it reports rollback
 * statements that destroy data and keeps the migration tool's history rows in step. SQL is sent
 * plainly through JDBC; nothing is measured. See docs/rollback-rehearsal.md.
 */
public final class RollbackRehearser {

    /** How many differences a note spells out; the lists in the result hold them all. */
    private static final int DIFFERENCES_IN_NOTE = 5;

    private final Dialect dialect;
    private final DataLossCheck dataLossCheck;

    public RollbackRehearser(Dialect dialect) {
        this.dialect = Objects.requireNonNull(dialect, "dialect");
        this.dataLossCheck = new DataLossCheck(dialect);
    }

    /**
     * @param plan       the plan whose forward statements have been applied on {@code connection}
     * @param connection a connection to the (throw-away) database; its auto-commit mode is restored afterwards
     * @param before     the schema before the plan was applied
     * @param after      the schema after the plan was applied
     * @throws EngineException of kind DATABASE when the connection itself fails (the catalogs cannot be
     *                         read); a statement the server refuses is a FAILED result, not an exception
     */
    public RollbackRehearsal rehearse(Plan plan, Connection connection, SchemaFingerprint before, SchemaFingerprint after) {
        try {
            boolean autoCommit = connection.getAutoCommit();
            try {
                return new Run(connection, HistoryRows.find(connection, dialect)).rehearse(plan, before, after);
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new EngineException(EngineException.Kind.DATABASE,
                    "rollback rehearsal: the database connection failed: " + EngineException.serverMessage(e), null, e);
        }
    }

    /** The state of one rehearsal. */
    private final class Run {
        private final Connection connection;
        private final HistoryRows history;
        private final List<String> dataLoss = new ArrayList<>();
        private final List<String> notes = new ArrayList<>();
        private final Map<Changeset, List<HistoryRows.Row>> removedRows = new HashMap<>();
        /** The schema right after each changeset's rollback, to compare with the way forward step by step. */
        private final Map<Changeset, SchemaFingerprint> afterUndo = new HashMap<>();

        Run(Connection connection, HistoryRows history) {
            this.connection = connection;
            this.history = history;
        }

        RollbackRehearsal rehearse(Plan plan, SchemaFingerprint before, SchemaFingerprint after) throws SQLException {
            List<Changeset> changesets = plan.changesets();
            Deque<Changeset> rolledBack = new ArrayDeque<>();
            boolean incomplete = false;
            boolean failed = false;
            boolean reapplicable = true;
            for (int i = changesets.size() - 1; i >= 0; i--) {
                Changeset changeset = changesets.get(i);
                if (changeset.rollback().isEmpty()) {
                    incomplete = true;
                    notes.add(describe(changeset) + " has no rollback: the way back stops there"
                            + (i == 0 ? "" : ", so " + i + " changeset(s) before it were not rolled back either"));
                    break;
                }
                Optional<String> failure = apply(changeset, changeset.rollback().get().statements(), true);
                if (failure.isPresent()) {
                    failed = true;
                    notes.add("rollback of " + failure.get());
                    // A failed transactional rollback left the changeset applied, so the ones after it
                    // can still go forward again; outside a transaction the schema is half-way.
                    reapplicable = changeset.transactional();
                    break;
                }
                rolledBack.addFirst(changeset);
                afterUndo.put(changeset, SchemaFingerprint.read(connection, dialect));
            }

            List<SchemaDifference> afterRollback = before.diff(rolledBack.isEmpty()
                    ? SchemaFingerprint.read(connection, dialect) : afterUndo.get(rolledBack.getFirst()));
            if (!afterRollback.isEmpty()) {
                notes.add((incomplete || failed ? "after the partial rollback" : "after the rollback")
                        + ", the schema differs from the one before the migration: " + summary(afterRollback));
            }

            List<SchemaDifference> afterReapply = List.of();
            if (!reapplicable) {
                notes.add("not re-applied: the failed rollback ran outside a transaction, so the schema is half-way");
            } else {
                List<Changeset> forward = List.copyOf(rolledBack);
                for (int k = 0; k < forward.size(); k++) {
                    Optional<String> failure = apply(forward.get(k), forward.get(k).statements(), false);
                    if (failure.isPresent()) {
                        failed = true;
                        notes.add("re-applying " + failure.get());
                        break;
                    }
                    if (k + 1 < forward.size()) {
                        // Undoing the next changeset should have left what this one produces; a later
                        // rollback (a dropped table) can hide the difference from the end-to-end comparison.
                        List<SchemaDifference> step = SchemaFingerprint.read(connection, dialect).diff(afterUndo.get(forward.get(k + 1)));
                        if (!step.isEmpty()) {
                            failed = true;
                            notes.add("the rollback of " + describe(forward.get(k + 1)) + " does not restore the schema "
                                    + describe(forward.get(k)) + " left: " + summary(step));
                        }
                    }
                }
                afterReapply = after.diff(SchemaFingerprint.read(connection, dialect));
                if (!afterReapply.isEmpty()) {
                    notes.add("after re-applying, the schema differs from the one the migration produced: " + summary(afterReapply));
                }
            }

            boolean rollbackDiffers = !incomplete && !failed && !afterRollback.isEmpty();
            RollbackRehearsal.Status status = failed || rollbackDiffers || !afterReapply.isEmpty()
                    ? RollbackRehearsal.Status.FAILED
                    : incomplete ? RollbackRehearsal.Status.INCOMPLETE : RollbackRehearsal.Status.PASSED;
            return new RollbackRehearsal(status, afterRollback, afterReapply, dataLoss, notes);
        }

        /**
         * Runs {@code statements} of {@code changeset} in one transaction when it is transactional,
         * together with its history rows (removed on the way back, restored on the way forward).
         * Returns what failed, naming changeset, statement and server message.
         */
        private Optional<String> apply(Changeset changeset, List<Statement> statements, boolean rollback) throws SQLException {
            connection.setAutoCommit(!changeset.transactional());
            for (int k = 0; k < statements.size(); k++) {
                Statement statement = statements.get(k);
                String where = describe(changeset) + " statement " + (k + 1) + " (" + statement.position() + ")";
                if (rollback) {
                    for (String loss : dataLossCheck.check(connection, statement.sql())) {
                        dataLoss.add(describe(changeset) + " rollback statement " + (k + 1) + " (" + statement.position() + ") " + loss);
                    }
                }
                try (java.sql.Statement s = connection.createStatement()) {
                    s.execute(statement.sql());
                } catch (SQLException e) {
                    undo(changeset);
                    return Optional.of(where + " failed: " + EngineException.serverMessage(e));
                }
            }
            try {
                if (rollback) {
                    removedRows.put(changeset, history.remove(changeset, dialect));
                } else {
                    history.restore(removedRows.getOrDefault(changeset, List.of()), dialect);
                }
            } catch (SQLException e) {
                undo(changeset);
                return Optional.of(describe(changeset) + " history rows failed: " + EngineException.serverMessage(e));
            }
            if (changeset.transactional()) {
                connection.commit();
            }
            return Optional.empty();
        }

        private void undo(Changeset changeset) throws SQLException {
            if (changeset.transactional()) {
                connection.rollback();
            }
        }
    }

    private static String describe(Changeset changeset) {
        return "changeset " + changeset.displayName() + " (" + changeset.position() + ")";
    }

    private static String summary(List<SchemaDifference> differences) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < Math.min(differences.size(), DIFFERENCES_IN_NOTE); i++) {
            text.append(i == 0 ? "" : "; ").append(differences.get(i));
        }
        if (differences.size() > DIFFERENCES_IN_NOTE) {
            text.append("; and ").append(differences.size() - DIFFERENCES_IN_NOTE).append(" more");
        }
        return text.toString();
    }
}
