package io.github.migrationdelivery.engine.backup;

import io.github.migrationdelivery.engine.plan.Dialect;
import io.github.migrationdelivery.engine.plan.Plan;
import io.github.migrationdelivery.engine.source.PlanReader;
import io.github.migrationdelivery.engine.sql.QualifiedName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class BackupScopeTest {

    @TempDir
    Path dir;

    @Test
    void destructiveStatementsNameTheTablesAndDroppedColumns() {
        BackupScope scope = BackupScope.of(Plans.of(Dialect.POSTGRESQL, dir, """
                CREATE INDEX CONCURRENTLY orders_created ON orders (created_at);
                ALTER TABLE orders DROP COLUMN note, ADD COLUMN memo text;
                DROP TABLE audit_log;
                TRUNCATE sessions;
                DELETE FROM carts WHERE created_at < now() - interval '1 year';
                UPDATE customers SET tier = 'basic';
                UPDATE invoices SET paid = true WHERE id = 3;
                """));
        assertThat(scope.required()).isTrue();
        assertThat(scope.wholeDatabase()).isFalse();
        assertThat(scope.tables()).extracting(QualifiedName::name)
                .containsExactly("orders", "audit_log", "sessions", "carts", "customers");
        assertThat(scope.droppedColumns()).containsExactly(new BackupScope.DroppedColumn(QualifiedName.of("orders"), "note"));
    }

    @Test
    void additivePlansAndTablesBornInThePlanNeedNoBackup() {
        assertThat(BackupScope.of(Plans.of(Dialect.POSTGRESQL, dir, """
                CREATE TABLE scratch (id int PRIMARY KEY);
                ALTER TABLE orders ADD COLUMN memo text;
                DROP TABLE scratch;
                """)).required()).isFalse();
    }

    @Test
    void droppingASchemaOrAViewNeedsTheWholeDatabase() {
        assertThat(BackupScope.of(Plans.of(Dialect.POSTGRESQL, dir, "DROP VIEW order_totals;")).wholeDatabase()).isTrue();
        assertThat(BackupScope.of(Plans.of(Dialect.POSTGRESQL, dir, "DROP SCHEMA legacy CASCADE;")).wholeDatabase()).isTrue();
    }

    @Test
    void aRollbackCountsWhenItDestroysDataThatExistsBeforeThePlan() throws IOException {
        Path addsAColumn = Files.createDirectories(dir.resolve("adds"));
        Files.writeString(addsAColumn.resolve("V1__memo.sql"), "ALTER TABLE orders ADD COLUMN memo text;");
        Files.writeString(addsAColumn.resolve("U1__memo.sql"), "ALTER TABLE orders DROP COLUMN memo;");
        assertThat(BackupScope.of(read(addsAColumn)).required())
                .as("undoing the plan's own column loses nothing that exists now").isFalse();

        Path dropsAnOldOne = Files.createDirectories(dir.resolve("drops"));
        Files.writeString(dropsAnOldOne.resolve("V1__memo.sql"), "ALTER TABLE orders ADD COLUMN memo text;");
        Files.writeString(dropsAnOldOne.resolve("U1__memo.sql"), "ALTER TABLE orders DROP COLUMN memo, DROP COLUMN note;");
        BackupScope scope = BackupScope.of(read(dropsAnOldOne));
        assertThat(scope.required()).isTrue();
        assertThat(scope.droppedColumns()).extracting(BackupScope.DroppedColumn::column).containsExactly("memo", "note");
    }

    private static Plan read(Path folder) {
        return new PlanReader(Dialect.POSTGRESQL, null, Set.of(), Set.of()).read(List.of(folder));
    }

    @Test
    void narrowingATypeIsDestructive() {
        BackupScope scope = BackupScope.of(Plans.of(Dialect.MARIADB, dir, "ALTER TABLE orders MODIFY note VARCHAR(20);"));
        assertThat(scope.tables()).extracting(QualifiedName::name).containsExactly("orders");
        assertThat(scope.droppedColumns()).isEmpty();
    }
}
