package io.github.migrationdelivery.engine.drift;

import io.github.migrationdelivery.engine.schema.SchemaDifference;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link Drift#check} found on one target.
 *
 * @param target         the target, without secrets
 * @param historyTables  the history tables found ("DATABASECHANGELOG", "flyway_schema_history"); empty when none
 * @param changesets     changesets in the files
 * @param applied        of those, the ones the history says are applied
 * @param pending        of those, the ones not applied yet (the next migrate runs them)
 * @param checksums      disagreements between files and history
 * @param schema         the schema comparison, when one was made
 */
public record DriftReport(String target, List<String> historyTables, int changesets, int applied, int pending,
                          List<ChecksumFinding> checksums, Optional<SchemaComparison> schema) {

    /**
     * The live schema against the one the applied migrations build.
     *
     * @param scratch     where the expected schema was built (description, no secrets)
     * @param differences {@code expected -> live}: "added" is in the live database only, "removed" is missing there
     * @param reconcile   SQL (and comments) that would bring the live database back to the expected schema
     */
    public record SchemaComparison(String scratch, List<SchemaDifference> differences, List<String> reconcile) {

        public SchemaComparison {
            differences = List.copyOf(differences);
            reconcile = List.copyOf(reconcile);
        }
    }

    public DriftReport {
        Objects.requireNonNull(target, "target");
        historyTables = List.copyOf(historyTables);
        checksums = List.copyOf(checksums);
        schema = schema == null ? Optional.empty() : schema;
    }

    /** True when nothing fails the gate: no failing checksum finding, no schema difference. */
    public boolean clean() {
        return checksums.stream().noneMatch(f -> f.kind().failsGate())
                && schema.map(s -> s.differences().isEmpty()).orElse(true);
    }
}
