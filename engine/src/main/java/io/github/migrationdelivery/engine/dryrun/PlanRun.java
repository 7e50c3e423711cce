package io.github.migrationdelivery.engine.dryrun;

import io.github.migrationdelivery.engine.EngineException;
import io.github.migrationdelivery.engine.budget.LockBudget;
import io.github.migrationdelivery.engine.history.LiquibaseHistory;
import io.github.migrationdelivery.engine.plan.Changeset;
import io.github.migrationdelivery.engine.plan.ChangesetKind;
import io.github.migrationdelivery.engine.plan.Plan;
import io.github.migrationdelivery.engine.plan.Statement;
import io.github.migrationdelivery.engine.schema.SchemaFingerprint;
import io.github.migrationdelivery.engine.snapshot.ConnectionSpec;
import io.github.migrationdelivery.engine.sql.AlterAction;
import io.github.migrationdelivery.engine.sql.Lexer;
import io.github.migrationdelivery.engine.sql.QualifiedName;
import io.github.migrationdelivery.engine.sql.Recognizer;
import io.github.migrationdelivery.engine.sql.SqlText;
import io.github.migrationdelivery.engine.sql.StatementShape;
import io.github.migrationdelivery.engine.sql.Token;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/** One dry-run of one plan on one snapshot: the state {@link DryRun#run} keeps while it applies the plan. */
final class PlanRun {

    /** Probe requests still waiting when the transaction ended get this long to get through. */
    private static final long PROBE_FINISH_MS = 10_000;

    private final DryRunSettings settings;
    private final Plan plan;
    private final ConnectionSpec target;
    private final DryRunListener listener;
    private final Server server;
    private final Connection migration;
    private final Connection observer;
    private final Probes probes;
    private final Recognizer recognizer;
    private final long runStartNs = System.nanoTime();
    private long sessionId;
    private String sampling = "";
    private Set<String> preexisting = Set.of();
    private LiquibaseHistory history;

    PlanRun(DryRunSettings settings, Plan plan, ConnectionSpec target, DryRunListener listener, Server server,
            Connection migration, Connection observer, Probes probes) {
        this.settings = settings;
        this.plan = plan;
        this.target = target;
        this.listener = listener;
        this.server = server;
        this.migration = migration;
        this.observer = observer;
        this.probes = probes;
        this.recognizer = new Recognizer(plan.dialect());
    }

    DryRunReport run() throws SQLException {
        server.configureMigrationSession(migration, settings);
        sessionId = server.sessionId(migration);
        sampling = server.prepareSampling(observer, settings.probeIntervalMs());
        String version = migration.getMetaData().getDatabaseProductVersion();
        if (plan.changesets().stream().anyMatch(c -> c.kind() == ChangesetKind.LIQUIBASE)) {
            history = LiquibaseHistory.open(migration, Optional.empty());
        }
        try {
            preexisting = server.relations(migration);
            SchemaFingerprint before = settings.rehearseRollback() ? SchemaFingerprint.read(migration, plan.dialect()) : null;
            List<ChangesetRun> runs = new ArrayList<>();
            Outcome outcome = Outcome.APPLIED;
            String failure = "";
            int total = plan.changesets().size();
            for (int i = 0; i < total; i++) {
                Changeset cs = plan.changesets().get(i);
                if (outcome != Outcome.APPLIED) {
                    runs.add(skipped(cs));
                    continue;
                }
                listener.changesetStarted(i + 1, total, cs);
                ChangesetResult r = apply(cs);
                runs.add(r.run());
                outcome = r.run().outcome();
                failure = r.failure();
            }
            RollbackRehearsal rollback;
            if (!settings.rehearseRollback()) {
                rollback = RollbackRehearsal.skipped("not asked for (--no-rollback-rehearsal)");
            } else if (outcome != Outcome.APPLIED) {
                rollback = RollbackRehearsal.skipped("the forward run did not complete");
            } else {
                migration.setAutoCommit(true);
                SchemaFingerprint after = SchemaFingerprint.read(migration, plan.dialect());
                rollback = new RollbackRehearser(plan.dialect()).rehearse(plan, migration, before, after);
            }
            return new DryRunReport(plan.dialect(), version, target.redacted(), ms(System.nanoTime() - runStartNs),
                    settings.probeIntervalMs(), outcome, failure, runs, rollback);
        } finally {
            if (history != null) {
                history.close();
            }
        }
    }

    private record ChangesetResult(ChangesetRun run, String failure) {
    }

