package io.github.migrationdelivery.cli;

import io.github.migrationdelivery.engine.snapshot.SnapshotOptions;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Map;

/** Where a command's database password may come from besides the URL and the environment. */
final class LoginOptions {

    @Option(names = "--password-file", paramLabel = "FILE",
            description = "The database password (first line), when not in the URL, PGPASSWORD or MD_DB_PASSWORD.")
    Path passwordFile;

    /** The login settings of {@code environment}, then the password file when given. */
    SnapshotOptions options(Map<String, String> environment) {
        SnapshotOptions o = SnapshotOptions.of(environment);
        return passwordFile == null ? o : o.withPasswordFile(passwordFile);
    }
}
