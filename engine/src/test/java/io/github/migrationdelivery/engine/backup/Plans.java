package io.github.migrationdelivery.engine.backup;

import io.github.migrationdelivery.engine.plan.Dialect;
import io.github.migrationdelivery.engine.plan.Plan;
import io.github.migrationdelivery.engine.source.PlanReader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** Plans for backup tests, read from a Flyway-style SQL folder the way the CLI reads them. */
final class Plans {

    private Plans() {
    }

    /** One migration {@code V1__change.sql} holding {@code sql}, in a fresh folder under {@code dir}. */
    static Plan of(Dialect dialect, Path dir, String sql) {
        try {
            Path folder = Files.createTempDirectory(dir, "plan");
            Files.writeString(folder.resolve("V1__change.sql"), sql);
            return new PlanReader(dialect, null, Set.of(), Set.of()).read(List.of(folder));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
