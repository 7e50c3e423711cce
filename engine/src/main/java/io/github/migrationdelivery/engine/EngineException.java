package io.github.migrationdelivery.engine;

import io.github.migrationdelivery.engine.plan.SourcePosition;

import java.util.Optional;

/**
 * Base of every error the engine reports to a user. Each carries the kind of failure (which the
 * CLI maps to an exit code in one place) and, where known, the place in the user's files.
 */
public class EngineException extends RuntimeException {

    /** What went wrong, coarsely: decides the exit code. */
    public enum Kind {
        /** Bad usage or bad input: a missing file, malformed changelog, unknown option value. */
        BAD_INPUT,
        /** The database refused or could not be reached. */
        DATABASE,
        /** A statement waited longer than its lock timeout for a lock another session holds. */
        LOCK_TIMEOUT,
        /** No valid approval for this plan and target: none, too few, for another checksum, or void. */
        NOT_APPROVED,
        /** A destructive plan without a fresh, verified backup manifest for exactly this plan. */
        BACKUP_REQUIRED,
        /** Taking or verifying a backup failed (a full disk, a client older than the server, a bad archive). */
        BACKUP_FAILED,
        /** The database refused the login: wrong or missing user or password. */
        AUTHENTICATION,
        /** A migration stopped part-way: some changesets are applied, the rest are not (the message says which). */
        INCOMPLETE,
        /** Another migration holds the migration lock (or left a stale one behind). */
        LOCKED,
        /** Anything the engine did not expect: a bug. */
        INTERNAL
    }

    private final Kind kind;
    private final transient SourcePosition position;

    public EngineException(Kind kind, String message, SourcePosition position, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.position = position;
    }

    public EngineException(Kind kind, String message) {
        this(kind, message, null, null);
    }

    public static EngineException badInput(String message) {
        return new EngineException(Kind.BAD_INPUT, message);
    }

    public static EngineException badInput(SourcePosition position, String message) {
        return new EngineException(Kind.BAD_INPUT, message, position, null);
    }

    public static EngineException badInput(SourcePosition position, String message, Throwable cause) {
        return new EngineException(Kind.BAD_INPUT, message, position, cause);
    }

    /**
     * The first line of a database error's message: PostgreSQL's driver appends "Position:" and
     * "Where:" lines, and servers never put the client's password in a message.
     */
    public static String serverMessage(Throwable e) {
        String message = e.getMessage();
        if (message == null) {
            return e.getClass().getSimpleName();
        }
        int nl = message.indexOf('\n');
        return (nl < 0 ? message : message.substring(0, nl)).trim();
    }

    public Kind kind() {
        return kind;
    }

    public Optional<SourcePosition> position() {
        return Optional.ofNullable(position);
    }

    /** One line for the user: "file:line:col: message" when the place is known. */
    public String oneLine() {
        String msg = getMessage() == null ? getClass().getSimpleName() : getMessage();
        return position == null ? msg : position + ": " + msg;
    }
}
