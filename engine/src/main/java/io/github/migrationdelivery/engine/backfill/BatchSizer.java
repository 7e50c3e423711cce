package io.github.migrationdelivery.engine.backfill;

/**
 * The next batch's size from the last one's time: scaled towards the target batch time, at most
 * doubled or halved per batch (one slow batch from a checkpoint or a cache miss must not swing
 * the size), within the settings' bounds.
 */
final class BatchSizer {

    private BatchSizer() {
    }

    static int next(int size, long elapsedNs, BackfillSettings settings) {
        double target = settings.targetBatchTime().toNanos();
        double ratio = elapsedNs <= 0 ? 2.0 : Math.max(0.5, Math.min(2.0, target / elapsedNs));
        long next = Math.round(size * ratio);
        return (int) Math.max(settings.minBatch(), Math.min(settings.maxBatch(), next));
    }
}
