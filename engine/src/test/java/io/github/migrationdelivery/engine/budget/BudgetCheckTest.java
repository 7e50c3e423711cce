package io.github.migrationdelivery.engine.budget;

import io.github.migrationdelivery.engine.dryrun.ChangesetRun;
import io.github.migrationdelivery.engine.dryrun.DryRunReport;
import io.github.migrationdelivery.engine.dryrun.DryRunSamples;
import io.github.migrationdelivery.engine.dryrun.Outcome;
import io.github.migrationdelivery.engine.dryrun.StatementRun;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class BudgetCheckTest {

    @Test
    void theUnsafePlanBreaksTheDefaultBudgetAndEachBreachNamesTheRuleAndTheRewrite() {
        List<Breach> breaches = BudgetCheck.evaluate(DryRunSamples.unsafe(), LockBudget.defaults(), DryRunSamples.unsafeFindings());

        assertThat(breaches).extracting(b -> b.position().line(), Breach::metric, Breach::measuredMs, Breach::limitMs, Breach::ruleId)
                .containsExactly(
                        tuple(7, Breach.WRITE_BLOCKING_LOCK, 640L, 200L, "require-concurrent-index-creation"),
                        tuple(8, Breach.WRITE_BLOCKING_LOCK, 1830L, 200L, "changing-column-type"));
        assertThat(breaches.get(0).safeRewrite()).startsWith("CREATE INDEX CONCURRENTLY");
        assertThat(breaches.get(0).why()).contains("ShareLock");
        assertThat(breaches.get(0).changeset()).isEqualTo("7");
        assertThat(breaches.get(1).oneLine())
                .isEqualTo("db/unsafe/V7__naive_release.sql:8:1: write-blocking-lock 1830 ms > 200 ms [changing-column-type]: "
                        + "ALTER TABLE orders ALTER COLUMN amount TYPE numeric(14, 2)");
    }

    @Test
    void theSafeRewritePassesTheDefaultBudget() {
        assertThat(BudgetCheck.evaluate(DryRunSamples.safe(), LockBudget.defaults(), Optional.empty())).isEmpty();
    }

    @Test
    void everyMetricIsCheckedWhenItsLimitIsSet() {
        LockBudget budget = LockBudget.none().withMaxReadBlockingMs(100).withMaxBlockedMs(700).withMaxStatementMs(1000)
                .withMaxTotalMs(2000);

        List<Breach> breaches = BudgetCheck.evaluate(DryRunSamples.unsafe(), budget, List.of());

        assertThat(breaches).extracting(b -> b.position().line(), Breach::metric, Breach::measuredMs)
                .containsExactly(
                        tuple(8, Breach.READ_BLOCKING_LOCK, 1830L),
                        tuple(8, Breach.BLOCKED_TRAFFIC, 1824L),
                        tuple(8, Breach.STATEMENT_DURATION, 1830L),
                        tuple(0, Breach.TOTAL_DURATION, 2500L));
        assertThat(breaches).allSatisfy(b -> assertThat(b.ruleId()).isEmpty());
        assertThat(breaches.get(3).statement()).isEmpty();
        assertThat(breaches.get(3).position().file()).isEqualTo(DryRunSamples.UNSAFE_FILE);
    }

    @Test
    void aTablesOwnBudgetAppliesToStatementsThatTouchItWhetherNamedWithOrWithoutSchema() {
        // The rewrite's lock is on "orders", its rewritten table "public.orders": both match.
        LockBudget strictOrders = LockBudget.none().withMaxWriteBlockingMs(1);
        LockBudget budget = LockBudget.defaults().withTable("public.Orders", strictOrders);

        assertThat(BudgetCheck.evaluate(DryRunSamples.safe(), budget, List.of()))
                .extracting(b -> b.position().line(), Breach::limitMs)
                .containsExactly(tuple(14, 1L));

        LockBudget lenient = LockBudget.defaults().withTable("orders", LockBudget.none().withMaxWriteBlockingMs(5000));
        assertThat(BudgetCheck.evaluate(DryRunSamples.unsafe(), lenient, List.of())).isEmpty();

        // A table budget that does not set a limit leaves the default in force.
        LockBudget silent = LockBudget.defaults().withTable("orders", LockBudget.none().withMaxStatementMs(100_000));
        assertThat(BudgetCheck.evaluate(DryRunSamples.unsafe(), silent, List.of())).hasSize(2);
    }

    @Test
    void skippedAndFailedStatementsAreNotHeldToTheBudgetButStoppedOnesAre() {
        DryRunReport unsafe = DryRunSamples.unsafe();
        ChangesetRun cs = unsafe.changesets().get(0);
        List<StatementRun> runs = List.of(with(cs.statements().get(1), Outcome.STOPPED_BY_BUDGET),
                with(cs.statements().get(2), Outcome.SKIPPED));
        DryRunReport stopped = new DryRunReport(unsafe.dialect(), unsafe.serverVersion(), unsafe.snapshot(), 700, 10,
                Outcome.STOPPED_BY_BUDGET, "write-blocking lock over budget",
                List.of(new ChangesetRun(cs.id(), cs.name(), cs.position(), true, Outcome.STOPPED_BY_BUDGET, 700, runs)),
                unsafe.rollback());

        assertThat(BudgetCheck.evaluate(stopped, LockBudget.defaults(), List.of()))
                .extracting(b -> b.position().line()).containsExactly(7);
    }

    @Test
    void flagsWinOverTheFileAndTheFileOverTheDefaults() {
        LockBudget file = LockBudget.none().withMaxWriteBlockingMs(500).withMaxTotalMs(60_000)
                .withTable("orders", LockBudget.none().withMaxWriteBlockingMs(50).withMaxBlockedMs(100));
        LockBudget flags = LockBudget.none().withMaxWriteBlockingMs(300)
                .withTable("ORDERS", LockBudget.none().withMaxBlockedMs(20));

        LockBudget merged = LockBudget.defaults().overriddenBy(file).overriddenBy(flags);

        assertThat(merged.maxWriteBlockingMs()).hasValue(300);
        assertThat(merged.maxTotalMs()).hasValue(60_000);
        assertThat(merged.maxReadBlockingMs()).isEmpty();
        assertThat(merged.perTable().get("orders").maxWriteBlockingMs()).hasValue(50);
        assertThat(merged.perTable().get("orders").maxBlockedMs()).hasValue(20);
        assertThat(LockBudget.defaults().overriddenBy(LockBudget.none())).isEqualTo(LockBudget.defaults());
    }

    private static StatementRun with(StatementRun s, Outcome o) {
        return new StatementRun(s.index(), s.position(), s.statement(), o, s.startedAtMs(), s.durationMs(), s.rowsAffected(),
                s.locks(), s.strongestLock(), s.blocksReads(), s.blocksWrites(), s.rewrittenTables(), s.writeBlockingHeldMs(),
                s.readBlockingHeldMs(), s.maxReadBlockedMs(), s.maxWriteBlockedMs(), s.lockCapture(), s.onlineDdl(), s.error());
    }
}
