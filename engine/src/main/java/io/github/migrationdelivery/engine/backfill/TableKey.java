package io.github.migrationdelivery.engine.backfill;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The table a backfill walks and the key it walks on: the primary key, else a unique index on
 * NOT NULL columns.
 *
 * @param name    the table as messages name it ({@code public.orders})
 * @param quoted  the table as SQL names it
 * @param index   which constraint or index the key is ({@code orders_pkey})
 * @param columns the key's columns in index order
 * @param rowEstimate the server's estimate of the table's rows; -1 when it has none
 */
record TableKey(String name, String quoted, String index, List<Column> columns, long rowEstimate) {

    /** How a key column's values are read, bound and written to the checkpoint. */
    enum Type { INTEGER, DECIMAL, UUID, TEXT }

    record Column(String name, String quoted, Type type) {
    }

    TableKey {
        columns = List.copyOf(columns);
    }

    String columnList() {
        return columns.stream().map(Column::quoted).collect(Collectors.joining(", "));
    }

    /** {@code id} or {@code (tenant_id, id)}: how messages name the key. */
    String displayColumns() {
        String names = columns.stream().map(Column::name).collect(Collectors.joining(", "));
        return columns.size() == 1 ? names : "(" + names + ")";
    }
}
