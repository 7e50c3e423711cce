package io.github.migrationdelivery.engine.dryrun;

import io.github.migrationdelivery.engine.plan.Changeset;
import io.github.migrationdelivery.engine.plan.ChangesetKind;
import io.github.migrationdelivery.engine.plan.Dialect;
import io.github.migrationdelivery.engine.plan.Plan;
import io.github.migrationdelivery.engine.plan.Rollback;
import io.github.migrationdelivery.engine.plan.SourcePosition;
import io.github.migrationdelivery.engine.plan.Statement;
import io.github.migrationdelivery.engine.schema.EmptySchema;
import io.github.migrationdelivery.engine.schema.SchemaDifference;
import io.github.migrationdelivery.engine.schema.SchemaFingerprint;
import io.github.migrationdelivery.engine.source.PlanReader;
import io.github.migrationdelivery.engine.testdb.TestDatabase;
import io.github.migrationdelivery.engine.testdb.TestDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RollbackRehearserTest {

    private static final Path CHANGELOG = Path.of("changelog.xml");

    /** One database per dialect for the class, emptied before each test (creating one costs seconds). */
    private final Map<Dialect, TestDatabase> databases = new EnumMap<>(Dialect.class);

    @TempDir
    Path tmp;

    @AfterAll
    void dropDatabases() {
        databases.values().forEach(TestDatabase::close);
    }

    /** An empty database with a table t (three rows) and the Liquibase and Flyway history tables. */
    private TestDatabase database(Dialect dialect) {
        TestDatabase db = databases.computeIfAbsent(dialect, TestDatabases::create);
        EmptySchema.reset(db);
        db.run("CREATE TABLE t (id int PRIMARY KEY, note varchar(50));\n"
                + "INSERT INTO t VALUES (1, 'a'), (2, 'b'), (3, 'c');\n"
                + "CREATE TABLE DATABASECHANGELOG (ID varchar(255) NOT NULL, AUTHOR varchar(255) NOT NULL,"
                + " FILENAME varchar(255) NOT NULL, ORDEREXECUTED int NOT NULL);\n"
                + "CREATE TABLE flyway_schema_history (installed_rank int PRIMARY KEY, version varchar(50),"
                + " script varchar(1000) NOT NULL)");
        return db;
    }

    private static List<Statement> statements(int firstLine, List<String> sql) {
        List<Statement> statements = new ArrayList<>();
        for (int i = 0; i < sql.size(); i++) {
            statements.add(new Statement(sql.get(i), new SourcePosition(CHANGELOG, firstLine + i, 5)));
        }
        return statements;
    }

    /** A Liquibase changeset at line 10 * id of changelog.xml; {@code rollback} null means none. */
    private static Changeset changeset(int id, List<String> forward, List<String> rollback) {
        SourcePosition at = new SourcePosition(CHANGELOG, 10 * id, 3);
        Optional<Rollback> back = rollback == null ? Optional.empty()
                : Optional.of(new Rollback(statements(10 * id + 5, rollback), at));
        return new Changeset(Integer.toString(id), "test", "", ChangesetKind.LIQUIBASE, at, true,
                statements(10 * id + 1, forward), back, Set.of(), Set.of(), "");
    }

    /** Applies the plan as the forward run would (history rows included), then rehearses the way back. */
    private static RollbackRehearsal forwardThenRehearse(TestDatabase db, Plan plan) throws SQLException {
        try (Connection c = db.connect()) {
            SchemaFingerprint before = SchemaFingerprint.read(c, plan.dialect());
            int order = 0;
            for (Changeset changeset : plan.changesets()) {
                try (java.sql.Statement s = c.createStatement()) {
                    for (Statement statement : changeset.statements()) {
                        s.execute(statement.sql());
                    }
                    order++;
                    if (changeset.kind() == ChangesetKind.LIQUIBASE) {
                        s.execute("INSERT INTO DATABASECHANGELOG VALUES ('" + changeset.id() + "', 'test', 'changelog.xml', " + order + ")");
                    } else {
                        s.execute("INSERT INTO flyway_schema_history VALUES (" + order + ", '" + changeset.id() + "', 'V" + changeset.id() + "')");
                    }
                }
            }
            SchemaFingerprint after = SchemaFingerprint.read(c, plan.dialect());
            return new RollbackRehearser(plan.dialect()).rehearse(plan, c, before, after);
        }
    }

    private static List<String> history(TestDatabase db, String query) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = db.connect(); ResultSet rs = c.createStatement().executeQuery(query)) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        }
        return rows;
    }

    private static String dropIndex(Dialect dialect, String index, String table) {
        return dialect == Dialect.POSTGRESQL ? "DROP INDEX " + index : "DROP INDEX " + index + " ON " + table;
    }

    @ParameterizedTest
    @EnumSource(value = Dialect.class, names = {"POSTGRESQL", "MARIADB"})
    void aCorrectUndoPassesAndPutsTheHistoryRowsBack(Dialect dialect) throws SQLException {
        TestDatabase db = database(dialect);
        Plan plan = new Plan(dialect, List.of(
                changeset(1, List.of("ALTER TABLE t ADD COLUMN x int"), List.of("ALTER TABLE t DROP COLUMN x")),
                changeset(2, List.of("CREATE INDEX t_x ON t (x)"), List.of(dropIndex(dialect, "t_x", "t"))),
                changeset(3, List.of("CREATE TABLE u (id int PRIMARY KEY)", "ALTER TABLE u ADD CONSTRAINT u_pos CHECK (id > 0)"),
                        List.of("DROP TABLE u"))));

        RollbackRehearsal rehearsal = forwardThenRehearse(db, plan);

        assertThat(rehearsal.status()).as("%s", rehearsal).isEqualTo(RollbackRehearsal.Status.PASSED);
        assertThat(rehearsal.afterRollback()).isEmpty();
        assertThat(rehearsal.afterReapply()).isEmpty();
        assertThat(rehearsal.dataLoss()).as("x held only nulls, u no rows").isEmpty();
        assertThat(rehearsal.notes()).isEmpty();
        assertThat(history(db, "SELECT ID FROM DATABASECHANGELOG ORDER BY ORDEREXECUTED")).containsExactly("1", "2", "3");
    }

    @ParameterizedTest
    @EnumSource(value = Dialect.class, names = {"POSTGRESQL", "MARIADB"})
    void anUndoThatLeavesAColumnBehindFails(Dialect dialect) throws SQLException {
        TestDatabase db = database(dialect);
        Plan plan = new Plan(dialect, List.of(
                changeset(1, List.of("ALTER TABLE t ADD COLUMN x int", "ALTER TABLE t ADD COLUMN y int"),
                        List.of("ALTER TABLE t DROP COLUMN y"))));

        RollbackRehearsal rehearsal = forwardThenRehearse(db, plan);

        assertThat(rehearsal.status()).isEqualTo(RollbackRehearsal.Status.FAILED);
        assertThat(rehearsal.afterRollback()).extracting(SchemaDifference::toString)
                .singleElement().asString().startsWith("column t.x: added (int");
        // Re-applying fails on the column the undo left behind: the way forward is broken too.
        assertThat(rehearsal.notes()).anySatisfy(n -> assertThat(n)
                .startsWith("after the rollback, the schema differs from the one before the migration: column t.x: added"));
        assertThat(rehearsal.notes()).anySatisfy(n -> assertThat(n)
                .startsWith("re-applying changeset 1::test (changelog.xml:10:3) statement 1 (changelog.xml:11:5) failed: "));
    }

    @ParameterizedTest
    @EnumSource(value = Dialect.class, names = {"POSTGRESQL", "MARIADB"})
    void aRollbackThatDropsFilledColumnsAndTablesIsDataLoss(Dialect dialect) throws SQLException {
        TestDatabase db = database(dialect);
        Plan plan = new Plan(dialect, List.of(
                changeset(1, List.of("ALTER TABLE t ADD COLUMN status varchar(20) DEFAULT 'pending'"),
                        List.of("ALTER TABLE t DROP COLUMN status")),
                changeset(2, List.of("CREATE TABLE audit (id int PRIMARY KEY)", "INSERT INTO audit VALUES (1)"),
                        List.of("DROP TABLE audit"))));

        RollbackRehearsal rehearsal = forwardThenRehearse(db, plan);

        assertThat(rehearsal.dataLoss()).containsExactly(
                "changeset 2::test (changelog.xml:20:3) rollback statement 1 (changelog.xml:25:5) drops table audit, which holds rows",
                "changeset 1::test (changelog.xml:10:3) rollback statement 1 (changelog.xml:15:5) drops column t.status, which holds values");
        // The schema comes back and goes forward again: data loss is reported, not a failed rehearsal.
        assertThat(rehearsal.status()).isEqualTo(RollbackRehearsal.Status.PASSED);
    }

    @Test
    void aRollbackThatNarrowsAFilledColumnIsDataLossAndMariadbRefusesIt() throws SQLException {
        TestDatabase db = database(Dialect.MARIADB);
        Plan plan = new Plan(Dialect.MARIADB, List.of(
                changeset(1, List.of("ALTER TABLE t MODIFY note varchar(200)", "UPDATE t SET note = 'a note longer than five'"),
                        List.of("ALTER TABLE t MODIFY note varchar(5)"))));

        RollbackRehearsal rehearsal = forwardThenRehearse(db, plan);

        assertThat(rehearsal.dataLoss()).containsExactly("changeset 1::test (changelog.xml:10:3) rollback statement 1"
                + " (changelog.xml:15:5) narrows column t.note to varchar(5), which cannot hold all its values");
        assertThat(rehearsal.status()).isEqualTo(RollbackRehearsal.Status.FAILED);
        assertThat(rehearsal.notes().get(0)).startsWith("rollback of changeset 1::test (changelog.xml:10:3) statement 1"
                + " (changelog.xml:15:5) failed: ").contains("Data too long for column 'note'");
    }

    @Test
    void aChangesetWithoutRollbackStopsTheWayBack() throws SQLException {
        TestDatabase db = database(Dialect.POSTGRESQL);
        Plan plan = new Plan(Dialect.POSTGRESQL, List.of(
                changeset(1, List.of("CREATE TABLE a (id int)"), List.of("DROP TABLE a")),
                changeset(2, List.of("CREATE TABLE b (id int)"), null),
                changeset(3, List.of("CREATE TABLE c (id int)"), List.of("DROP TABLE c"))));

        RollbackRehearsal rehearsal = forwardThenRehearse(db, plan);

        assertThat(rehearsal.status()).isEqualTo(RollbackRehearsal.Status.INCOMPLETE);
        assertThat(rehearsal.notes().get(0)).isEqualTo("changeset 2::test (changelog.xml:20:3) has no rollback: the way back"
                + " stops there, so 1 changeset(s) before it were not rolled back either");
        // What could not be rolled back is still there; changeset 3 went back and forward cleanly.
        assertThat(rehearsal.afterRollback()).extracting(SchemaDifference::object).containsExactly("table a", "table b");
        assertThat(rehearsal.afterReapply()).isEmpty();
        assertThat(history(db, "SELECT ID FROM DATABASECHANGELOG ORDER BY ORDEREXECUTED")).containsExactly("1", "2", "3");
    }

    @Test
    void aFailingRollbackStatementIsReportedWithItsPlaceAndTheServerMessage() throws SQLException {
        TestDatabase db = database(Dialect.POSTGRESQL);
        Plan plan = new Plan(Dialect.POSTGRESQL, List.of(
                changeset(1, List.of("ALTER TABLE t ADD COLUMN x int"), List.of("ALTER TABLE t DROP COLUMN nope")),
                changeset(2, List.of("CREATE TABLE c (id int)"), List.of("DROP TABLE c"))));

        RollbackRehearsal rehearsal = forwardThenRehearse(db, plan);

        assertThat(rehearsal.status()).isEqualTo(RollbackRehearsal.Status.FAILED);
        assertThat(rehearsal.notes().get(0)).isEqualTo("rollback of changeset 1::test (changelog.xml:10:3) statement 1"
                + " (changelog.xml:15:5) failed: ERROR: column \"nope\" of relation \"t\" does not exist");
        // Changeset 1's rollback ran in a transaction, so changeset 2 could go forward again.
        assertThat(rehearsal.afterReapply()).isEmpty();
        assertThat(rehearsal.afterRollback()).extracting(SchemaDifference::toString).containsExactly("column t.x: added (integer)");
    }

    @Test
    void aNoOpRollbackWhoseChangeCannotRunTwiceFailsOnTheWayForwardAndItsHistoryRowIsGone() throws SQLException {
        TestDatabase db = database(Dialect.POSTGRESQL);
        Plan plan = new Plan(Dialect.POSTGRESQL, List.of(
                changeset(1, List.of("CREATE TABLE a (id int)"), List.of("DROP TABLE a")),
                changeset(2, List.of("INSERT INTO t VALUES (42, 'x')"), List.of())));

        RollbackRehearsal rehearsal = forwardThenRehearse(db, plan);

        assertThat(rehearsal.status()).isEqualTo(RollbackRehearsal.Status.FAILED);
        assertThat(rehearsal.notes()).anySatisfy(n -> assertThat(n)
                .startsWith("re-applying changeset 2::test (changelog.xml:20:3) statement 1 (changelog.xml:21:5) failed: ERROR: duplicate key"));
        // Changeset 2 was rolled back (its history row deleted, as Liquibase does) but could not go forward again.
        assertThat(history(db, "SELECT ID FROM DATABASECHANGELOG ORDER BY ORDEREXECUTED")).containsExactly("1");
    }

    private Path flywayScripts(String undoOfStatus) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("flyway"));
        Files.writeString(dir.resolve("V1__create_account.sql"), "CREATE TABLE account (id int PRIMARY KEY, name varchar(100));\n");
        Files.writeString(dir.resolve("U1__create_account.sql"), "DROP TABLE account;\n");
        Files.writeString(dir.resolve("V2__add_status.sql"),
                "ALTER TABLE account ADD COLUMN status varchar(20);\nALTER TABLE account ADD COLUMN note varchar(20);\n");
        Files.writeString(dir.resolve("U2__add_status.sql"), undoOfStatus);
        return dir;
    }

    @ParameterizedTest
    @EnumSource(value = Dialect.class, names = {"POSTGRESQL", "MARIADB"})
    void flywayUndoScriptsAreRehearsedTheSameWay(Dialect dialect) throws SQLException, IOException {
        TestDatabase db = database(dialect);
        Path scripts = flywayScripts("ALTER TABLE account DROP COLUMN note;\nALTER TABLE account DROP COLUMN status;\n");
        Plan plan = new PlanReader(dialect, null, Set.of(), Set.of()).read(List.of(scripts));

        RollbackRehearsal rehearsal = forwardThenRehearse(db, plan);

        assertThat(rehearsal.status()).as("%s", rehearsal).isEqualTo(RollbackRehearsal.Status.PASSED);
        assertThat(history(db, "SELECT version FROM flyway_schema_history ORDER BY installed_rank")).containsExactly("1", "2");
    }

    @Test
    void aFlywayUndoThatForgetsAColumnFails() throws SQLException, IOException {
        TestDatabase db = database(Dialect.POSTGRESQL);
        Plan plan = new PlanReader(Dialect.POSTGRESQL, null, Set.of(), Set.of())
                .read(List.of(flywayScripts("ALTER TABLE account DROP COLUMN note;\n")));

        RollbackRehearsal rehearsal = forwardThenRehearse(db, plan);

        assertThat(rehearsal.status()).isEqualTo(RollbackRehearsal.Status.FAILED);
        // U1 drops the table with the column U2 forgot, so end to end the schema is back...
        assertThat(rehearsal.afterRollback()).isEmpty();
        assertThat(rehearsal.afterReapply()).isEmpty();
        // ...but step by step it is not: after U2 the schema is not the one V1 produced.
        assertThat(rehearsal.notes()).containsExactly("the rollback of changeset 2 (" + plan.changesets().get(1).position()
                + ") does not restore the schema changeset 1 (" + plan.changesets().get(0).position()
                + ") left: column account.status: added (character varying(20))");
    }
}
