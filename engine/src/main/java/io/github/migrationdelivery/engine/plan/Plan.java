package io.github.migrationdelivery.engine.plan;

import java.util.List;
import java.util.Objects;

/** The ordered changesets of one or more migration sources, for one dialect. */
public record Plan(Dialect dialect, List<Changeset> changesets) {

    public Plan {
        Objects.requireNonNull(dialect, "dialect");
        changesets = List.copyOf(changesets);
    }

    public int statementCount() {
        int n = 0;
        for (Changeset c : changesets) {
            n += c.statements().size();
        }
        return n;
    }
}
