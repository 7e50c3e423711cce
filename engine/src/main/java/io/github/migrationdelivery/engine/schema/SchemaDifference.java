package io.github.migrationdelivery.engine.schema;

/**
 * One difference between two schema fingerprints.
 *
 * @param object what differs, named like {@code table orders}, {@code column orders.status},
 *               {@code index idx_orders_customer_id}, {@code constraint orders.orders_pkey}
 * @param before its definition in the first schema; empty when it did not exist
 * @param after  its definition in the second schema; empty when it does not exist
 */
public record SchemaDifference(String object, String before, String after) {

    @Override
    public String toString() {
        if (before.isEmpty()) {
            return object + ": added (" + after + ")";
        }
        if (after.isEmpty()) {
            return object + ": removed (was " + before + ")";
        }
        return object + ": " + before + " -> " + after;
    }
}
