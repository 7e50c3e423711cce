package io.github.migrationdelivery.engine.lock;

import java.util.ArrayList;
import java.util.List;

/**
 * What a statement does to concurrent traffic on the table it changes.
 *
 * @param lockMode  the lock as the server names it: {@code AccessExclusiveLock}, or for MySQL the
 *                  metadata lock ({@code MDL_EXCLUSIVE}, {@code MDL_SHARED_UPGRADABLE})
 * @param algorithm MySQL/MariaDB online-DDL algorithm ({@code INSTANT}, {@code INPLACE},
 *                  {@code COPY}, {@code NOCOPY}); null for PostgreSQL
 */
public record LockImpact(String lockMode, boolean blocksReads, boolean blocksWrites, boolean blocksDdl,
                         String algorithm) {

    /** No table lock beyond what plain DML takes. */
    public static final LockImpact NONE = new LockImpact("none", false, false, false, null);

    public boolean blocksTraffic() {
        return blocksReads || blocksWrites;
    }

    /** "reads, writes, DDL" or "nothing". */
    public String blockedSummary() {
        List<String> parts = new ArrayList<>(3);
        if (blocksReads) {
            parts.add("reads");
        }
        if (blocksWrites) {
            parts.add("writes");
        }
        if (blocksDdl) {
            parts.add("DDL");
        }
        return parts.isEmpty() ? "nothing" : String.join(", ", parts);
    }

    @Override
    public String toString() {
        String mode = algorithm == null ? lockMode : lockMode + " (ALGORITHM=" + algorithm + ")";
        return mode + ", blocks " + blockedSummary();
    }
}
