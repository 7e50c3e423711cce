package io.github.migrationdelivery.engine.lock;

/**
 * PostgreSQL's table-level lock modes, named as {@code pg_locks.mode} names them, with the
 * conflict table of the manual (13.3.1). What a mode blocks is derived from that table, so the
 * linter and the dry-run report speak the same words.
 */
public enum PgLockMode {
    ACCESS_SHARE("AccessShareLock"),
    ROW_SHARE("RowShareLock"),
    ROW_EXCLUSIVE("RowExclusiveLock"),
    SHARE_UPDATE_EXCLUSIVE("ShareUpdateExclusiveLock"),
    SHARE("ShareLock"),
    SHARE_ROW_EXCLUSIVE("ShareRowExclusiveLock"),
    EXCLUSIVE("ExclusiveLock"),
    ACCESS_EXCLUSIVE("AccessExclusiveLock");

    // CONFLICTS[a] has bit b set when mode a conflicts with mode b (ordinal order above).
    private static final int[] CONFLICTS = {
        0b00000001, // ACCESS_SHARE: AccessExclusive
        0b00000011, // ROW_SHARE: Exclusive, AccessExclusive
        0b00001111, // ROW_EXCLUSIVE: Share and stronger
        0b00011111, // SHARE_UPDATE_EXCLUSIVE: itself and stronger
        0b00110111, // SHARE: RowExclusive, ShareUpdateExclusive, ShareRowExclusive and stronger
        0b00111111, // SHARE_ROW_EXCLUSIVE: RowExclusive and stronger
        0b01111111, // EXCLUSIVE: RowShare and stronger
        0b11111111, // ACCESS_EXCLUSIVE: everything
    };

    private final String pgName;

    PgLockMode(String pgName) {
        this.pgName = pgName;
    }

    /** The name {@code pg_locks.mode} shows. */
    public String pgName() {
        return pgName;
    }

    public boolean conflictsWith(PgLockMode other) {
        return (CONFLICTS[ordinal()] & (1 << (7 - other.ordinal()))) != 0;
    }

    /** Plain SELECT takes AccessShareLock. */
    public boolean blocksReads() {
        return conflictsWith(ACCESS_SHARE);
    }

    /** INSERT/UPDATE/DELETE take RowExclusiveLock. */
    public boolean blocksWrites() {
        return conflictsWith(ROW_EXCLUSIVE);
    }

    /** Other DDL, VACUUM and ANALYZE take at least ShareUpdateExclusiveLock. */
    public boolean blocksDdl() {
        return conflictsWith(SHARE_UPDATE_EXCLUSIVE);
    }

    public LockImpact impact() {
        return new LockImpact(pgName, blocksReads(), blocksWrites(), blocksDdl(), null);
    }

    public static PgLockMode fromPgName(String name) {
        for (PgLockMode m : values()) {
            if (m.pgName.equals(name)) {
                return m;
            }
        }
        throw new IllegalArgumentException("not a table lock mode: " + name);
    }
}
