package io.github.migrationdelivery.engine.migrate;

import io.github.migrationdelivery.engine.EngineException;
import io.github.migrationdelivery.engine.history.FlywayHistory;
import io.github.migrationdelivery.engine.history.LiquibaseHistory;
import io.github.migrationdelivery.engine.plan.Changeset;
import io.github.migrationdelivery.engine.plan.ChangesetKind;
import io.github.migrationdelivery.engine.plan.Plan;
import io.github.migrationdelivery.engine.plan.Statement;
import io.github.migrationdelivery.engine.snapshot.ConnectionSpec;
import io.github.migrationdelivery.engine.sql.Lexer;
import io.github.migrationdelivery.engine.sql.QualifiedName;
import io.github.migrationdelivery.engine.sql.Recognizer;
import io.github.migrationdelivery.engine.sql.SqlText;
import io.github.migrationdelivery.engine.sql.StatementShape;
import liquibase.change.CheckSum;
import liquibase.changelog.RanChangeSet;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/** One migration of one plan to one target: the state {@link Migration#run} keeps while it applies the plan. */
final class MigrationRun {

    private final MigrateSettings settings;
    private final Plan plan;
    private final ConnectionSpec target;
    private final Target server;
    private final Connection c;
    private final MigrationListener listener;
    private final Recognizer recognizer;
    private final List<String> appliedNow = new ArrayList<>();
    private final List<String> appliedBefore = new ArrayList<>();
    private LiquibaseHistory liquibase;
    private FlywayHistory flyway;
    private int retries;

    MigrationRun(MigrateSettings settings, Plan plan, ConnectionSpec target, Target server, Connection c,
                 MigrationListener listener) {
        this.settings = settings;
        this.plan = plan;
        this.target = target;
        this.server = server;
        this.c = c;
        this.listener = listener;
        this.recognizer = new Recognizer(plan.dialect());
    }

