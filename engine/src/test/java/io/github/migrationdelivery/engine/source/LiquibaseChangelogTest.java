package io.github.migrationdelivery.engine.source;

import io.github.migrationdelivery.engine.EngineException;
import io.github.migrationdelivery.engine.plan.Changeset;
import io.github.migrationdelivery.engine.plan.ChangesetKind;
import io.github.migrationdelivery.engine.plan.Dialect;
import io.github.migrationdelivery.engine.plan.Plan;
import io.github.migrationdelivery.engine.plan.SourcePosition;
import io.github.migrationdelivery.engine.plan.Statement;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

class LiquibaseChangelogTest {

    private static final Path LIQUIBASE = Path.of("src/test/resources/source/liquibase");
    private static final Path XML = LIQUIBASE.resolve("xml/changelog.xml");
    private static final String HEADER = """
            <?xml version="1.0" encoding="UTF-8"?>
            <databaseChangeLog xmlns="http://www.liquibase.org/xml/ns/dbchangelog"
                    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                    xsi:schemaLocation="http://www.liquibase.org/xml/ns/dbchangelog
                    http://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-4.33.xsd">
            """;

    @TempDir
    Path tmp;

    private static Plan read(Path input) {
        return read(Dialect.POSTGRESQL, Set.of(), Set.of(), input);
    }

    private static Plan read(Dialect dialect, Set<String> contexts, Set<String> labels, Path input) {
        return new PlanReader(dialect, null, contexts, labels).read(List.of(input));
    }

    private static Changeset byId(Plan plan, String id) {
        return plan.changesets().stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow();
    }

    private static void assertBadInput(ThrowingCallable call, String... messageParts) {
        assertThatThrownBy(call).isInstanceOfSatisfying(EngineException.class, e -> {
            assertThat(e.kind()).isEqualTo(EngineException.Kind.BAD_INPUT);
            assertThat(e.oneLine()).contains(messageParts).doesNotContain("\n").doesNotContain("Exception");
        });
    }

    private Path write(String name, String text) throws IOException {
        Path file = tmp.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file;
    }

    @Test
    void xmlWithIncludesKeepsLiquibaseOrderAndDropsOtherDbms() {
        Plan plan = read(XML);
        assertThat(plan.changesets()).extracting(Changeset::displayName).containsExactly(
                "1::ann", "2::ann", "3::bob", "4::bob", "5::bob", "6::bob", "sub-1::cy", "all-a::cy", "all-b::cy");
        assertThat(plan.changesets()).allSatisfy(c -> assertThat(c.kind()).isEqualTo(ChangesetKind.LIQUIBASE));
        assertThat(Path.of("databasechangelog.csv")).as("offline history file").doesNotExist();
    }

    @Test
    void changesetPositionsAndCommentsComeFromTheFiles() {
        Plan plan = read(XML);
        assertThat(byId(plan, "1").position()).isEqualTo(new SourcePosition(XML, 8, 5));
        assertThat(byId(plan, "1").description()).isEqualTo("create the table. md:allow require-timeout table is new");
        // id on a later line than <changeSet, and a commented-out changeSet with the same id above it.
        assertThat(byId(plan, "2").position()).isEqualTo(new SourcePosition(XML, 20, 5));
        assertThat(byId(plan, "sub-1").position())
                .isEqualTo(new SourcePosition(LIQUIBASE.resolve("xml/sub/included.xml"), 7, 5));
        assertThat(byId(plan, "all-b").position())
                .isEqualTo(new SourcePosition(LIQUIBASE.resolve("xml/all/002-b.sql"), 3, 1));
    }

    @Test
    void createIndexAndAddColumnAreGeneratedForPostgresOffline() {
        Plan plan = read(XML);
        assertThat(byId(plan, "2").statements()).extracting(Statement::sql)
                .containsExactly("ALTER TABLE account ADD status VARCHAR(20) DEFAULT 'new' NOT NULL");
        Changeset index = byId(plan, "3");
        assertThat(index.statements()).extracting(Statement::sql, Statement::position)
                .containsExactly(tuple("CREATE INDEX account_email_idx ON account(email)", index.position()));
        assertThat(index.rollback()).hasValueSatisfying(r -> assertThat(r.statements()).extracting(Statement::sql)
                .containsExactly("DROP INDEX account_email_idx"));
    }

    @Test
    void mysqlGetsItsOwnSql() {
        Plan plan = read(Dialect.MYSQL, Set.of(), Set.of(), XML);
        assertThat(byId(plan, "3").statements()).extracting(Statement::sql)
                .containsExactly("CREATE INDEX account_email_idx ON account(email)");
        assertThat(byId(plan, "1").statements().get(0).sql()).startsWith("CREATE TABLE account (id BIGINT NOT NULL");
        assertThat(plan.changesets()).extracting(Changeset::id).contains("7");
    }

