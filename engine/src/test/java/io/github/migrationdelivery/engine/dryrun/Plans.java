package io.github.migrationdelivery.engine.dryrun;

import io.github.migrationdelivery.engine.plan.Changeset;
import io.github.migrationdelivery.engine.plan.ChangesetKind;
import io.github.migrationdelivery.engine.plan.Dialect;
import io.github.migrationdelivery.engine.plan.Plan;
import io.github.migrationdelivery.engine.plan.SourcePosition;
import io.github.migrationdelivery.engine.plan.Statement;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Small plans for dry-run tests: one SQL file per changeset, one statement per line. */
final class Plans {

    private Plans() {
    }

    static Changeset sql(String file, boolean transactional, String... statements) {
        return changeset(ChangesetKind.VERSIONED_SQL, file, "", transactional, statements);
    }

    static Changeset liquibase(String id, String author, String... statements) {
        return withId(changeset(ChangesetKind.LIQUIBASE, "db/changelog.xml", author, true, statements), id);
    }

    private static Changeset changeset(ChangesetKind kind, String file, String author, boolean transactional,
                                       String... statements) {
        Path path = Path.of(file);
        List<Statement> list = new ArrayList<>();
        for (int i = 0; i < statements.length; i++) {
            list.add(new Statement(statements[i], new SourcePosition(path, i + 1, 1)));
        }
        return new Changeset(path.getFileName().toString(), author, "", kind, new SourcePosition(path, 1, 1), transactional,
                list, Optional.empty(), Set.of(), Set.of(), "");
    }

    private static Changeset withId(Changeset c, String id) {
        return new Changeset(id, c.author(), c.description(), c.kind(), c.position(), c.transactional(), c.statements(),
                c.rollback(), c.contexts(), c.labels(), c.checksum());
    }

    static Plan plan(Dialect dialect, Changeset... changesets) {
        return new Plan(dialect, List.of(changesets));
    }
}
