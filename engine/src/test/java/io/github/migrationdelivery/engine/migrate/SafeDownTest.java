package io.github.migrationdelivery.engine.migrate;

import io.github.migrationdelivery.engine.plan.Dialect;
import io.github.migrationdelivery.engine.plan.Plan;
import io.github.migrationdelivery.engine.plan.ServerVersion;
import io.github.migrationdelivery.engine.source.PlanReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class SafeDownTest {

    @TempDir
    Path dir;

    @Test
    void generatedAndWrittenRollbacksThatLoseDataAreNamedWithTheirPlace() throws IOException {
        Path changelog = dir.resolve("changelog.xml");
        Files.writeString(changelog, """
                <databaseChangeLog xmlns="http://www.liquibase.org/xml/ns/dbchangelog"
                        xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                        xsi:schemaLocation="http://www.liquibase.org/xml/ns/dbchangelog
                                            http://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-4.33.xsd">
                    <changeSet id="1" author="ann">
                        <createTable tableName="items"><column name="id" type="bigint"/></createTable>
                    </changeSet>
                    <changeSet id="2" author="ann">
                        <addColumn tableName="items"><column name="note" type="text"/></addColumn>
                    </changeSet>
                    <changeSet id="3" author="ann">
                        <sql>INSERT INTO items (id) VALUES (1)</sql>
                        <rollback>
                            <sql>DELETE FROM items WHERE id = 1</sql>
                        </rollback>
                    </changeSet>
                    <changeSet id="4" author="ann">
                        <sql>UPDATE items SET note = 'x' WHERE note IS NULL</sql>
                        <rollback>
                            <sql>TRUNCATE items</sql>
                        </rollback>
                    </changeSet>
                    <changeSet id="5" author="ann">
                        <sql>ALTER TABLE items RENAME COLUMN note TO remark</sql>
                        <rollback>
                            <sql>ALTER TABLE items RENAME COLUMN remark TO note</sql>
                        </rollback>
                    </changeSet>
                </databaseChangeLog>
                """);
        List<SafeDown.Destructive> found = SafeDown.check(read(changelog));
        assertThat(found).extracting(SafeDown.Destructive::changeset).containsExactly("1::ann", "2::ann", "4::ann");
        assertThat(found.get(0).why()).startsWith("drops table items with every row in it");
        assertThat(found.get(1).why()).startsWith("drops column items.note and its values");
        assertThat(found.get(2).why()).isEqualTo("empties items");
        assertThat(found.get(2).position().toString()).startsWith(changelog + ":20");
    }

    @Test
    void flywayUndoScriptsAreCheckedStatementByStatement() throws IOException {
        Files.writeString(dir.resolve("V1__items.sql"), "CREATE TABLE items (id bigint PRIMARY KEY, price numeric(12,2));\n");
        Files.writeString(dir.resolve("U1__items.sql"), "DROP VIEW IF EXISTS items_view;\nDELETE FROM items;\n");
        Files.writeString(dir.resolve("V2__index.sql"), "CREATE INDEX items_price ON items (price);\n");
        Files.writeString(dir.resolve("U2__index.sql"), "DROP INDEX items_price;\nALTER TABLE items ALTER COLUMN price TYPE numeric(6,2);\n");
        List<SafeDown.Destructive> found = SafeDown.check(read(dir));
        assertThat(found).extracting(d -> d.position().toString()).containsExactly(
                dir.resolve("U1__items.sql") + ":2:1", dir.resolve("U2__index.sql") + ":2:1");
        assertThat(found.get(0).why()).isEqualTo("deletes every row of items (no WHERE)");
        assertThat(found.get(1).why()).contains("items.price").contains("may be narrower");
    }

    @Test
    void safeRollbacksPass() throws IOException {
        Files.writeString(dir.resolve("V1__seed.sql"), "INSERT INTO countries VALUES ('NL');\n");
        Files.writeString(dir.resolve("U1__seed.sql"), "DELETE FROM countries WHERE code = 'NL';\n");
        Files.writeString(dir.resolve("V2__view.sql"), "CREATE VIEW nl AS SELECT 1;\nCREATE INDEX c_idx ON countries (code);\n");
        Files.writeString(dir.resolve("U2__view.sql"), "DROP INDEX c_idx;\nDROP VIEW nl;\nALTER TABLE countries ALTER COLUMN code TYPE text;\n");
        assertThat(SafeDown.check(read(dir))).isEmpty();
    }

    private static Plan read(Path path) {
        return new PlanReader(Dialect.POSTGRESQL, ServerVersion.parse("15"), Set.of(), Set.of()).read(List.of(path));
    }
}
