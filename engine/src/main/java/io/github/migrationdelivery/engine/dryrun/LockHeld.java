package io.github.migrationdelivery.engine.dryrun;

/**
 * A lock the dry-run saw a statement hold: the relation and the mode as the server names it
 * ({@code AccessExclusiveLock} from {@code pg_locks}; {@code MDL_EXCLUSIVE} from MariaDB/MySQL metadata locks).
 */
public record LockHeld(String relation, String mode) {
}
