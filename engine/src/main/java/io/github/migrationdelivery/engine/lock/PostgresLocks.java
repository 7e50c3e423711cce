package io.github.migrationdelivery.engine.lock;

import io.github.migrationdelivery.engine.sql.AlterAction;
import io.github.migrationdelivery.engine.sql.ConstraintDef;
import io.github.migrationdelivery.engine.sql.StatementShape;

import java.util.Optional;

/**
 * The one table of "statement shape → lock mode" for PostgreSQL (manual, "Explicit Locking" and
 * each command's page). Rules and the dry-run report both use it, so a static verdict and a
 * measured one name the same lock.
 */
public final class PostgresLocks {

    private PostgresLocks() {
    }

    /** The strongest lock the statement takes on an existing table, if any. */
    public static Optional<PgLockMode> of(StatementShape shape) {
        if (shape instanceof StatementShape.AlterTable alter) {
            PgLockMode strongest = null;
            for (AlterAction a : alter.actions()) {
                PgLockMode m = of(a);
                if (strongest == null || m.ordinal() > strongest.ordinal()) {
                    strongest = m;
                }
            }
            return Optional.ofNullable(strongest);
        }
        if (shape instanceof StatementShape.CreateIndex ci) {
            return Optional.of(ci.concurrently() ? PgLockMode.SHARE_UPDATE_EXCLUSIVE : PgLockMode.SHARE);
        }
        if (shape instanceof StatementShape.DropIndex di) {
            return Optional.of(di.concurrently() ? PgLockMode.SHARE_UPDATE_EXCLUSIVE : PgLockMode.ACCESS_EXCLUSIVE);
        }
        if (shape instanceof StatementShape.Reindex r) {
            // Plain REINDEX takes ShareLock on the table but AccessExclusiveLock on the index, so
            // queries that would use the index wait too.
            return Optional.of(r.concurrently() ? PgLockMode.SHARE_UPDATE_EXCLUSIVE : PgLockMode.ACCESS_EXCLUSIVE);
        }
        if (shape instanceof StatementShape.Drop d) {
            return "TABLE".equals(d.objectType()) || "MATERIALIZED VIEW".equals(d.objectType())
                    ? Optional.of(PgLockMode.ACCESS_EXCLUSIVE) : Optional.empty();
        }
        if (shape instanceof StatementShape.Truncate) {
            return Optional.of(PgLockMode.ACCESS_EXCLUSIVE);
        }
        if (shape instanceof StatementShape.Maintenance m) {
            return Optional.of(maintenance(m));
        }
        if (shape instanceof StatementShape.Dml dml) {
            return Optional.of(dml.kind() == StatementShape.Dml.Kind.SELECT ? PgLockMode.ACCESS_SHARE : PgLockMode.ROW_EXCLUSIVE);
        }
        if (shape instanceof StatementShape.OtherDdl o && "TRIGGER".equals(o.objectType()) && "CREATE".equals(o.verb())) {
            return Optional.of(PgLockMode.SHARE_ROW_EXCLUSIVE);
        }
        return Optional.empty();
    }

    /** The lock one ALTER TABLE action takes (ALTER TABLE takes the strongest of its actions). */
    public static PgLockMode of(AlterAction action) {
        switch (action.kind()) {
            case VALIDATE_CONSTRAINT:
            case SET_STATISTICS:
            case CLUSTER_ON:
            case ATTACH_PARTITION:
                return PgLockMode.SHARE_UPDATE_EXCLUSIVE;
            case SET_STORAGE_PARAMETERS:
                // fillfactor, autovacuum and similar parameters; ALTER TABLE SET (...) takes SUE.
                return PgLockMode.SHARE_UPDATE_EXCLUSIVE;
            case DETACH_PARTITION:
                return action.concurrently() ? PgLockMode.SHARE_UPDATE_EXCLUSIVE : PgLockMode.ACCESS_EXCLUSIVE;
            case TRIGGER:
                return PgLockMode.SHARE_ROW_EXCLUSIVE;
            case ADD_CONSTRAINT:
                ConstraintDef c = action.constraint();
                return c != null && c.type() == ConstraintDef.Type.FOREIGN_KEY
                        ? PgLockMode.SHARE_ROW_EXCLUSIVE : PgLockMode.ACCESS_EXCLUSIVE;
            default:
                return PgLockMode.ACCESS_EXCLUSIVE;
        }
    }

    private static PgLockMode maintenance(StatementShape.Maintenance m) {
        switch (m.command()) {
            case "VACUUM":
                return m.full() ? PgLockMode.ACCESS_EXCLUSIVE : PgLockMode.SHARE_UPDATE_EXCLUSIVE;
            case "ANALYZE":
                return PgLockMode.SHARE_UPDATE_EXCLUSIVE;
            case "REFRESH MATERIALIZED VIEW":
                return m.concurrently() ? PgLockMode.EXCLUSIVE : PgLockMode.ACCESS_EXCLUSIVE;
            default: // CLUSTER
                return PgLockMode.ACCESS_EXCLUSIVE;
        }
    }
}
