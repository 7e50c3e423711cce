package io.github.migrationdelivery.engine.lock;

import java.util.Optional;

/**
 * MariaDB/MySQL metadata lock modes on a table, weakest first, named as
 * {@code information_schema.METADATA_LOCK_INFO} and {@code performance_schema.metadata_locks}
 * name them. What each blocks follows the MDL compatibility matrix (sql/mdl.h): plain reads take
 * MDL_SHARED_READ, DML takes MDL_SHARED_WRITE.
 */
public enum MdlMode {
    MDL_INTENTION_EXCLUSIVE(false, false),
    MDL_SHARED(false, false),
    MDL_SHARED_HIGH_PRIO(false, false),
    MDL_SHARED_READ(false, false),
    MDL_SHARED_WRITE(false, false),
    MDL_SHARED_UPGRADABLE(false, false),
    MDL_SHARED_READ_ONLY(false, true),
    MDL_SHARED_NO_WRITE(false, true),
    MDL_SHARED_NO_READ_WRITE(true, true),
    MDL_EXCLUSIVE(true, true);

    private final boolean blocksReads;
    private final boolean blocksWrites;

    MdlMode(boolean blocksReads, boolean blocksWrites) {
        this.blocksReads = blocksReads;
        this.blocksWrites = blocksWrites;
    }

    public boolean blocksReads() {
        return blocksReads;
    }

    public boolean blocksWrites() {
        return blocksWrites;
    }

    /** performance_schema spells modes without the prefix ("SHARED_NO_WRITE"); both are accepted. */
    public static Optional<MdlMode> parse(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String n = name.trim().toUpperCase(java.util.Locale.ROOT);
        if (!n.startsWith("MDL_")) {
            n = "MDL_" + n;
        }
        for (MdlMode m : values()) {
            if (m.name().equals(n)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }
}
