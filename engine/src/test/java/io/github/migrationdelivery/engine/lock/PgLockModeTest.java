package io.github.migrationdelivery.engine.lock;

import io.github.migrationdelivery.engine.plan.Dialect;
import io.github.migrationdelivery.engine.sql.Lexer;
import io.github.migrationdelivery.engine.sql.Recognizer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PgLockModeTest {

    @Test
    void conflictTableIsSymmetric() {
        for (PgLockMode a : PgLockMode.values()) {
            for (PgLockMode b : PgLockMode.values()) {
                assertThat(a.conflictsWith(b)).as("%s vs %s", a, b).isEqualTo(b.conflictsWith(a));
            }
        }
    }

    @Test
    void whatEachModeBlocksMatchesTheManual() {
        assertThat(PgLockMode.ACCESS_EXCLUSIVE.impact()).satisfies(i -> {
            assertThat(i.blocksReads()).isTrue();
            assertThat(i.blocksWrites()).isTrue();
        });
        assertThat(PgLockMode.SHARE.blocksWrites()).as("CREATE INDEX blocks writes").isTrue();
        assertThat(PgLockMode.SHARE.blocksReads()).as("CREATE INDEX lets reads through").isFalse();
        assertThat(PgLockMode.SHARE_UPDATE_EXCLUSIVE.blocksWrites()).as("VALIDATE and CONCURRENTLY let writes through").isFalse();
        assertThat(PgLockMode.SHARE_UPDATE_EXCLUSIVE.blocksDdl()).isTrue();
        assertThat(PgLockMode.SHARE_ROW_EXCLUSIVE.blocksWrites()).as("ADD FOREIGN KEY blocks writes").isTrue();
        assertThat(PgLockMode.SHARE.conflictsWith(PgLockMode.SHARE)).as("two index builds can run together").isFalse();
        assertThat(PgLockMode.ROW_EXCLUSIVE.conflictsWith(PgLockMode.ROW_EXCLUSIVE)).isFalse();
        assertThat(PgLockMode.fromPgName("ShareUpdateExclusiveLock")).isEqualTo(PgLockMode.SHARE_UPDATE_EXCLUSIVE);
    }

    @Test
    void lockTableNamesTheLockOfEachShape() {
        assertThat(lockOf("CREATE INDEX i ON t (a)")).isEqualTo("ShareLock");
        assertThat(lockOf("CREATE INDEX CONCURRENTLY i ON t (a)")).isEqualTo("ShareUpdateExclusiveLock");
        assertThat(lockOf("ALTER TABLE t VALIDATE CONSTRAINT c")).isEqualTo("ShareUpdateExclusiveLock");
        assertThat(lockOf("ALTER TABLE t ADD CONSTRAINT f FOREIGN KEY (a) REFERENCES u (id) NOT VALID")).isEqualTo("ShareRowExclusiveLock");
        assertThat(lockOf("ALTER TABLE t ADD COLUMN a int, VALIDATE CONSTRAINT c")).as("the strongest action wins")
                .isEqualTo("AccessExclusiveLock");
        assertThat(lockOf("ALTER TABLE t DETACH PARTITION p CONCURRENTLY")).isEqualTo("ShareUpdateExclusiveLock");
        assertThat(lockOf("VACUUM FULL t")).isEqualTo("AccessExclusiveLock");
        assertThat(lockOf("REFRESH MATERIALIZED VIEW CONCURRENTLY mv")).isEqualTo("ExclusiveLock");
        assertThat(lockOf("UPDATE t SET a = 1 WHERE id = 2")).isEqualTo("RowExclusiveLock");
    }

    private static String lockOf(String sql) {
        return PostgresLocks.of(new Recognizer(Dialect.POSTGRESQL).recognize(Lexer.significant(sql, Dialect.POSTGRESQL)))
                .map(PgLockMode::pgName).orElse("none");
    }
}