    MigrationResult run() throws SQLException {
        long start = System.nanoTime();
        c.setAutoCommit(true);
        server.identify(c);
        Optional<String> holder = server.takeRunLock(c);
        if (holder.isPresent()) {
            throw new EngineException(EngineException.Kind.LOCKED, "another migration of " + target.redacted()
                    + " is running: " + holder.get());
        }
        try {
            if (plan.changesets().stream().anyMatch(cs -> cs.kind() == ChangesetKind.LIQUIBASE)) {
                liquibase = LiquibaseHistory.open(c, settings.releaseStaleLockOlderThan());
            }
            if (plan.changesets().stream().anyMatch(cs -> cs.kind() != ChangesetKind.LIQUIBASE)) {
                flyway = FlywayHistory.open(c, plan.dialect());
            }
            List<Changeset> pending = new ArrayList<>();
            for (Changeset cs : plan.changesets()) {
                if (applied(cs)) {
                    appliedBefore.add(cs.displayName());
                } else {
                    pending.add(cs);
                }
            }
            int total = plan.changesets().size();
            if (!appliedBefore.isEmpty()) {
                listener.event(appliedBefore.size() + " of " + total + " changesets already applied: "
                        + String.join(", ", appliedBefore));
            }
            for (Changeset cs : pending) {
                apply(cs, appliedBefore.size() + appliedNow.size() + 1, total);
                appliedNow.add(cs.displayName());
            }
            return new MigrationResult(target.redacted(), appliedBefore, appliedNow, retries,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        } finally {
            if (liquibase != null) {
                liquibase.close();
            }
            try {
                server.releaseRunLock(c);
            } catch (SQLException e) {
                // The session is gone, and its lock with it.
            }
        }
    }

    /** Whether the target's history holds the changeset; an applied changeset whose text changed since is refused. */
    private boolean applied(Changeset cs) {
        if (cs.kind() == ChangesetKind.LIQUIBASE) {
            Optional<RanChangeSet> ran = liquibase.ran(cs);
            ran.map(RanChangeSet::getLastCheckSum).filter(sum -> !cs.checksum().isEmpty())
                    .filter(sum -> sum.getVersion() == CheckSum.parse(cs.checksum()).getVersion())
                    .filter(sum -> !sum.toString().equals(cs.checksum()))
                    .ifPresent(sum -> {
                        throw modified(cs, sum.toString());
                    });
            return ran.isPresent();
        }
        Optional<FlywayHistory.Applied> ran = flyway.applied(cs);
        ran.filter(a -> cs.kind() == ChangesetKind.VERSIONED_SQL && a.checksum() != null && !cs.checksum().isEmpty()
                        && !String.valueOf(a.checksum()).equals(cs.checksum()))
                .ifPresent(a -> {
                    throw modified(cs, String.valueOf(a.checksum()));
                });
        return ran.isPresent();
    }

    private EngineException modified(Changeset cs, String recorded) {
        return EngineException.badInput(cs.position(), "changeset " + cs.displayName() + " was applied with checksum "
                + recorded + " but the file now gives " + cs.checksum() + "; an applied changeset must not change (see drift)");
    }

    private void apply(Changeset cs, int number, int total) throws SQLException {
        List<StatementShape> shapes = new ArrayList<>();
        for (Statement st : cs.statements()) {
            shapes.add(recognizer.recognize(Lexer.significant(st.sql(), plan.dialect())));
        }
        // Generated before any lock is taken: Liquibase's first generation is slow.
        List<String> row = cs.kind() == ChangesetKind.LIQUIBASE ? liquibase.row(cs) : List.of();
        boolean transaction = cs.transactional();
        int from = 0;
        for (int attempt = 1; ; attempt++) {
            server.timeouts(c, settings);
            if (!transaction) {
                repair(cs, shapes, from);
            }
            long start = System.nanoTime();
            c.setAutoCommit(!transaction);
            int j = from;
            try {
                for (; j < cs.statements().size(); j++) {
                    try (java.sql.Statement s = c.createStatement()) {
                        s.execute(cs.statements().get(j).sql());
                    }
                }
                long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                if (cs.kind() == ChangesetKind.LIQUIBASE) {
                    liquibase.record(c, row);
                } else {
                    flyway.record(c, cs, ms);
                }
                if (transaction) {
                    c.commit();
                }
                c.setAutoCommit(true);
                listener.event("applied " + number + "/" + total + " " + cs.displayName() + " (" + cs.position() + ") in "
                        + ms + " ms" + (attempt > 1 ? " on attempt " + attempt : ""));
                return;
            } catch (SQLException e) {
                end(transaction);
                // Outside a transaction the statements before the failed one stay applied: a retry goes on from it.
                from = transaction ? 0 : j;
                Statement failed = cs.statements().get(Math.min(j, cs.statements().size() - 1));
                boolean lockTimeout = server.isLockTimeout(e);
                if (!transaction) {
                    repair(cs, shapes, from);
                }
                if (lockTimeout && attempt <= settings.retries()) {
                    Duration pause = backoff(attempt);
                    retries++;
                    listener.event("lock timeout (" + settings.lockTimeout().toMillis() + " ms) on attempt " + attempt + "/"
                            + (settings.retries() + 1) + " of " + cs.displayName() + " at " + failed.position() + ": "
                            + SqlText.excerpt(failed.sql(), 60) + "; retrying in " + pause.toMillis() + " ms");
                    sleep(pause);
                    continue;
                }
                throw lockTimeout ? gaveUp(cs, failed, shapes.get(Math.min(j, shapes.size() - 1)), attempt)
                        : stopped(cs, failed, e, transaction ? 0 : j);
            }
        }
    }

    /** Rolls back the changeset's transaction, and leaves the session in autocommit either way. */
    private void end(boolean transaction) {
        try {
            if (transaction) {
                c.rollback();
            }
            c.setAutoCommit(true);
        } catch (SQLException e) {
            // The connection is gone: the server rolled the transaction back itself.
        }
    }

    /**
     * A {@code CREATE INDEX CONCURRENTLY} that failed, timed out or was killed leaves an INVALID
     * index that would make the retry fail ("already exists") and slows every write meanwhile.
     */
    private void repair(Changeset cs, List<StatementShape> shapes, int from) {
        for (int j = from; j < shapes.size(); j++) {
            if (shapes.get(j) instanceof StatementShape.CreateIndex ci && ci.concurrently() && !ci.name().isEmpty()) {
                QualifiedName index = new QualifiedName(ci.table() == null ? "" : ci.table().schema(), ci.name());
                try {
                    if (server.dropInvalidIndex(c, index)) {
                        listener.event("dropped INVALID index " + index + " left by an unfinished CREATE INDEX CONCURRENTLY"
                                + " of " + cs.displayName() + " at " + cs.statements().get(j).position());
                    }
                } catch (SQLException e) {
                    listener.event("could not drop INVALID index " + index + " (" + EngineException.serverMessage(e)
                            + "); drop it by hand: DROP INDEX CONCURRENTLY IF EXISTS " + index);
                }
            }
        }
    }

    private Duration backoff(int attempt) {
        long base = settings.firstBackoff().toMillis() << Math.min(20, attempt - 1);
        long capped = Math.min(MigrateSettings.MAX_BACKOFF.toMillis(), base);
        // Full jitter around the step: many deployments retrying at once do not retry in step.
        return Duration.ofMillis(capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1));
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineException(EngineException.Kind.INTERNAL, "interrupted while waiting to retry");
        }
    }

    private EngineException gaveUp(Changeset cs, Statement failed, StatementShape shape, int attempts) {
        Optional<String> holders;
        try {
            holders = server.lockHolders(c, shape.tables());
        } catch (SQLException e) {
            holders = Optional.empty();
        }
        String on = shape.tables().isEmpty() ? "a table it needs"
                : String.join(", ", shape.tables().stream().map(QualifiedName::toString).toList());
        return new EngineException(EngineException.Kind.LOCK_TIMEOUT, "gave up on " + cs.displayName() + " after "
                + attempts + (attempts == 1 ? " attempt" : " attempts") + ": another session holds a lock on " + on
                + " longer than the lock timeout (" + settings.lockTimeout().toMillis() + " ms) at " + failed.position()
                + ": " + SqlText.excerpt(failed.sql(), 60) + "; held by " + holders.orElse("a session that could not be named")
                + "; " + progress(), null, null);
    }

    private EngineException stopped(Changeset cs, Statement failed, SQLException e, int committedStatements) {
        String partly = committedStatements == 0 ? "" : " (it runs outside a transaction: its first " + committedStatements
                + " statements stay applied)";
        return new EngineException(EngineException.Kind.INCOMPLETE, "changeset " + cs.displayName() + " failed" + partly
                + " at " + failed.position() + ": " + SqlText.excerpt(failed.sql(), 60) + ": " + EngineException.serverMessage(e)
                + "; " + progress(), null, e);
    }

    /** What the target holds now, for the one line that ends an unfinished run. */
    private String progress() {
        String now = appliedNow.isEmpty() ? "none" : String.join(", ", appliedNow);
        return "applied by this run: " + now + "; applied before: " + appliedBefore.size() + "; nothing was rolled back";
    }
}
