package io.github.migrationdelivery.engine.dryrun;

import io.github.migrationdelivery.engine.EngineException;
import io.github.migrationdelivery.engine.plan.Changeset;
import io.github.migrationdelivery.engine.plan.ChangesetKind;
import io.github.migrationdelivery.engine.plan.Dialect;
import io.github.migrationdelivery.engine.plan.Plan;
import io.github.migrationdelivery.engine.plan.SourcePosition;
import io.github.migrationdelivery.engine.plan.Statement;
import io.github.migrationdelivery.engine.testdb.TestDatabase;
import io.github.migrationdelivery.engine.testdb.TestDatabases;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Faults around the dry-run that no statement of the plan causes. */
class DryRunFaultsTest {

    @Test
    void aSnapshotThatDisappearsMidRunIsOneDatabaseLine() throws Exception {
        Path file = Path.of("V1__slow.sql");
        Changeset slow = new Changeset("1", "", "slow", ChangesetKind.VERSIONED_SQL, new SourcePosition(file, 1, 1), true,
                List.of(new Statement("CREATE TABLE t (id bigint PRIMARY KEY)", new SourcePosition(file, 1, 1)),
                        new Statement("SELECT pg_sleep(20)", new SourcePosition(file, 2, 1))),
                Optional.empty(), Set.of(), Set.of(), "");
        Plan plan = new Plan(Dialect.POSTGRESQL, List.of(slow));
        try (TestDatabase db = TestDatabases.create(Dialect.POSTGRESQL)) {
            CompletableFuture<DryRunReport> run = CompletableFuture.supplyAsync(() ->
                    new DryRun(DryRunSettings.defaults().withoutRollbackRehearsal()).run(plan, db.spec(), DryRunListener.NONE));
            waitForSleep(db.name());
            try (Connection admin = TestDatabases.connect(TestDatabases.server(Dialect.POSTGRESQL))) {
                admin.createStatement().execute("DROP DATABASE " + db.name() + " WITH (FORCE)");
            }
            assertThatThrownBy(() -> run.get(30, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(EngineException.class)
                    .cause().satisfies(e -> {
                        EngineException ee = (EngineException) e;
                        assertThat(ee.kind()).isEqualTo(EngineException.Kind.DATABASE);
                        assertThat(ee.oneLine()).doesNotContain("\n").contains("V1__slow.sql:2:1");
                    });
        }
    }

    private static void waitForSleep(String database) throws Exception {
        try (Connection admin = TestDatabases.connect(TestDatabases.server(Dialect.POSTGRESQL))) {
            for (int i = 0; i < 200; i++) {
                var rs = admin.createStatement().executeQuery("SELECT count(*) FROM pg_stat_activity WHERE datname = '"
                        + database + "' AND query LIKE 'SELECT pg_sleep%' AND state = 'active'");
                rs.next();
                if (rs.getInt(1) > 0) {
                    return;
                }
                Thread.sleep(50);
            }
        }
        throw new AssertionError("the dry-run never reached its slow statement");
    }
}