    private ChangesetResult apply(Changeset cs) throws SQLException {
        long csStart = System.nanoTime();
        boolean transaction = cs.transactional();
        migration.setAutoCommit(!transaction);
        List<StatementShape> shapes = new ArrayList<>();
        Map<String, Optional<ProbeTarget>> targets = new HashMap<>();
        // Rows to probe are chosen before the changeset takes any lock, from another session, so
        // choosing them neither waits for the migration nor adds to its locks.
        for (Statement st : cs.statements()) {
            StatementShape shape = shape(st);
            shapes.add(shape);
            for (QualifiedName t : shape.tables()) {
                Optional<String> name = server.resolve(observer, t);
                if (name.isPresent() && settings.probes() && !targets.containsKey(name.get())) {
                    targets.put(name.get(), probeTarget(name.get()));
                }
            }
        }
        // Generated before the changeset takes its locks: Liquibase's first generation is slow,
        // and that must not count as lock hold time.
        List<String> historyRow = history != null && cs.kind() == ChangesetKind.LIQUIBASE ? history.row(cs) : List.of();
        List<StatementProgress> done = new ArrayList<>();
        Set<LockHeld> heldBefore = new HashSet<>();
        String failure = "";
        Outcome outcome = Outcome.APPLIED;
        int n = cs.statements().size();
        for (int j = 0; j < n; j++) {
            Statement st = cs.statements().get(j);
            listener.statementStarted(cs, j + 1, st);
            StatementProgress p = execute(cs, j + 1, st, shapes.get(j), targets, transaction, heldBefore);
            done.add(p);
            if (p.outcome == Outcome.FAILED) {
                outcome = Outcome.FAILED;
                failure = failureLine(p, shapes.get(j));
                break;
            }
            Optional<String> over = overBudget(done, System.nanoTime());
            if (over.isPresent()) {
                p.outcome = Outcome.STOPPED_BY_BUDGET;
                outcome = Outcome.STOPPED_BY_BUDGET;
                failure = over.get();
                break;
            }
        }
        if (outcome == Outcome.APPLIED && history != null && cs.kind() == ChangesetKind.LIQUIBASE) {
            history.record(migration, historyRow);
        }
        if (transaction && outcome == Outcome.APPLIED) {
            // The hold so far already counts; a commit that would end over budget is a rollback instead.
            Optional<String> over = overBudget(done, System.nanoTime());
            if (over.isPresent()) {
                done.get(done.size() - 1).outcome = Outcome.STOPPED_BY_BUDGET;
                outcome = Outcome.STOPPED_BY_BUDGET;
                failure = over.get();
            }
        }
        long transactionEnd = end(transaction, outcome == Outcome.APPLIED);
        List<StatementRun> runs = new ArrayList<>();
        for (StatementProgress p : done) {
            if (p.watch != null) {
                p.watch.finish(PROBE_FINISH_MS);
            }
            StatementRun run = p.toRun(runStartNs, transaction ? transactionEnd : p.endNs);
            runs.add(run);
            listener.statementFinished(cs, run);
        }
        for (int j = done.size(); j < n; j++) {
            runs.add(StatementProgress.skipped(j + 1, cs.statements().get(j)));
        }
        ChangesetRun run = new ChangesetRun(cs.id(), cs.displayName(), cs.position(), transaction, outcome,
                ms(System.nanoTime() - csStart), runs);
        return new ChangesetResult(run, failure);
    }

    /** Commits or rolls back the changeset's transaction; returns when its locks were released. */
    private long end(boolean transaction, boolean commit) throws SQLException {
        if (!transaction) {
            return System.nanoTime();
        }
        ReleaseWatch release = server.seesOwnLocks() ? ReleaseWatch.start(server, observer, sessionId) : null;
        try {
            if (commit) {
                migration.commit();
            } else {
                migration.rollback();
            }
        } catch (SQLException e) {
            throw lost(e, "ending the changeset's transaction");
        }
        long returned = System.nanoTime();
        return release == null ? returned : release.endNs(returned);
    }

