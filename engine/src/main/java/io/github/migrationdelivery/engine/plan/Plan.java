package io.github.migrationdelivery.engine.plan;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/** The ordered changesets of one or more migration sources, for one dialect. */
public record Plan(Dialect dialect, List<Changeset> changesets) {

    public Plan {
        Objects.requireNonNull(dialect, "dialect");
        changesets = List.copyOf(changesets);
    }

    public int statementCount() {
        int n = 0;
        for (Changeset c : changesets) {
            n += c.statements().size();
        }
        return n;
    }

    /**
     * What approvals, backups and reports bind to: "sha256:" and the hex digest of everything that
     * decides what the plan does to a database (dialect, each changeset's identity, transaction mode,
     * statements and rollback), and nothing that does not (file positions, comments of the plan's
     * files outside statements). Any change to the SQL that would run gives another checksum.
     */
    public String checksum() {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
        field(sha, dialect.name());
        for (Changeset c : changesets) {
            field(sha, c.kind().name());
            field(sha, c.id());
            field(sha, c.author());
            field(sha, Boolean.toString(c.transactional()));
            statements(sha, "forward", c.statements());
            c.rollback().ifPresentOrElse(r -> statements(sha, "rollback", r.statements()), () -> field(sha, "no rollback"));
        }
        return "sha256:" + HexFormat.of().formatHex(sha.digest());
    }

    private static void statements(MessageDigest sha, String part, List<Statement> statements) {
        field(sha, part);
        field(sha, Integer.toString(statements.size()));
        for (Statement s : statements) {
            field(sha, s.sql());
        }
    }

    /** Length-prefixed, so that no two different field sequences hash the same bytes. */
    private static void field(MessageDigest sha, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        sha.update((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
        sha.update(bytes);
    }
}
