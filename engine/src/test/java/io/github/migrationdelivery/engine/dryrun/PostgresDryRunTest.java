package io.github.migrationdelivery.engine.dryrun;

import io.github.migrationdelivery.engine.EngineException;
import io.github.migrationdelivery.engine.budget.LockBudget;
import io.github.migrationdelivery.engine.plan.Dialect;
import io.github.migrationdelivery.engine.plan.Plan;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;

import static io.github.migrationdelivery.engine.dryrun.Plans.liquibase;
import static io.github.migrationdelivery.engine.dryrun.Plans.plan;
import static io.github.migrationdelivery.engine.dryrun.Plans.sql;
import static org.assertj.core.api.Assertions.assertThat;

/** The dry-run measured on PostgreSQL 15 with a 1,000,000-row table. */
class PostgresDryRunTest {

    private static BigTable table;

    private final DryRunSettings settings = DryRunSettings.defaults().withoutRollbackRehearsal();

    @BeforeAll
    static void build() {
        table = new BigTable();
    }

    @AfterAll
    static void drop() {
        if (table != null) {
            table.close();
        }
    }

    private DryRunReport run(Plan plan) {
        return run(plan, settings);
    }

    private DryRunReport run(Plan plan, DryRunSettings s) {
        try (BigTable.Copy copy = table.copy()) {
            return new DryRun(s).run(plan, copy.spec(), DryRunListener.NONE);
        }
    }

    @Test
    void changingAnIntColumnToBigintRewritesTheTableUnderAccessExclusiveLockAndBlocksReadsAndWrites() {
        DryRunReport report = run(plan(Dialect.POSTGRESQL,
                sql("db/V1__amount_bigint.sql", true, "ALTER TABLE orders ALTER COLUMN amount TYPE bigint")));

        assertThat(report.outcome()).isEqualTo(Outcome.APPLIED);
        StatementRun s = report.statements().get(0);
        assertThat(s.rewrittenTables()).containsExactly("public.orders");
        assertThat(s.strongestLock()).isEqualTo("AccessExclusiveLock");
        assertThat(s.locks()).contains(new LockHeld("public.orders", "AccessExclusiveLock"));
        assertThat(s.lockCapture()).isEqualTo("own-backend");
        assertThat(s.blocksReads()).isTrue();
        assertThat(s.blocksWrites()).isTrue();
        assertThat(s.writeBlockingHeldMs()).isGreaterThanOrEqualTo(s.durationMs()).isEqualTo(s.readBlockingHeldMs());
        // A probe that started right after the statement waited for (nearly) the whole hold.
        assertThat(s.maxReadBlockedMs()).isGreaterThan(s.writeBlockingHeldMs() / 2);
        assertThat(s.maxWriteBlockedMs()).isGreaterThan(s.writeBlockingHeldMs() / 2);
        assertThat(s.maxBlockedMs()).isLessThanOrEqualTo(s.writeBlockingHeldMs() + 50);
    }

    @Test
    void addingAColumnWithAConstantDefaultIsMetadataOnlyAndTheLiquibaseChangesetIsRecorded() throws SQLException {
        try (BigTable.Copy copy = table.copy()) {
            DryRunReport report = new DryRun(settings).run(plan(Dialect.POSTGRESQL,
                    liquibase("add-status", "alice", "ALTER TABLE orders ADD COLUMN status text NOT NULL DEFAULT 'pending'")),
                    copy.spec(), DryRunListener.NONE);

            assertThat(report.outcome()).isEqualTo(Outcome.APPLIED);
            StatementRun s = report.statements().get(0);
            assertThat(s.rewrittenTables()).isEmpty();
            assertThat(s.strongestLock()).isEqualTo("AccessExclusiveLock");
            // Milliseconds on a quiet machine; the bound leaves room for a loaded CI runner, still far below a scan.
            assertThat(s.writeBlockingHeldMs()).isLessThan(500);
            assertThat(s.maxBlockedMs()).isLessThan(500);
            try (Connection c = copy.connect(); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT id, author, filename, exectype, orderexecuted FROM databasechangelog")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("add-status");
                assertThat(rs.getString(2)).isEqualTo("alice");
                assertThat(rs.getString(3)).isEqualTo("db/changelog.xml");
                assertThat(rs.getString(4)).isEqualTo("EXECUTED");
                assertThat(rs.getInt(5)).isEqualTo(1);
                assertThat(rs.next()).isFalse();
            }
        }
    }

