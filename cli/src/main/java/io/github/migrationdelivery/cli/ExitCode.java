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
    /** The database refused or could not be reached. */
    DATABASE(3),
    /** A statement waited too long for a lock another session holds (dry-run on a shared server). */
    LOCK_TIMEOUT(4),
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
        switch (kind) {
            case BAD_INPUT:
                return BAD_INPUT;
            case DATABASE:
                return DATABASE;
            case LOCK_TIMEOUT:
                return LOCK_TIMEOUT;
            default:
                return INTERNAL;
        }
    }
}
