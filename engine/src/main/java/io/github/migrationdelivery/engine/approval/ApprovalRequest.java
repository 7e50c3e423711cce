package io.github.migrationdelivery.engine.approval;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * What {@code approval request} writes for approvers: the evidence and the brief, the target, who
 * wrote and who asked for the change (they may not approve it), and how to read the plan again, so
 * {@code approval record} can check that the plan at hand is still the one shown.
 *
 * @param authors     the commit author(s) and the changesets' authors
 * @param requestedBy who started the build that asks for approval; empty when not known
 * @param brief       the risk brief in Markdown
 */
public record ApprovalRequest(Instant createdAt, Target target, PlanSource plan, Evidence evidence, List<String> authors,
                              List<String> requestedBy, String brief) {

    /** How the plan was read: what {@code PlanReader} needs to read the same plan again. */
    public record PlanSource(List<String> paths, String dialect, String serverVersion, Set<String> contexts,
                             Set<String> labels) {
        public PlanSource {
            paths = List.copyOf(paths);
            contexts = Set.copyOf(contexts);
            labels = Set.copyOf(labels);
        }
    }

    /**
     * A request read back from its file: what {@code approval record} needs, and the file's SHA-256,
     * which the audit log records as the evidence the approver saw.
     */
    public record Filed(String sha256, Target target, PlanSource plan, String planChecksum, String classification,
                        List<String> authors, List<String> requestedBy) {
        public Filed {
            authors = List.copyOf(authors);
            requestedBy = List.copyOf(requestedBy);
        }

        /** Everyone who may not approve: authors and requesters. */
        public List<String> authorsAndRequesters() {
            return java.util.stream.Stream.concat(authors.stream(), requestedBy.stream()).toList();
        }
    }

    public ApprovalRequest {
        authors = List.copyOf(authors);
        requestedBy = List.copyOf(requestedBy);
    }
}