    @Test
    void runInTransactionContextsAndLabelsAreKept() {
        Changeset index = byId(read(XML), "3");
        assertThat(index.transactional()).isFalse();
        assertThat(index.contexts()).containsExactly("prod");
        assertThat(index.labels()).containsExactly("jira-1");
        assertThat(byId(read(XML), "1").transactional()).isTrue();
    }

    @Test
    void contextAndLabelFiltersFollowLiquibase() {
        Plan prod = read(Dialect.POSTGRESQL, Set.of("prod"), Set.of(), XML);
        assertThat(prod.changesets()).extracting(Changeset::id).contains("1", "3").doesNotContain("4");
        Plan labelled = read(Dialect.POSTGRESQL, Set.of(), Set.of("jira-2"), XML);
        // Changesets without labels always run; 3 is labelled jira-1.
        assertThat(labelled.changesets()).extracting(Changeset::id).contains("1", "6").doesNotContain("3");
    }

    @Test
    void sqlWithEndDelimiterIsSplitAtRealLines() {
        Changeset c = byId(read(XML), "4");
        assertThat(c.statements()).extracting(Statement::sql, s -> s.position().line()).containsExactly(
                tuple("-- md:allow backfill-in-migration small table\n            UPDATE account SET status = 'old' WHERE id < 10", 39),
                tuple("DELETE FROM account WHERE status = 'gone'", 41));
        assertThat(c.rollback()).hasValueSatisfying(r -> assertThat(r.statements())
                .extracting(Statement::sql, Statement::position)
                .containsExactly(tuple("UPDATE account SET status = 'new'", new SourcePosition(XML, 45, 18))));
    }

    @Test
    void cdataFunctionBodyStaysOneStatementAndEmptyRollbackIsExplicit() {
        Changeset c = byId(read(XML), "5");
        assertThat(c.statements()).hasSize(2);
        assertThat(c.statements().get(0).sql()).startsWith("CREATE FUNCTION touch()").endsWith("LANGUAGE plpgsql");
        assertThat(c.statements().get(0).position()).isEqualTo(new SourcePosition(XML, 51, 1));
        assertThat(c.statements().get(1).sql()).startsWith("-- md:allow something reason here\nALTER TABLE");
        assertThat(c.rollback()).hasValueSatisfying(r -> assertThat(r.statements()).isEmpty());
    }

    @Test
    void sqlFileStatementsPointIntoTheReferencedFile() {
        Path six = LIQUIBASE.resolve("xml/sql/six.sql");
        Changeset c = byId(read(XML), "6");
        assertThat(c.statements()).extracting(Statement::sql, Statement::position).containsExactly(
                tuple("-- the sixth change\nCREATE TABLE six (id int)", new SourcePosition(six, 2, 1)),
                tuple("INSERT INTO six VALUES (1)", new SourcePosition(six, 4, 1)));
        assertThat(c.rollback()).isEmpty();
    }

    @Test
    void yamlChangelog() {
        Path yaml = LIQUIBASE.resolve("yaml/changelog.yaml");
        Plan plan = read(yaml);
        Changeset y1 = byId(plan, "y1");
        assertThat(y1.position()).isEqualTo(new SourcePosition(yaml, 2, 5));
        assertThat(y1.description()).isEqualTo("md:allow adding-not-nullable-field backfilled before");
        assertThat(y1.statements()).extracting(Statement::sql)
                .containsExactly("ALTER TABLE account ADD flag BOOLEAN DEFAULT FALSE NOT NULL");
        Changeset y2 = byId(plan, "y2");
        assertThat(y2.position().line()).isEqualTo(16);
        assertThat(y2.transactional()).isFalse();
        assertThat(y2.contexts()).containsExactly("!prod");
        assertThat(y2.statements()).extracting(Statement::sql, Statement::position).containsExactly(
                tuple("CREATE INDEX CONCURRENTLY flag_idx ON account (flag)", new SourcePosition(yaml, 23, 18)));
        assertThat(y2.rollback()).hasValueSatisfying(r -> assertThat(r.statements()).extracting(Statement::sql)
                .containsExactly("DROP INDEX CONCURRENTLY flag_idx"));
        assertThat(read(Dialect.POSTGRESQL, Set.of("prod"), Set.of(), yaml).changesets())
                .extracting(Changeset::id).containsExactly("y1");
    }

    @Test
    void jsonChangelog() {
        Path json = LIQUIBASE.resolve("json/changelog.json");
        Plan plan = read(json);
        assertThat(plan.changesets()).extracting(Changeset::id, c -> c.position().line())
                .containsExactly(tuple("j1", 4), tuple("j2", 19));
        assertThat(byId(plan, "j1").statements()).extracting(Statement::sql)
                .containsExactly("CREATE INDEX account_created_idx ON account(created)");
        assertThat(byId(plan, "j2").labels()).containsExactly("fast");
        assertThat(byId(plan, "j2").rollback()).isEmpty(); // dropTable cannot be inverted
    }

