package io.github.migrationdelivery.engine.dryrun;

import io.github.migrationdelivery.engine.plan.Dialect;
import io.github.migrationdelivery.engine.testdb.TestDatabase;
import io.github.migrationdelivery.engine.testdb.TestDatabases;
import org.junit.jupiter.api.Test;

import static io.github.migrationdelivery.engine.dryrun.Plans.plan;
import static io.github.migrationdelivery.engine.dryrun.Plans.sql;
import static org.assertj.core.api.Assertions.assertThat;

/** The dry-run measured on MariaDB 10.11 with a 1,000,000-row table. */
class MariadbDryRunTest {

    @Test
    void addColumnRunsInstantAndChangingTheColumnTypeCopiesTheTableAndBlocksWrites() {
        try (TestDatabase db = TestDatabases.create(Dialect.MARIADB)) {
            db.run("CREATE TABLE orders (id int PRIMARY KEY, amount int NOT NULL) ENGINE=InnoDB;\n"
                    + "INSERT INTO orders SELECT seq, seq % 500 FROM seq_1_to_1000000");
            DryRunReport report = new DryRun(DryRunSettings.defaults().withoutRollbackRehearsal()).run(plan(Dialect.MARIADB,
                    sql("db/V1__add.sql", true, "ALTER TABLE orders ADD COLUMN x int"),
                    sql("db/V2__bigint.sql", true, "ALTER TABLE orders MODIFY amount bigint NOT NULL")),
                    db.spec(), DryRunListener.NONE);

            assertThat(report.outcome()).isEqualTo(Outcome.APPLIED);
            StatementRun add = report.statements().get(0);
            StatementRun modify = report.statements().get(1);
            assertThat(add.onlineDdl()).isEqualTo("INSTANT");
            assertThat(add.rewrittenTables()).isEmpty();
            assertThat(modify.onlineDdl()).isEqualTo("COPY");
            assertThat(modify.rewrittenTables()).containsExactly("orders");
            assertThat(modify.lockCapture()).startsWith("metadata locks sampled every 5 ms");
            assertThat(modify.locks()).extracting(LockHeld::mode).contains("MDL_SHARED_NO_WRITE");
            assertThat(modify.blocksWrites()).isTrue();
            assertThat(modify.writeBlockingHeldMs()).isGreaterThan(modify.durationMs() / 2);
            assertThat(modify.maxWriteBlockedMs()).isGreaterThan(modify.durationMs() / 2);
            assertThat(modify.maxReadBlockedMs()).isLessThan(modify.maxWriteBlockedMs() / 2);
        }
    }
}
