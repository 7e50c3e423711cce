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
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

class SqlScriptsTest {

    private static final Path FLYWAY = Path.of("src/test/resources/source/flyway");
    private static final Path PLAIN = Path.of("src/test/resources/source/plain");

    @TempDir
    Path tmp;

    private static Plan read(Path... inputs) {
        return new PlanReader(Dialect.POSTGRESQL, null, Set.of(), Set.of()).read(List.of(inputs));
    }

    private static void assertBadInput(ThrowingCallable call, String messagePart) {
        assertThatThrownBy(call).isInstanceOfSatisfying(EngineException.class, e -> {
            assertThat(e.kind()).isEqualTo(EngineException.Kind.BAD_INPUT);
            assertThat(e.oneLine()).contains(messagePart).doesNotContain("\n");
        });
    }

    private Path write(String name, String text) throws IOException {
        Path file = tmp.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file;
    }

    @Test
    void flywayVersionsCompareNumericallyAndRepeatablesComeLastByDescription() {
        Plan plan = read(FLYWAY);
        assertThat(plan.changesets()).extracting(Changeset::id, Changeset::kind, Changeset::description).containsExactly(
                tuple("1", ChangesetKind.VERSIONED_SQL, "create account"),
                tuple("1.2", ChangesetKind.VERSIONED_SQL, "add status"),
                tuple("1.9", ChangesetKind.VERSIONED_SQL, "nineteen"),
                tuple("1.10", ChangesetKind.VERSIONED_SQL, "status index"),
                tuple("2", ChangesetKind.VERSIONED_SQL, "in subdir"),
                tuple("3", ChangesetKind.VERSIONED_SQL, "online index"),
                tuple("R__a function", ChangesetKind.REPEATABLE_SQL, "a function"),
                tuple("R__b view", ChangesetKind.REPEATABLE_SQL, "b view"));
        assertThat(plan.changesets()).allSatisfy(c -> assertThat(c.author()).isEmpty());
    }

    @Test
    void undoScriptBecomesTheRollbackOfItsVersion() {
        Plan plan = read(FLYWAY);
        Changeset addStatus = plan.changesets().get(1);
        assertThat(addStatus.rollback()).hasValueSatisfying(r -> {
            assertThat(r.statements()).extracting(Statement::sql).containsExactly("ALTER TABLE account DROP COLUMN status");
            assertThat(r.position()).isEqualTo(new SourcePosition(FLYWAY.resolve("U1.2__add_status.sql"), 1, 1));
        });
        assertThat(plan.changesets().get(0).rollback()).isEmpty();
    }

    @Test
    void noTransactionMarkerAndFlywayConfTurnTransactionsOff() {
        Plan plan = read(FLYWAY);
        assertThat(plan.changesets()).extracting(Changeset::id, Changeset::transactional).contains(
                tuple("1", true), tuple("1.2", true), tuple("1.10", false), tuple("3", false));
    }

    @Test
    void markerAfterTheFirstStatementDoesNotCount() throws IOException {
        Path file = write("V1__late.sql", "SELECT 1;\n-- md:no-transaction\nSELECT 2;\n");
        assertThat(read(file).changesets().get(0).transactional()).isTrue();
    }

    @Test
    void statementsKeepTheirFilePositionAndLeadingComments() {
        Changeset addStatus = read(FLYWAY).changesets().get(1);
        Path file = FLYWAY.resolve("V1.2__add_status.sql");
        assertThat(addStatus.position()).isEqualTo(new SourcePosition(file, 1, 1));
        assertThat(addStatus.statements()).extracting(Statement::sql, Statement::position).containsExactly(
                tuple("-- adds the status\nALTER TABLE account ADD COLUMN status text", new SourcePosition(file, 2, 1)),
                tuple("UPDATE account\n   SET status = 'new'", new SourcePosition(file, 3, 1)));
        assertThat(file.isAbsolute()).isFalse();
    }

    @Test
    void plainFilesRunInNaturalNameOrderAndFormattedSqlIsReadAsLiquibase() {
        Plan plan = read(PLAIN);
        assertThat(plan.changesets()).extracting(Changeset::id, Changeset::kind).containsExactly(
                tuple("1_one", ChangesetKind.PLAIN_SQL),
                tuple("2_two", ChangesetKind.PLAIN_SQL),
                tuple("3", ChangesetKind.LIQUIBASE),
                tuple("10_ten", ChangesetKind.PLAIN_SQL));
        assertThat(plan.changesets().get(0).statements()).hasSize(2);
        assertThat(plan.changesets().get(2).author()).isEqualTo("dba");
        assertThat(plan.statementCount()).isEqualTo(5);
    }