    @Test
    void formattedSqlChangelog() {
        Path sql = LIQUIBASE.resolve("formatted/changelog.sql");
        Plan plan = read(sql);
        Changeset f1 = byId(plan, "f1");
        assertThat(f1.author()).isEqualTo("ann");
        assertThat(f1.transactional()).isFalse();
        assertThat(f1.description()).isEqualTo("md:allow require-concurrent-index-creation small table");
        assertThat(f1.statements()).extracting(Statement::sql, Statement::position).containsExactly(
                tuple("CREATE INDEX CONCURRENTLY f1_idx ON account (id)", new SourcePosition(sql, 5, 1)));
        assertThat(f1.rollback()).hasValueSatisfying(r -> assertThat(r.statements()).extracting(Statement::sql)
                .containsExactly("DROP INDEX f1_idx"));
        assertThat(byId(plan, "f2").statements()).extracting(Statement::sql)
                .containsExactly("DO $$\nBEGIN\n  UPDATE account SET a = 1;\nEND $$");
        Changeset f3 = byId(plan, "f3");
        assertThat(f3.contexts()).containsExactly("dev");
        assertThat(f3.labels()).containsExactly("l1");
        assertThat(f3.statements()).extracting(Statement::sql, s -> s.position().line()).containsExactly(
                tuple("UPDATE account SET b = 2", 15),
                tuple("-- md:allow rule-y reason\nUPDATE account SET c = 3", 17));
    }

    @Test
    void malformedXmlNamesFileAndLine() throws IOException {
        Path bad = write("bad.xml", HEADER + "  <changeSet id=\"1\" author=\"a\">\n    <sql>SELECT 1</sq>\n  </changeSet>\n</databaseChangeLog>\n");
        assertBadInput(() -> read(bad), "bad.xml:7:", "malformed XML changelog");
    }

    @Test
    void malformedYamlNamesFileAndLine() throws IOException {
        Path bad = write("bad.yaml", "databaseChangeLog:\n  - changeSet:\n      id: 1\n     author: x\n   - oops: [\n");
        assertBadInput(() -> read(bad), "bad.yaml:4:", "malformed YAML/JSON changelog");
    }

    @Test
    void includePointingNowhereNamesTheInclude() throws IOException {
        Path main = write("main.xml", HEADER + "  <include file=\"missing/child.xml\" relativeToChangelogFile=\"true\"/>\n</databaseChangeLog>\n");
        assertBadInput(() -> read(main), "main.xml", "missing/child.xml");
        Path all = write("all.xml", HEADER + "  <includeAll path=\"nowhere/\" relativeToChangelogFile=\"true\"/>\n</databaseChangeLog>\n");
        assertBadInput(() -> read(all), "all.xml", "nowhere");
    }

    @Test
    void sqlFilePointingNowhereIsBadInput() throws IOException {
        Path main = write("main.xml", HEADER + "  <changeSet id=\"1\" author=\"a\">\n    <sqlFile path=\"gone.sql\" relativeToChangelogFile=\"true\"/>\n  </changeSet>\n</databaseChangeLog>\n");
        assertBadInput(() -> read(main), "main.xml", "gone.sql");
    }

    @Test
    void unterminatedQuoteInsideSqlIsPlacedInTheChangelog() throws IOException {
        Path main = write("main.xml", HEADER + "  <changeSet id=\"1\" author=\"a\">\n    <sql>UPDATE t SET a = 'x</sql>\n  </changeSet>\n</databaseChangeLog>\n");
        assertBadInput(() -> read(main), "main.xml", "unterminated quote");
    }

    @Test
    void changeLiquibaseRejectsForTheDialectIsBadInputWithItsReason() throws IOException {
        Path main = write("main.xml", HEADER + "  <changeSet id=\"1\" author=\"a\">\n"
                + "    <renameColumn tableName=\"t\" oldColumnName=\"a\" newColumnName=\"b\"/>\n"
                + "  </changeSet>\n</databaseChangeLog>\n");
        assertThat(read(main).changesets().get(0).statements()).extracting(Statement::sql)
                .containsExactly("ALTER TABLE t RENAME COLUMN a TO b");
        assertBadInput(() -> read(Dialect.MARIADB, Set.of(), Set.of(), main), "main.xml:6:3", "columnDataType");
    }

    @Test
    void changelogWithoutChangesetsGivesAnEmptyPlan() throws IOException {
        Path empty = write("empty.xml", HEADER + "</databaseChangeLog>\n");
        assertBadInput(() -> read(empty), "no changesets found");
    }
}
