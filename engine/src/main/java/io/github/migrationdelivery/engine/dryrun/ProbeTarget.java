package io.github.migrationdelivery.engine.dryrun;

import java.util.List;

/**
 * One row of a table that probes read and write: the statements and the key values that find it.
 *
 * @param table    the table as reports name it
 * @param readSql  a single-row read by key
 * @param writeSql a single-row write that changes nothing but still needs the table's write lock and the row lock
 * @param key      the key values, in parameter order
 */
record ProbeTarget(String table, String readSql, String writeSql, List<Object> key) {

    ProbeTarget {
        key = List.copyOf(key);
    }
}
