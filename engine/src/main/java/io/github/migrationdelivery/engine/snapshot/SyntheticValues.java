package io.github.migrationdelivery.engine.snapshot;

import io.github.migrationdelivery.engine.snapshot.SyntheticCatalog.Column;
import io.github.migrationdelivery.engine.snapshot.SyntheticCatalog.Table;

import java.util.List;
import java.util.Optional;

/**
 * The SQL a server needs for {@link SyntheticRows}' inserts: where rows come from, randomness,
 * and a value of each column type as an expression of an integer {@code k}. The same k must give
 * the same value (a foreign key recomputes its parent's value that way) and different k different
 * values as far as the type allows (keys stay distinct).
 */
interface SyntheticValues {

    /** The table as the insert names it on the throw-away database. */
    String table(Table t);

    String quote(String identifier);

    /** A FROM item with the rows 1 to n, the row's number in an integer column {@code g}. */
    String series(long n);

    /** A random integer from 1 to max, drawn anew for each row. */
    String randomUpTo(long max);

    /** A condition true for a random fraction p of the rows. */
    String chance(double p);

    /** Integer division of an integer expression. */
    String divide(String dividend, long divisor);

    /** A value of the column's type for k; empty when the type is not supported. */
    Optional<String> typed(Column c, String k, boolean key);

    /** {@code INSERT INTO table (columns) select}, with whatever the server needs to take given key values. */
    String insert(Table t, List<String> columns, String select);
}
