package io.github.migrationdelivery.engine.report;

import io.github.migrationdelivery.engine.EngineException;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Which of a job's builds lose their archived migration reports: a CI server's "discard old builds",
 * for the reports only (the builds stay). The exceptions are the ones a Jenkins admin knows from
 * discarding builds: a build marked keep-forever, the job's last successful build (the evidence for
 * what production runs now) and a build still running always keep theirs. Both limits apply: a
 * build's reports go when either says so.
 *
 * @param keepBuilds the reports of the newest N builds that have reports are kept; 0: no limit
 * @param keepDays   the reports of builds that finished more than D days ago go; 0: no limit
 */
public record ReportRetention(int keepBuilds, int keepDays) {

    public static final ReportRetention KEEP_ALL = new ReportRetention(0, 0);

    public ReportRetention {
        if (keepBuilds < 0 || keepDays < 0) {
            throw EngineException.badInput("report retention: the builds and days to keep must be 0 (no limit) or more, not "
                    + keepBuilds + " builds and " + keepDays + " days");
        }
    }

    /**
     * One build of the job that still has reports.
     *
     * @param finished       when it finished; empty while it runs
     * @param keepForever    marked by a person to be kept forever
     * @param lastSuccessful the job's last successful build
     */
    public record Build(int number, Optional<Instant> finished, boolean keepForever, boolean lastSuccessful) {

        public Build {
            Objects.requireNonNull(finished, "finished");
        }

        private boolean pinned() {
            return finished.isEmpty() || keepForever || lastSuccessful;
        }
    }

    public boolean keepsAll() {
        return keepBuilds == 0 && keepDays == 0;
    }

    /** The numbers, oldest first, of the builds whose reports this policy no longer keeps at {@code now}. */
    public List<Integer> expired(Collection<Build> builds, Instant now) {
        List<Build> newestFirst = builds.stream().sorted(Comparator.comparingInt(Build::number).reversed()).toList();
        Instant cutoff = now.minus(Duration.ofDays(keepDays));
        List<Integer> expired = new ArrayList<>();
        for (int rank = newestFirst.size() - 1; rank >= 0; rank--) {
            Build b = newestFirst.get(rank);
            // Pinned builds still count among the newest N: "the last N builds" means the same as in Jenkins.
            boolean beyondCount = keepBuilds > 0 && rank >= keepBuilds;
            boolean tooOld = keepDays > 0 && b.finished().filter(f -> f.isBefore(cutoff)).isPresent();
            if ((beyondCount || tooOld) && !b.pinned()) {
                expired.add(b.number());
            }
        }
        return expired;
    }

    /** The policy in a few words for a build log: {@code the newest 10 builds, at most 30 days}. */
    public String describe() {
        if (keepsAll()) {
            return "all builds";
        }
        List<String> limits = new ArrayList<>();
        if (keepBuilds > 0) {
            limits.add(keepBuilds == 1 ? "the newest build" : "the newest " + keepBuilds + " builds");
        }
        if (keepDays > 0) {
            limits.add(keepDays == 1 ? "at most 1 day" : "at most " + keepDays + " days");
        }
        return String.join(", ", limits);
    }
}
