package io.github.migrationdelivery.engine.backup;

import java.util.List;
import java.util.Map;

/**
 * What a dialect's dump wrote into the staging directory, before verification.
 *
 * @param archive      the dump file, relative to the backup's directory
 * @param files        every file written, relative, the archive first
 * @param rowCounts    rows per table, counted in the dump's snapshot (MariaDB: in a snapshot of their own)
 * @param tools        client program versions
 */
record Dumped(String archive, List<String> files, Map<String, Long> rowCounts,
              List<BackupManifest.ColumnCopy> columnCopies, List<String> absent, Map<String, String> tools) {
}
