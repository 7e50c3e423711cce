package io.github.migrationdelivery.engine.migrate;

import io.github.migrationdelivery.engine.plan.Plan;
import io.github.migrationdelivery.engine.snapshot.ConnectionSpec;

/**
 * A check that must pass before {@link Migration} applies anything: an approval for exactly this
 * plan and target, a fresh backup manifest for a destructive plan. It throws an
 * {@link io.github.migrationdelivery.engine.EngineException} (NOT_APPROVED, BACKUP_REQUIRED, ...)
 * to refuse; returning normally lets the run go on.
 */
@FunctionalInterface
public interface Precondition {

    void check(Plan plan, ConnectionSpec target);
}
