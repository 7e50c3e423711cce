package io.github.migrationdelivery.engine.drift;

import io.github.migrationdelivery.engine.plan.Changeset;
import io.github.migrationdelivery.engine.plan.ChangesetKind;
import io.github.migrationdelivery.engine.plan.Plan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Compares a plan's changesets, their checksums and their order with a target's history. */
final class ChecksumCheck {

    private final Plan plan;
    private final AppliedHistory history;

    ChecksumCheck(Plan plan, AppliedHistory history) {
        this.plan = plan;
        this.history = history;
    }

    /** A changeset's place in the files and in the history. */
    private record Applied(int index, long order) {
    }

    List<ChecksumFinding> run() {
        List<ChecksumFinding> findings = new ArrayList<>(duplicates());
        Map<AppliedChangeset, Changeset> claimed = new IdentityHashMap<>();
        List<Changeset> changesets = plan.changesets();
        int lastApplied = -1;
        for (int i = 0; i < changesets.size(); i++) {
            if (history.applied(changesets.get(i))) {
                lastApplied = i;
            }
        }
        List<Applied> inHistoryOrder = new ArrayList<>();
        for (int i = 0; i < changesets.size(); i++) {
            Changeset cs = changesets.get(i);
            var row = history.find(cs);
            if (row.isPresent() && claimed.containsKey(row.get())) {
                // a second file with the same version or id: reported as DUPLICATE, its row is the first file's
                compareChecksum(cs, row.get()).ifPresent(findings::add);
                continue;
            }
            row.ifPresent(r -> claimed.put(r, cs));
            if (row.isEmpty() || !row.get().success()) {
                row.ifPresent(r -> findings.add(finding(ChecksumFinding.Kind.FAILED, cs, "Flyway recorded it as failed (installed_rank "
                        + r.order() + "); repair the history and the schema before migrating again")));
                if (i < lastApplied && !history.applied(cs) && cs.kind() != ChangesetKind.REPEATABLE_SQL) {
                    findings.add(finding(ChecksumFinding.Kind.NOT_APPLIED, cs, "not applied, but "
                            + changesets.get(lastApplied).displayName() + " after it in the files is: merged from a concurrent"
                            + " branch; the tool would run it out of order (or refuse to)"));
                }
                continue;
            }
            compareChecksum(cs, row.get()).ifPresent(findings::add);
            // Repeatables run after all versioned scripts whenever they change: their order means nothing.
            if (cs.kind() != ChangesetKind.REPEATABLE_SQL) {
                inHistoryOrder.add(new Applied(i, row.get().order()));
            }
        }
        inHistoryOrder.sort(Comparator.comparingLong(Applied::order));
        Applied furthest = null;
        for (Applied a : inHistoryOrder) {
            if (furthest != null && a.index() < furthest.index()) {
                findings.add(finding(ChecksumFinding.Kind.APPLIED_OUT_OF_ORDER, changesets.get(a.index()), "applied as #" + a.order()
                        + ", after " + changesets.get(furthest.index()).displayName() + " (#" + furthest.order()
                        + ") which comes later in the files"));
            } else {
                furthest = a;
            }
        }
        Set<String> reportedUnknown = new HashSet<>();
        for (AppliedChangeset r : history.rows()) {
            if (!claimed.containsKey(r) && !r.bookkeeping() && !unknownRerun(r, claimed)
                    && reportedUnknown.add(r.tool() + r.displayName())) {
                findings.add(new ChecksumFinding(ChecksumFinding.Kind.UNKNOWN, r.displayName(), r.file(),
                        "applied (" + r.tool().table() + " #" + r.order() + ") but in none of the migration files: deleted,"
                                + " renamed, or applied from another branch"));
            }
        }
        return List.copyOf(findings);
    }

    /** An earlier application of a repeatable script the files still have is not unknown. */
    private static boolean unknownRerun(AppliedChangeset r, Map<AppliedChangeset, Changeset> claimed) {
        return r.id().isEmpty() && claimed.keySet().stream().anyMatch(c -> c.id().isEmpty() && c.description().equals(r.description()));
    }

    private Optional<ChecksumFinding> compareChecksum(Changeset cs, AppliedChangeset r) {
        String stored = r.checksum();
        String mine = cs.checksum();
        if (mine.isEmpty() || stored.equals(mine)) {
            return Optional.empty();
        }
        if (cs.kind() == ChangesetKind.REPEATABLE_SQL) {
            return Optional.of(finding(ChecksumFinding.Kind.RERUN_PENDING, cs,
                    "changed since it was applied (checksum " + stored + " -> " + mine + "): the next migrate runs it again"));
        }
        if (cs.kind() == ChangesetKind.LIQUIBASE && !version(stored).equals(version(mine))) {
            return Optional.of(finding(ChecksumFinding.Kind.NOT_COMPARABLE, cs, stored.isEmpty()
                    ? "stored without a checksum (cleared by clear-checksums?): Liquibase fills it in on its next update"
                    : "stored checksum " + stored + " is of Liquibase checksum version " + version(stored) + ", the files give "
                            + mine + " (version " + version(mine) + "): cannot be compared; Liquibase upgrades it on its next update"));
        }
        return Optional.of(finding(ChecksumFinding.Kind.MODIFIED, cs, "changed after it was applied: "
                + r.tool().table() + " has " + stored + ", the file gives " + mine
                + "; restore the applied text and put the change in a new changeset"));
    }

    /** Liquibase checksums are "version:hex"; the version decides the algorithm. */
    private static String version(String checksum) {
        int colon = checksum.indexOf(':');
        return colon < 0 ? "" : checksum.substring(0, colon);
    }

    /** Two files with the same version, or the same id and author: each clash reported on the later file. */
    private List<ChecksumFinding> duplicates() {
        List<ChecksumFinding> out = new ArrayList<>();
        Map<String, Changeset> seen = new HashMap<>();
        for (Changeset cs : plan.changesets()) {
            String key = switch (cs.kind()) {
                case LIQUIBASE -> "L" + cs.id() + "::" + cs.author();
                case VERSIONED_SQL -> "V" + cs.id();
                default -> null;
            };
            if (key == null) {
                continue;
            }
            Changeset earlier = seen.putIfAbsent(key, cs);
            if (earlier != null && !earlier.position().file().equals(cs.position().file())) {
                String what = cs.kind() == ChangesetKind.LIQUIBASE ? "id and author" : "version";
                out.add(finding(ChecksumFinding.Kind.DUPLICATE, cs, "same " + what + " as " + earlier.position()
                        + ": two branches added a migration each; renumber one"));
            }
        }
        return out;
    }

    private static ChecksumFinding finding(ChecksumFinding.Kind kind, Changeset cs, String message) {
        return new ChecksumFinding(kind, cs.displayName(), cs.position().toString(), message);
    }
}
