package io.github.migrationdelivery.engine.backup;

import java.nio.file.Path;

/** Dumping and verifying for one kind of server. */
interface DialectBackup {

    /** Dumps what {@code scope} names into {@code dir}; the password reaches client programs only through the environment. */
    Dumped dump(BackupScope scope, Path dir);

    /** Checks the archive lists every table and holds the counted rows; restores it into a throw-away database when asked. */
    BackupManifest.Verification verify(Dumped dumped, Path dir, boolean restore);
}
