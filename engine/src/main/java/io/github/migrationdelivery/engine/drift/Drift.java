package io.github.migrationdelivery.engine.drift;

import io.github.migrationdelivery.engine.plan.Plan;
import io.github.migrationdelivery.engine.schema.SchemaDifference;
import io.github.migrationdelivery.engine.schema.SchemaFingerprint;
import io.github.migrationdelivery.engine.snapshot.ConnectionSpec;
import io.github.migrationdelivery.engine.snapshot.Snapshot;
import io.github.migrationdelivery.engine.snapshot.SnapshotProvider;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The drift gate: does the target still hold what its migrations say? Two checks, both read-only
 * on the target:
 * <ul>
 *   <li>checksums and order: each applied changeset's stored checksum against the files, changesets
 *       applied but absent from the files, changesets skipped or applied out of order, failed
 *       Flyway rows, and clashing versions or ids in the files;</li>
 *   <li>schema: the changesets the history says are applied are run on a scratch database and the
 *       result is compared with the target's live schema; each difference comes with the SQL that
 *       would reconcile it.</li>
 * </ul>
 */
public final class Drift {

    private final SchemaBuild build = new SchemaBuild();

    /**
     * @param plan    every migration in the files (read with {@link io.github.migrationdelivery.engine.source.PlanReader#keepingDuplicateVersions()} to see clashes)
     * @param target  the live database; only read
     * @param scratch where to build the expected schema; empty to compare checksums only
     */
    public DriftReport check(Plan plan, ConnectionSpec target, Optional<SnapshotProvider> scratch) {
        AppliedHistory history = build.history(SchemaBuild.sameDialect(plan, target));
        List<ChecksumFinding> findings = new ChecksumCheck(plan, history).run();
        Plan applied = history.appliedPart(plan);
        Optional<DriftReport.SchemaComparison> schema = scratch.map(s -> compare(history.empty() ? plan : applied, target, s));
        List<String> tables = new ArrayList<>();
        if (history.liquibaseTable()) {
            tables.add(AppliedChangeset.Tool.LIQUIBASE.table());
        }
        if (history.flywayTable()) {
            tables.add(AppliedChangeset.Tool.FLYWAY.table());
        }
        int appliedCount = history.empty() ? 0 : applied.changesets().size();
        return new DriftReport(target.redacted(), tables, plan.changesets().size(), appliedCount,
                plan.changesets().size() - appliedCount, findings, schema);
    }

    private DriftReport.SchemaComparison compare(Plan applied, ConnectionSpec target, SnapshotProvider scratch) {
        SchemaFingerprint live = build.read(target);
        try (Snapshot s = scratch.open()) {
            build.apply(applied, s.connection(), "the scratch database");
            SchemaFingerprint expected = build.read(s.connection());
            List<SchemaDifference> differences = expected.diff(live);
            return new DriftReport.SchemaComparison(s.description(), differences,
                    new Reconciliation(expected, live).statements(differences));
        }
    }
}