    @Test
    void singleFileInput() {
        Plan plan = read(PLAIN.resolve("2_two.sql"));
        assertThat(plan.changesets()).singleElement().satisfies(c -> {
            assertThat(c.id()).isEqualTo("2_two");
            assertThat(c.statements()).extracting(Statement::sql).containsExactly("SELECT 2");
        });
    }

    @Test
    void mixedNamingIsRejectedNamingTheOddFile() throws IOException {
        write("V1__a.sql", "SELECT 1;");
        write("V2_b.sql", "SELECT 2;");
        assertBadInput(() -> read(tmp), "V2_b.sql");
    }

    @Test
    void duplicateVersionsAreRejected() throws IOException {
        write("V1__a.sql", "SELECT 1;");
        write("deeper/V1.0__b.sql", "SELECT 2;");
        assertBadInput(() -> read(tmp), "duplicate Flyway version");
    }

    @Test
    void undoWithoutVersionIsRejected() throws IOException {
        write("V1__a.sql", "SELECT 1;");
        write("U2__b.sql", "SELECT 2;");
        assertBadInput(() -> read(tmp), "U2__b.sql");
    }

    @Test
    void missingPathIsBadInput() {
        assertBadInput(() -> read(tmp.resolve("nope")), "nope: no such file or directory");
    }

    @Test
    void directoryWithoutMigrationsIsBadInput() throws IOException {
        write("README.md", "nothing");
        assertBadInput(() -> read(tmp), "directory holds no .sql migrations");
    }

    @Test
    void binaryFilesAreRejected() throws IOException {
        Path nul = tmp.resolve("V1__nul.sql");
        Files.write(nul, "SELECT 1;\0\0".getBytes(StandardCharsets.UTF_8));
        assertBadInput(() -> read(nul), "V1__nul.sql:1:10: not a text file");
        Path latin = tmp.resolve("V2__latin.sql");
        Files.write(latin, new byte[] {'S', 'E', 'L', (byte) 0xff, (byte) 0xfe, ';'});
        assertBadInput(() -> read(latin), "V2__latin.sql: not a UTF-8 text file");
    }

    @Test
    void unterminatedQuoteIsReportedAtItsPlace() throws IOException {
        Path file = write("V1__bad.sql", "SELECT 1;\nUPDATE t SET a = 'oops;\n");
        assertBadInput(() -> read(file), "V1__bad.sql:2:18: unterminated quote or comment");
    }

    @Test
    void emptyPlanIsBadInput() throws IOException {
        Path file = write("only_comments.sql", "-- nothing yet\n");
        // An empty migration is a changeset (Flyway allows it); no changesets at all is the error.
        assertThat(read(file).changesets()).hasSize(1);
        assertBadInput(() -> new PlanReader(Dialect.POSTGRESQL, null, Set.of(), Set.of()).read(List.of()),
                "no migrations given");
    }

    @Test
    void manyFilesAreReadInOrder() throws IOException {
        List<String> expected = new ArrayList<>();
        for (int i = 1; i <= 300; i++) {
            write("V" + i + "__m.sql", "ALTER TABLE t ADD c" + i + " int;\nSELECT " + i + ";\n");
            expected.add(Integer.toString(i));
        }
        Plan plan = read(tmp);
        assertThat(plan.changesets()).extracting(Changeset::id).containsExactlyElementsOf(expected);
        assertThat(plan.statementCount()).isEqualTo(600);
    }

    /** Plain SQL runs must not pay for loading Liquibase (start-up time). */
    @Test
    void plainSqlNeverLoadsLiquibase() throws Exception {
        List<URL> urls = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            urls.add(Path.of(entry).toUri().toURL());
        }
        try (Isolated loader = new Isolated(urls.toArray(URL[]::new))) {
            Class<?> dialect = loader.loadClass("io.github.migrationdelivery.engine.plan.Dialect");
            Class<?> version = loader.loadClass("io.github.migrationdelivery.engine.plan.ServerVersion");
            Class<?> reader = loader.loadClass(PlanReader.class.getName());
            Object postgres = dialect.getField("POSTGRESQL").get(null);
            Object instance = reader.getConstructor(dialect, version, Set.class, Set.class)
                    .newInstance(postgres, null, Set.of(), Set.of());
            Object plan = reader.getMethod("read", List.class).invoke(instance, List.of(FLYWAY));
            assertThat(plan).isNotNull();
            assertThat(loader.loaded("io.github.migrationdelivery.engine.source.LiquibaseChangelogReader")).isFalse();
            assertThat(loader.loaded("liquibase.Scope")).isFalse();
        }
    }

    private static final class Isolated extends URLClassLoader {
        Isolated(URL[] urls) {
            super(urls, ClassLoader.getPlatformClassLoader());
        }

        boolean loaded(String name) {
            return findLoadedClass(name) != null;
        }
    }
}
