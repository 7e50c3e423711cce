package io.github.migrationdelivery.engine.lock;

/**
 * MySQL/MariaDB online DDL: the algorithm an ALTER runs with and the concurrency it allows.
 * Every ALTER takes an exclusive metadata lock briefly at start and end; what differs is what
 * concurrent DML may do in between.
 */
public final class MysqlDdl {

    public enum Algorithm { INSTANT, NOCOPY, INPLACE, COPY }

    /** {@code LOCK=} clause values; DEFAULT lets the server choose the least restrictive allowed. */
    public enum LockOption { NONE, SHARED, EXCLUSIVE, DEFAULT }

    private MysqlDdl() {
    }

    /**
     * The impact of an ALTER run with {@code algorithm} and {@code lock}. COPY allows reads but
     * not writes by default (LOCK=SHARED); LOCK=EXCLUSIVE blocks reads too.
     */
    public static LockImpact impact(Algorithm algorithm, LockOption lock) {
        LockOption effective = lock;
        if (effective == LockOption.DEFAULT) {
            effective = algorithm == Algorithm.COPY ? LockOption.SHARED : LockOption.NONE;
        }
        boolean blocksWrites = effective != LockOption.NONE;
        boolean blocksReads = effective == LockOption.EXCLUSIVE;
        String mdl = blocksWrites ? "MDL_SHARED_NO_WRITE" : "MDL_SHARED_UPGRADABLE";
        if (blocksReads) {
            mdl = "MDL_EXCLUSIVE";
        }
        return new LockImpact(mdl, blocksReads, blocksWrites, true, algorithm.name());
    }
}
