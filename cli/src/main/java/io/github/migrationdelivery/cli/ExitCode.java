package io.github.migrationdelivery.cli;

import io.github.migrationdelivery.engine.EngineException;

/** The documented exit codes (docs/cli.md); every command maps its outcome here and nowhere else. */
public enum ExitCode {
    /** The gate passed. */
    OK(0),
    /** The gate failed: findings at or above the fail level. */
    GATE_FAILED(1),
    /** Bad usage or bad input: unknown option, missing file, malformed changelog. */
    BAD_INPUT(2),
    /**
     * {@code verify} only: the service could not be judged (an endpoint unreachable, timing out or
     * answering garbage, a Prometheus error or no data). The same number as bad usage, which verify
     * also exits with: either way a human has to look; the message on standard error says which.
     */
    COULD_NOT_JUDGE(2),
    /** The database refused or could not be reached. */
    DATABASE(3),
    /** A statement waited too long for a lock another session holds (dry-run on a shared server). */
    LOCK_TIMEOUT(4),
    /** No valid approval for this plan and target. */
    NOT_APPROVED(5),
    /** A destructive plan without a fresh, verified backup manifest for it. */
    BACKUP_REQUIRED(6),
    /** A backup could not be taken or verified. */
    BACKUP_FAILED(7),
    /** The database refused the login. */
    AUTHENTICATION(8),
    /** A migration stopped part-way; the message names what is applied. */
    INCOMPLETE(9),
    /** Another migration holds the migration lock, or left a stale one. */
    LOCKED(10),
    /** A bug: please report it with the output of --debug. */
    INTERNAL(70);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    static ExitCode of(EngineException.Kind kind) {
        return switch (kind) {
            case BAD_INPUT -> BAD_INPUT;
            case DATABASE -> DATABASE;
            case LOCK_TIMEOUT -> LOCK_TIMEOUT;
            case NOT_APPROVED -> NOT_APPROVED;
            case BACKUP_REQUIRED -> BACKUP_REQUIRED;
            case BACKUP_FAILED -> BACKUP_FAILED;
            case AUTHENTICATION -> AUTHENTICATION;
            case INCOMPLETE -> INCOMPLETE;
            case LOCKED -> LOCKED;
            case INTERNAL -> INTERNAL;
        };
    }
}
