package io.github.migrationdelivery.engine.compat;

import io.github.migrationdelivery.engine.drift.AppliedHistory;
import io.github.migrationdelivery.engine.drift.SchemaBuild;
import io.github.migrationdelivery.engine.plan.Changeset;
import io.github.migrationdelivery.engine.plan.Plan;
import io.github.migrationdelivery.engine.schema.SchemaFingerprint;
import io.github.migrationdelivery.engine.snapshot.ConnectionSpec;
import io.github.migrationdelivery.engine.snapshot.Snapshot;
import io.github.migrationdelivery.engine.snapshot.SnapshotProvider;

import java.util.Optional;

/**
 * The backward-compatibility diff: the schema before and after the plan's pending changesets,
 * judged by {@link CompatCheck}. "Pending" is what the database's history says is not applied
 * yet; a database without history gets the whole plan.
 */
public final class Compat {

    private final SchemaBuild build = new SchemaBuild();
    private final Optional<UsedColumns> used;

    public Compat(Optional<UsedColumns> used) {
        this.used = used == null ? Optional.empty() : used;
    }

    /**
     * Before = a throw-away copy of the real schema ({@code --before}: a snapshot URI), after = the
     * same copy with the pending changesets applied.
     */
    public CompatReport fromSnapshot(Plan plan, SnapshotProvider beforeSnapshot) {
        try (Snapshot s = beforeSnapshot.open()) {
            ConnectionSpec db = SchemaBuild.sameDialect(plan, s.connection());
            AppliedHistory history = build.history(db);
            Plan pending = history.pendingPart(plan);
            SchemaFingerprint before = build.read(db);
            build.apply(pending, db, "the before snapshot");
            return report(s.description(), pending, before, build.read(db));
        }
    }

    /**
     * Before = the target's applied changesets built on a scratch database, after = the same with
     * the pending ones; only the target's history is read.
     */
    public CompatReport fromTarget(Plan plan, ConnectionSpec target, SnapshotProvider scratch) {
        AppliedHistory history = build.history(SchemaBuild.sameDialect(plan, target));
        Plan applied = history.appliedPart(plan);
        Plan pending = history.pendingPart(plan);
        try (Snapshot s = scratch.open()) {
            build.apply(applied, s.connection(), "the scratch database");
            SchemaFingerprint before = build.read(s.connection());
            build.apply(pending, s.connection(), "the scratch database");
            return report("migrations applied on " + target.redacted() + ", built on " + s.description(), pending, before,
                    build.read(s.connection()));
        }
    }

    private CompatReport report(String where, Plan pending, SchemaFingerprint before, SchemaFingerprint after) {
        return new CompatReport(where, pending.changesets().stream().map(Changeset::displayName).toList(),
                new CompatCheck(before, after, used).changes());
    }
}
