package io.github.migrationdelivery.engine.approval;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One decision in the audit log.
 *
 * @param at             when, in UTC
 * @param approver       who decided (as compared: lower case)
 * @param grant          the {@code approval.approvers} entry that let them ("alice", "group:dba")
 * @param groups         the groups CI vouched the approver belongs to
 * @param authors        the change's authors and requesters, who were refused
 * @param planChecksum   the plan decided on
 * @param target         the database it was decided for
 * @param classification the plan's risk class when the request was made
 * @param evidence       the request file's SHA-256 ("sha256:..."): what the approver saw
 * @param line           the entry's line in the log (1-based); 0 before it is written
 */
public record AuditEntry(Instant at, String approver, Decision decision, String grant, List<String> groups,
                         List<String> authors, String planChecksum, Target target, String classification,
                         String evidence, String reason, int line) {

    public enum Decision {
        APPROVE, REJECT;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public AuditEntry {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(decision, "decision");
        groups = List.copyOf(groups);
        authors = List.copyOf(authors);
    }

    AuditEntry atLine(int n) {
        return new AuditEntry(at, approver, decision, grant, groups, authors, planChecksum, target, classification,
                evidence, reason, n);
    }

    /** True when the entry decides on exactly this plan for exactly this target. */
    public boolean concerns(String checksum, Target t) {
        return planChecksum.equals(checksum) && target.equals(t);
    }
}
