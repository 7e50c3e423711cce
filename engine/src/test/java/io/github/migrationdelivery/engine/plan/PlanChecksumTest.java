package io.github.migrationdelivery.engine.plan;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class PlanChecksumTest {

    private static Plan plan(Path file, String sql, Optional<Rollback> rollback, boolean transactional) {
        SourcePosition at = new SourcePosition(file, 3, 1);
        Changeset c = new Changeset("1", "ann", "", ChangesetKind.LIQUIBASE, at, transactional,
                List.of(new Statement(sql, at)), rollback, Set.of(), Set.of(), "");
        return new Plan(Dialect.POSTGRESQL, List.of(c));
    }

    private static Plan plan(String sql) {
        return plan(Path.of("a.xml"), sql, Optional.empty(), true);
    }

    @Test
    void sameStatementsGiveTheSameChecksumWhereverTheFileLies() {
        assertThat(plan("ALTER TABLE t ADD c int").checksum())
                .startsWith("sha256:")
                .hasSize("sha256:".length() + 64)
                .isEqualTo(plan(Path.of("moved/b.xml"), "ALTER TABLE t ADD c int", Optional.empty(), true).checksum());
    }

    @Test
    void anythingThatChangesWhatRunsChangesTheChecksum() {
        String base = plan("ALTER TABLE t ADD c int").checksum();
        assertThat(plan("ALTER TABLE t ADD c bigint").checksum()).isNotEqualTo(base);
        assertThat(plan(Path.of("a.xml"), "ALTER TABLE t ADD c int", Optional.empty(), false).checksum()).isNotEqualTo(base);
        Rollback drop = new Rollback(List.of(new Statement("ALTER TABLE t DROP c", SourcePosition.of(Path.of("a.xml")))),
                SourcePosition.of(Path.of("a.xml")));
        assertThat(plan(Path.of("a.xml"), "ALTER TABLE t ADD c int", Optional.of(drop), true).checksum()).isNotEqualTo(base);
        assertThat(new Plan(Dialect.MARIADB, plan("ALTER TABLE t ADD c int").changesets()).checksum()).isNotEqualTo(base);
    }

    @Test
    void statementBoundariesAreNotAmbiguous() {
        SourcePosition at = SourcePosition.of(Path.of("a.sql"));
        Changeset one = new Changeset("1", "", "", ChangesetKind.PLAIN_SQL, at, true,
                List.of(new Statement("SELECT 1;SELECT 2", at)), Optional.empty(), Set.of(), Set.of(), "");
        Changeset two = new Changeset("1", "", "", ChangesetKind.PLAIN_SQL, at, true,
                List.of(new Statement("SELECT 1", at), new Statement("SELECT 2", at)), Optional.empty(), Set.of(), Set.of(), "");
        assertThat(new Plan(Dialect.POSTGRESQL, List.of(one)).checksum())
                .isNotEqualTo(new Plan(Dialect.POSTGRESQL, List.of(two)).checksum());
    }
}
