package io.github.migrationdelivery.engine.backfill;

import java.time.Instant;
import java.util.Optional;

/**
 * One row of the checkpoint table: how far a backfill got. Written in the same transaction as
 * each batch, so it never claims a batch that was rolled back nor misses one that committed.
 *
 * @param id         the backfill's id ({@link BackfillJob#id()})
 * @param table      the table it walks
 * @param definition the change it makes ({@link BackfillJob#definition()})
 * @param lastKey    the last key of the last committed batch (JSON array of strings); empty before the first
 * @param rowsDone   rows changed so far, over every run
 * @param rowsWalked rows of the table walked so far (changed or not), over every run
 * @param batches    batches committed so far
 * @param startedAt  when the first run began
 * @param updatedAt  when the last batch committed
 * @param finishedAt when the walk reached the end of the table; empty while unfinished
 */
public record Checkpoint(String id, String table, String definition, Optional<String> lastKey, long rowsDone,
                         long rowsWalked, long batches, Instant startedAt, Instant updatedAt, Optional<Instant> finishedAt) {

    /** The table the checkpoints are kept in, in the target database's default schema. */
    public static final String TABLE = "migration_delivery_backfill";

    public boolean finished() {
        return finishedAt.isPresent();
    }
}
