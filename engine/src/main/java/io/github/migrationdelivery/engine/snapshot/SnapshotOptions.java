package io.github.migrationdelivery.engine.snapshot;

import io.github.migrationdelivery.engine.EngineException;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a snapshot provider needs besides its URI.
 *
 * @param passwordFile  a file holding the password (first line), the last choice of {@link Credentials}
 * @param productionUrl the configuration's {@code production.url}: a snapshot on that database is refused
 * @param inPlace       {@code --in-place}: a {@code jdbc:} snapshot is used as it is instead of copied
 * @param scale         {@code --scale} for {@code synthetic:}: rows = source rows x scale (&gt; 0)
 * @param environment   where {@code PGPASSWORD}, {@code MD_DB_PASSWORD}, {@code PGUSER}, {@code MD_DB_USER}
 *                      are read (the process environment in the CLI, a plain map in tests)
 */
public record SnapshotOptions(Optional<Path> passwordFile, Optional<String> productionUrl, boolean inPlace,
                              double scale, Map<String, String> environment) {

    public SnapshotOptions {
        passwordFile = passwordFile == null ? Optional.empty() : passwordFile;
        productionUrl = productionUrl == null ? Optional.empty() : productionUrl.filter(u -> !u.isBlank());
        if (!(scale > 0) || Double.isInfinite(scale)) {
            throw EngineException.badInput("--scale must be a number greater than 0, not " + scale);
        }
        environment = Map.copyOf(Objects.requireNonNullElse(environment, Map.of()));
    }

    /** No password file, no production URL, copies (not in place), scale 1, the given environment. */
    public static SnapshotOptions of(Map<String, String> environment) {
        return new SnapshotOptions(Optional.empty(), Optional.empty(), false, 1.0, environment);
    }

    public SnapshotOptions withPasswordFile(Path file) {
        return new SnapshotOptions(Optional.ofNullable(file), productionUrl, inPlace, scale, environment);
    }

    public SnapshotOptions withProductionUrl(String url) {
        return new SnapshotOptions(passwordFile, Optional.ofNullable(url), inPlace, scale, environment);
    }

    public SnapshotOptions withInPlace(boolean value) {
        return new SnapshotOptions(passwordFile, productionUrl, value, scale, environment);
    }

    public SnapshotOptions withScale(double value) {
        return new SnapshotOptions(passwordFile, productionUrl, inPlace, value, environment);
    }
}