    @Test
    void createIndexBlocksWritesButNotReads() {
        DryRunReport report = run(plan(Dialect.POSTGRESQL,
                sql("db/V1__index.sql", true, "CREATE INDEX orders_customer_idx ON orders (customer_id, amount)")));

        StatementRun s = report.statements().get(0);
        assertThat(s.strongestLock()).isEqualTo("ShareLock");
        assertThat(s.blocksWrites()).isTrue();
        assertThat(s.blocksReads()).isFalse();
        assertThat(s.rewrittenTables()).isEmpty();
        assertThat(s.readBlockingHeldMs()).isZero();
        assertThat(s.maxWriteBlockedMs()).isGreaterThan(s.writeBlockingHeldMs() / 2);
        assertThat(s.maxReadBlockedMs()).isLessThan(s.maxWriteBlockedMs() / 4);
    }

    @Test
    void createIndexConcurrentlyBlocksNeitherReadsNorWrites() {
        DryRunReport report = run(plan(Dialect.POSTGRESQL,
                sql("db/V1__index.sql", false, "CREATE INDEX CONCURRENTLY orders_customer_idx ON orders (customer_id, amount)")));

        StatementRun s = report.statements().get(0);
        assertThat(report.outcome()).isEqualTo(Outcome.APPLIED);
        assertThat(s.lockCapture()).isEqualTo("sampled every 5 ms");
        assertThat(s.strongestLock()).isEqualTo("ShareUpdateExclusiveLock");
        assertThat(s.blocksWrites()).isFalse();
        assertThat(s.blocksReads()).isFalse();
        assertThat(s.writeBlockingHeldMs()).isZero();
        assertThat(s.durationMs()).isGreaterThan(100);
        assertThat(s.maxReadBlockedMs()).isLessThan(s.durationMs() / 4);
        assertThat(s.maxWriteBlockedMs()).isLessThan(s.durationMs() / 4);
    }

    @Test
    void validatingAConstraintAddedNotValidHoldsOnlyShareUpdateExclusiveLockDuringTheScan() {
        DryRunReport report = run(plan(Dialect.POSTGRESQL,
                sql("db/V1__check.sql", true, "ALTER TABLE orders ADD CONSTRAINT amount_positive CHECK (amount >= 0) NOT VALID"),
                sql("db/V2__validate.sql", true, "ALTER TABLE orders VALIDATE CONSTRAINT amount_positive")));

        assertThat(report.outcome()).isEqualTo(Outcome.APPLIED);
        StatementRun add = report.statements().get(0);
        StatementRun validate = report.statements().get(1);
        assertThat(add.strongestLock()).isEqualTo("AccessExclusiveLock");
        assertThat(add.writeBlockingHeldMs()).isLessThan(500);
        assertThat(validate.strongestLock()).isEqualTo("ShareUpdateExclusiveLock");
        assertThat(validate.blocksReads()).isFalse();
        assertThat(validate.blocksWrites()).isFalse();
        // Probes are not blocked: what they waited is the (loaded) machine's latency, far below the scan.
        assertThat(validate.maxReadBlockedMs()).isLessThan(Math.max(100, validate.durationMs() / 2));
        assertThat(validate.maxWriteBlockedMs()).isLessThan(Math.max(100, validate.durationMs() / 2));
    }

