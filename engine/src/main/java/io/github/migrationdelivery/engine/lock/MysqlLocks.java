package io.github.migrationdelivery.engine.lock;

import io.github.migrationdelivery.engine.lock.MysqlDdl.Algorithm;
import io.github.migrationdelivery.engine.lock.MysqlDdl.LockOption;
import io.github.migrationdelivery.engine.plan.Dialect;
import io.github.migrationdelivery.engine.plan.ServerVersion;
import io.github.migrationdelivery.engine.sql.AlterAction;
import io.github.migrationdelivery.engine.sql.ConstraintDef;
import io.github.migrationdelivery.engine.sql.StatementShape;

import java.util.Locale;
import java.util.Optional;

/**
 * The one table of "ALTER action → online-DDL algorithm" for MySQL 8 and MariaDB 10.x (MySQL
 * manual "Online DDL Operations", MariaDB "InnoDB Online DDL Operations"). A prediction only:
 * whether MODIFY COLUMN is INSTANT depends on the column's current type, which the dry-run
 * measures by asking the server for ALGORITHM=INSTANT, then INPLACE.
 */
public final class MysqlLocks {

    private final Dialect dialect;
    private final ServerVersion version;

    public MysqlLocks(Dialect dialect, ServerVersion version) {
        this.dialect = dialect;
        this.version = version;
    }

    /** The least disruptive algorithm the server can use for the action. */
    public Algorithm algorithm(AlterAction action) {
        switch (action.kind()) {
            case ADD_COLUMN:
                if (action.definition() != null && (action.definition().autoIncrement() || action.definition().generatedStored())) {
                    return Algorithm.COPY;
                }
                return instantAdd(action) ? Algorithm.INSTANT : Algorithm.INPLACE;
            case DROP_COLUMN:
                return instantDrop() ? Algorithm.INSTANT : Algorithm.INPLACE;
            case RENAME_COLUMN:
            case SET_DEFAULT:
            case DROP_DEFAULT:
            case RENAME_TABLE:
            case RENAME_INDEX:
                return Algorithm.INSTANT;
            case MODIFY_COLUMN:
                // Without the current definition assume a type change: the table is copied.
                return Algorithm.COPY;
            case ADD_INDEX:
            case DROP_INDEX:
            case DROP_FOREIGN_KEY:
                return Algorithm.INPLACE;
            case ADD_CONSTRAINT:
                ConstraintDef c = action.constraint();
                if (c != null && (c.type() == ConstraintDef.Type.FOREIGN_KEY || c.type() == ConstraintDef.Type.CHECK)) {
                    return Algorithm.COPY;
                }
                return Algorithm.INPLACE;
            case DROP_PRIMARY_KEY:
            case CONVERT_CHARSET:
                return Algorithm.COPY;
            case FORCE:
            case TABLE_OPTION:
                return Algorithm.INPLACE;
            default:
                return Algorithm.INPLACE;
        }
    }

    /** Concurrency the server allows by default for the action's algorithm. */
    public LockImpact impact(AlterAction action) {
        Algorithm algorithm = algorithm(action);
        LockOption lock = LockOption.DEFAULT;
        if (action.kind() == AlterAction.Kind.ADD_INDEX && action.constraint() != null
                && !action.tokens().isEmpty() && isFullTextOrSpatial(action)) {
            lock = LockOption.SHARED; // FULLTEXT and SPATIAL indexes allow no concurrent DML
        }
        return MysqlDdl.impact(algorithm, lock);
    }

    /** The impact of a whole statement: the worst of its actions, honouring an explicit LOCK= clause. */
    public Optional<LockImpact> impact(StatementShape shape) {
        if (shape instanceof StatementShape.AlterTable alter) {
            Algorithm worst = null;
            boolean sharedIndex = false;
            for (AlterAction a : alter.actions()) {
                if (a.kind() == AlterAction.Kind.ALGORITHM || a.kind() == AlterAction.Kind.LOCK) {
                    continue;
                }
                Algorithm al = algorithm(a);
                worst = worst == null || al.ordinal() > worst.ordinal() ? al : worst;
                sharedIndex |= a.kind() == AlterAction.Kind.ADD_INDEX && isFullTextOrSpatial(a);
            }
            if (worst == null) {
                return Optional.empty();
            }
            LockOption lock = lockOption(alter.lock());
            if (lock == LockOption.DEFAULT && sharedIndex) {
                lock = LockOption.SHARED;
            }
            Algorithm requested = algorithmOption(alter.algorithm());
            if (requested != null && requested.ordinal() > worst.ordinal()) {
                worst = requested; // ALGORITHM=COPY forces a copy even where INPLACE would do
            }
            return Optional.of(MysqlDdl.impact(worst, lock));
        }
        if (shape instanceof StatementShape.CreateIndex ci) {
            boolean shared = "FULLTEXT".equals(ci.method()) || "SPATIAL".equals(ci.method());
            LockOption lock = lockOption(ci.lock());
            return Optional.of(MysqlDdl.impact(Algorithm.INPLACE, lock == LockOption.DEFAULT && shared ? LockOption.SHARED : lock));
        }
        if (shape instanceof StatementShape.DropIndex) {
            return Optional.of(MysqlDdl.impact(Algorithm.INPLACE, LockOption.DEFAULT));
        }
        if (shape instanceof StatementShape.Drop d && "TABLE".equals(d.objectType())
                || shape instanceof StatementShape.Truncate) {
            return Optional.of(new LockImpact("MDL_EXCLUSIVE", true, true, true, null));
        }
        if (shape instanceof StatementShape.Dml dml && dml.kind() != StatementShape.Dml.Kind.SELECT) {
            return Optional.of(new LockImpact("MDL_SHARED_WRITE", false, false, false, null));
        }
        return Optional.empty();
    }

    private boolean instantAdd(AlterAction action) {
        boolean positioned = action.definition() != null && !action.definition().position().isEmpty();
        if (dialect == Dialect.MARIADB) {
            // 10.3 added instant ADD COLUMN at the end; 10.4 anywhere.
            return version.atLeast(10, 4) || version.atLeast(10, 3) && !positioned;
        }
        return version.atLeast(8, 0) && (version.compareTo(new ServerVersion(8, 0, 29)) >= 0
                || !positioned && version.compareTo(new ServerVersion(8, 0, 12)) >= 0);
    }

    private boolean instantDrop() {
        return dialect == Dialect.MARIADB ? version.atLeast(10, 4) : version.compareTo(new ServerVersion(8, 0, 29)) >= 0;
    }

    private static boolean isFullTextOrSpatial(AlterAction a) {
        return !a.tokens().isEmpty() && a.tokens().stream().limit(3).anyMatch(t -> t.is("FULLTEXT") || t.is("SPATIAL"));
    }

    /** Parses a LOCK= value; empty means not given. */
    public static LockOption lockOption(String value) {
        if (value == null || value.isEmpty()) {
            return LockOption.DEFAULT;
        }
        return LockOption.valueOf(value.toUpperCase(Locale.ROOT));
    }

    /** Parses an ALGORITHM= value; null when not given or DEFAULT. */
    public static Algorithm algorithmOption(String value) {
        if (value == null || value.isEmpty() || "DEFAULT".equalsIgnoreCase(value)) {
            return null;
        }
        return Algorithm.valueOf(value.toUpperCase(Locale.ROOT));
    }
}
