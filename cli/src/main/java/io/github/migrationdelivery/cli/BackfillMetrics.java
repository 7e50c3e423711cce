package io.github.migrationdelivery.cli;

import io.github.migrationdelivery.engine.backfill.BackfillListener;
import io.github.migrationdelivery.engine.metrics.MetricsRecorder;

import java.time.Duration;

/** A backfill's progress as shown, and its batches and measured lag as metrics. */
final class BackfillMetrics implements BackfillListener {

    private final BackfillListener shown;
    private final MetricsRecorder recorder;
    private final String table;

    BackfillMetrics(BackfillListener shown, MetricsRecorder recorder, String table) {
        this.shown = shown;
        this.recorder = recorder;
        this.table = table;
    }

    @Override
    public void started(Start start) {
        shown.started(start);
    }

    @Override
    public void batch(Progress progress) {
        recorder.backfillBatch(table, progress.changed(), Duration.ofMillis(progress.millis()));
        shown.batch(progress);
    }

    @Override
    public void paused(String reason, boolean failedCheck) {
        shown.paused(reason, failedCheck);
    }

    @Override
    public void resumed(Duration pausedFor) {
        shown.resumed(pausedFor);
    }

    @Override
    public void lag(Duration lag) {
        recorder.replicationLag(lag);
        shown.lag(lag);
    }

    @Override
    public void warning(String message) {
        shown.warning(message);
    }
}