    private StatementProgress execute(Changeset cs, int index, Statement st, StatementShape shape,
                                      Map<String, Optional<ProbeTarget>> targets, boolean transaction,
                                      Set<LockHeld> heldBefore) throws SQLException {
        List<String> tables = new ArrayList<>();
        List<ProbeTarget> probeTargets = new ArrayList<>();
        for (QualifiedName t : shape.tables()) {
            Optional<String> name = server.resolve(migration, t);
            if (name.isPresent()) {
                tables.add(name.get());
                Optional<ProbeTarget> pt = targets.getOrDefault(name.get(), Optional.empty());
                pt.ifPresent(probeTargets::add);
            } else {
                tables.add(t.toString());
            }
        }
        Map<String, Long> storageBefore = server.storage(migration);
        Probes.Watch watch = probeTargets.isEmpty() ? null : probes.watch(probeTargets);
        boolean ownLocks = transaction && server.seesOwnLocks();
        LockSampler sampler = ownLocks ? null : new LockSampler(server, observer, sessionId, settings.probeIntervalMs(),
                l -> preexisting.contains(l.relation()) && server.blocksReads(l.mode()),
                l -> preexisting.contains(l.relation()) && server.blocksWrites(l.mode()));
        if (watch != null) {
            try {
                watch.go();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SQLException("interrupted", "57014", e);
            }
        }
        long start = System.nanoTime();
        StatementProgress p = new StatementProgress(index, st, tables, start);
        p.watch = watch;
        SQLException failed = null;
        try {
            p.rows = send(st.sql(), shape, p);
        } catch (SQLException e) {
            failed = e;
        }
        p.endNs = System.nanoTime();
        // Inside a transaction the locks stay until commit, and so does the probing: the blocked
        // time is then measured over the same span as the hold.
        if (watch != null && !transaction) {
            watch.stop();
        }
        List<LockHeld> locks;
        if (sampler != null) {
            LockSampler.Sample sample = sampler.stop();
            locks = sample.locks();
            p.sampledReadBlockingMs = sample.readBlockingMs();
            p.sampledWriteBlockingMs = sample.writeBlockingMs();
            p.lockCapture = sampling;
        } else {
            p.lockCapture = "own-backend";
            locks = List.of();
        }
        if (failed != null) {
            if (server.isConnectionLost(failed)) {
                if (watch != null) {
                    watch.finish(0);
                }
                throw lost(failed, st.position() + ": " + excerpt(st.sql()));
            }
            p.outcome = Outcome.FAILED;
            p.error = firstLine(failed.getMessage());
            p.locks = locks;
            return p;
        }
        if (ownLocks) {
            List<LockHeld> now = server.ownLocks(migration);
            locks = now.stream().filter(l -> !heldBefore.contains(l)).toList();
            heldBefore.addAll(now);
        }
        p.locks = locks;
        measureLocks(p);
        p.rewritten = rewritten(storageBefore, server.storage(migration));
        return p;
    }

    /** Sends the statement; MariaDB/MySQL ALTERs try the online algorithms first. Returns rows affected. */
    private long send(String sql, StatementShape shape, StatementProgress p) throws SQLException {
        if (plan.dialect().isMysqlFamily() && shape instanceof StatementShape.AlterTable alter && algorithmFree(alter, sql)) {
            return tryAlgorithms(sql, p);
        }
        try (java.sql.Statement s = migration.createStatement()) {
            s.execute(sql);
            return Math.max(0, s.getUpdateCount());
        }
    }

    private static boolean algorithmFree(StatementShape.AlterTable alter, String sql) {
        return alter.algorithm().isEmpty()
                && alter.actions().stream().noneMatch(a -> a.kind() == AlterAction.Kind.ALGORITHM)
                && sql.stripLeading().regionMatches(true, 0, "ALTER", 0, 5);
    }

    /**
     * The same ALTER with ALGORITHM=INSTANT, then INPLACE with LOCK=NONE, then INPLACE, then as
     * written: the first the server accepts is the one it would run with. The server refuses an
     * algorithm before doing any work, so a refused attempt costs nothing.
     */
    private long tryAlgorithms(String sql, StatementProgress p) throws SQLException {
        String base = sql.strip();
        while (base.endsWith(";")) {
            base = base.substring(0, base.length() - 1).strip();
        }
        String[][] attempts = {
            {"INSTANT", base + ", ALGORITHM=INSTANT"},
            {"INPLACE", base + ", ALGORITHM=INPLACE, LOCK=NONE"},
            {"INPLACE", base + ", ALGORITHM=INPLACE"},
            {"COPY", sql},
        };
        for (int i = 0; i < attempts.length; i++) {
            try (java.sql.Statement s = migration.createStatement()) {
                s.execute(attempts[i][1]);
                p.onlineDdl = attempts[i][0];
                return Math.max(0, s.getUpdateCount());
            } catch (SQLException e) {
                if (i == attempts.length - 1 || server.isLockTimeout(e) || server.isConnectionLost(e)) {
                    throw e;
                }
            }
        }
        throw new IllegalStateException("unreachable");
    }

    private void measureLocks(StatementProgress p) {
        String strongest = "none";
        int strength = -1;
        for (LockHeld l : p.locks) {
            if (!preexisting.contains(l.relation())) {
                continue; // a table the plan created blocks nobody
            }
            p.blocksReads |= server.blocksReads(l.mode());
            p.blocksWrites |= server.blocksWrites(l.mode());
            int s = server.strength(l.mode());
            if (s > strength) {
                strength = s;
                strongest = l.mode();
            }
        }
        p.strongest = strongest;
    }