    @Test
    void aFailingStatementIsReportedWhereItIsAndItsChangesetIsRolledBack() throws SQLException {
        try (BigTable.Copy copy = table.copy()) {
            DryRunReport report = new DryRun(settings).run(plan(Dialect.POSTGRESQL,
                    sql("db/V1__ok.sql", true, "CREATE TABLE customers (id bigint PRIMARY KEY)"),
                    sql("db/V2__broken.sql", true, "ALTER TABLE orders ADD COLUMN flagged boolean",
                            "ALTER TABLE orders ADD COLUMN amount int"),
                    sql("db/V3__never.sql", true, "ALTER TABLE orders ADD COLUMN later int")),
                    copy.spec(), DryRunListener.NONE);

            assertThat(report.outcome()).isEqualTo(Outcome.FAILED);
            assertThat(report.failureKind()).contains(EngineException.Kind.DATABASE);
            assertThat(report.failure()).startsWith("db/V2__broken.sql:2:1: ALTER TABLE orders ADD COLUMN amount int: ")
                    .contains("already exists").doesNotContain("\n");
            assertThat(report.changesets()).extracting(ChangesetRun::outcome)
                    .containsExactly(Outcome.APPLIED, Outcome.FAILED, Outcome.SKIPPED);
            assertThat(report.changesets().get(1).statements().get(1).error()).contains("already exists");
            try (Connection c = copy.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                    "SELECT count(*) FROM information_schema.columns WHERE table_name = 'orders' AND column_name = 'flagged'")) {
                rs.next();
                assertThat(rs.getInt(1)).as("the failed changeset's first statement is rolled back").isZero();
            }
        }
    }

    @Test
    void aLockHeldByAnotherSessionEndsTheRunWithALockTimeout() throws SQLException {
        try (BigTable.Copy copy = table.copy(); Connection other = copy.connect()) {
            other.setAutoCommit(false);
            try (Statement st = other.createStatement()) {
                st.execute("SELECT count(*) FROM orders WHERE id = 1"); // AccessShareLock until the transaction ends
            }
            DryRunSettings s = new DryRunSettings(Duration.ofMillis(200), Duration.ofMinutes(1), 5, true, false, Optional.empty());
            DryRunReport report = new DryRun(s).run(plan(Dialect.POSTGRESQL,
                    sql("db/V1__drop.sql", true, "ALTER TABLE orders DROP COLUMN note")), copy.spec(), DryRunListener.NONE);
            other.rollback();

            assertThat(report.outcome()).isEqualTo(Outcome.FAILED);
            assertThat(report.failureKind()).contains(EngineException.Kind.LOCK_TIMEOUT);
            assertThat(report.failure()).isEqualTo("lock timeout: another session holds a lock on public.orders at"
                    + " db/V1__drop.sql:1:1: ALTER TABLE orders DROP COLUMN note");
        }
    }

    @Test
    void theBudgetStopsTheRunAndRollsBackTheStatementOverIt() throws SQLException {
        try (BigTable.Copy copy = table.copy()) {
            DryRunReport report = new DryRun(settings.withStopOnBudget(LockBudget.defaults())).run(plan(Dialect.POSTGRESQL,
                    sql("db/V1__amount_bigint.sql", true, "ALTER TABLE orders ALTER COLUMN amount TYPE bigint"),
                    sql("db/V2__later.sql", true, "ALTER TABLE orders ADD COLUMN later int")), copy.spec(), DryRunListener.NONE);

            assertThat(report.outcome()).isEqualTo(Outcome.STOPPED_BY_BUDGET);
            assertThat(report.failure()).startsWith("stopped by the lock budget: write-blocking-lock ")
                    .endsWith("ms > 200 ms at db/V1__amount_bigint.sql:1:1: ALTER TABLE orders ALTER COLUMN amount TYPE bigint");
            assertThat(report.statements()).extracting(StatementRun::outcome)
                    .containsExactly(Outcome.STOPPED_BY_BUDGET, Outcome.SKIPPED);
            try (Connection c = copy.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                    "SELECT data_type FROM information_schema.columns WHERE table_name = 'orders' AND column_name = 'amount'")) {
                rs.next();
                assertThat(rs.getString(1)).as("rolled back").isEqualTo("integer");
            }
        }
    }
}
