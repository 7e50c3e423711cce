package io.github.migrationdelivery.engine.backfill;

import io.github.migrationdelivery.engine.EngineException;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A unique index the backfill might walk, as the catalog describes it; {@link #choose} takes the
 * primary key, else the first unique index whose columns are all NOT NULL and of a type the
 * keyset can walk, and otherwise refuses with the reason.
 *
 * @param index   the constraint or index name
 * @param primary whether it is the primary key
 * @param columns its key columns in order
 */
record KeyCandidate(String index, boolean primary, List<Part> columns) {

    /** One column: {@code type} is empty for a type the keyset cannot walk ({@code typeName} says which). */
    record Part(String name, String quoted, String typeName, Optional<TableKey.Type> type, boolean notNull) {
    }

    static TableKey choose(String table, String quotedTable, long rowEstimate, List<KeyCandidate> candidates) {
        List<String> why = new ArrayList<>();
        for (KeyCandidate c : candidates) {
            Optional<String> problem = c.problem();
            if (problem.isEmpty()) {
                return new TableKey(table, quotedTable, c.index(),
                        c.columns().stream().map(p -> new TableKey.Column(p.name(), p.quoted(), p.type().orElseThrow())).toList(),
                        rowEstimate);
            }
            why.add(problem.get());
        }
        if (why.isEmpty()) {
            throw EngineException.badInput("table " + table + " has no primary key or unique index: backfill walks the"
                    + " table in key ranges, so add a primary key first");
        }
        throw EngineException.badInput("table " + table + " has no usable key: " + String.join("; ", why)
                + " (backfill walks a primary key or a unique index on NOT NULL integer, numeric, uuid or text columns)");
    }

    private Optional<String> problem() {
        String what = primary ? "the primary key " + index : "unique index " + index;
        for (Part p : columns) {
            if (p.type().isEmpty()) {
                return Optional.of(what + " has column " + p.name() + " of type " + p.typeName());
            }
            if (!p.notNull()) {
                return Optional.of(what + " has nullable column " + p.name());
            }
        }
        return columns.isEmpty() ? Optional.of(what + " is on expressions") : Optional.empty();
    }
}