    private static List<String> rewritten(Map<String, Long> before, Map<String, Long> after) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, Long> e : after.entrySet()) {
            Long was = before.get(e.getKey());
            if (was != null && !was.equals(e.getValue())) {
                String key = e.getKey();
                int space = key.indexOf(' ');
                out.add(space < 0 ? key : key.substring(space + 1));
            }
        }
        out.sort(null);
        return out;
    }

    /** The first budget limit the changeset's statements are over, measured up to {@code nowNs}. */
    private Optional<String> overBudget(List<StatementProgress> statements, long nowNs) {
        if (settings.stopOnBudget().isEmpty()) {
            return Optional.empty();
        }
        for (StatementProgress p : statements) {
            LockBudget budget = budgetFor(settings.stopOnBudget().get(), p.tables);
            long end = p.endNs == 0 ? nowNs : Math.max(p.endNs, nowNs);
            Optional<String> over = over("write-blocking-lock", p.writeBlockingHeldMs(end), budget.maxWriteBlockingMs(), p)
                    .or(() -> over("read-blocking-lock", p.readBlockingHeldMs(end), budget.maxReadBlockingMs(), p))
                    .or(() -> over("blocked-traffic", p.watch == null ? 0
                            : Math.max(p.watch.maxReadBlockedMs(), p.watch.maxWriteBlockedMs()), budget.maxBlockedMs(), p))
                    .or(() -> over("statement-duration", ms(p.endNs - p.startNs), budget.maxStatementMs(), p));
            if (over.isPresent()) {
                return over;
            }
        }
        return Optional.empty();
    }

    private static Optional<String> over(String metric, long measured, OptionalLong limit, StatementProgress p) {
        if (limit.isPresent() && measured > limit.getAsLong()) {
            return Optional.of("stopped by the lock budget: " + metric + " " + measured + " ms > " + limit.getAsLong()
                    + " ms at " + p.statement.position() + ": " + excerpt(p.statement.sql()));
        }
        return Optional.empty();
    }

    /** A table's own budget replaces the defaults for statements on it; the strictest applies when several do. */
    private static LockBudget budgetFor(LockBudget budget, List<String> tables) {
        for (String t : tables) {
            String bare = t.substring(t.indexOf('.') + 1);
            LockBudget own = budget.perTable().getOrDefault(t, budget.perTable().get(bare));
            if (own != null) {
                return own;
            }
        }
        return budget;
    }

    private Optional<ProbeTarget> probeTarget(String table) {
        try {
            return server.probeTarget(observer, table);
        } catch (SQLException e) {
            // No probe for this table (odd types, no privilege): the statement is still measured.
            return Optional.empty();
        }
    }

    private StatementShape shape(Statement st) {
        List<Token> tokens = Lexer.significant(st.sql(), plan.dialect());
        return recognizer.recognize(tokens);
    }

    private String failureLine(StatementProgress p, StatementShape shape) {
        if (p.error.isEmpty()) {
            return p.statement.position() + ": " + excerpt(p.statement.sql());
        }
        return failureText(p.error, p.tables, p.statement, lockTimeout(p.error));
    }

    private boolean lockTimeout(String error) {
        String e = error.toLowerCase(Locale.ROOT);
        return e.contains("lock timeout") || e.contains("lock wait timeout");
    }

    private static String failureText(String error, List<String> tables, Statement st, boolean lockTimeout) {
        if (lockTimeout) {
            String on = tables.isEmpty() ? "a table it needs" : String.join(", ", new LinkedHashSet<>(tables));
            return DryRunReport.LOCK_TIMEOUT_PREFIX + " another session holds a lock on " + on + " at " + st.position()
                    + ": " + excerpt(st.sql());
        }
        return st.position() + ": " + excerpt(st.sql()) + ": " + error;
    }

    private EngineException lost(SQLException e, String where) {
        return new EngineException(EngineException.Kind.DATABASE, "lost the connection to the snapshot "
                + target.redacted() + " at " + where + ": " + firstLine(e.getMessage()), null, e);
    }

    private static ChangesetRun skipped(Changeset cs) {
        List<StatementRun> runs = new ArrayList<>();
        for (int j = 0; j < cs.statements().size(); j++) {
            runs.add(StatementProgress.skipped(j + 1, cs.statements().get(j)));
        }
        return new ChangesetRun(cs.id(), cs.displayName(), cs.position(), cs.transactional(), Outcome.SKIPPED, 0, runs);
    }

    /** The statement on one line for messages, cut to 80 characters, without the comments above it. */
    static String excerpt(String sql) {
        return SqlText.excerpt(sql, 80);
    }

    static String firstLine(String message) {
        String m = message == null ? "" : message.strip();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl).strip();
    }

    private static long ms(long ns) {
        return TimeUnit.NANOSECONDS.toMillis(ns);
    }
}
