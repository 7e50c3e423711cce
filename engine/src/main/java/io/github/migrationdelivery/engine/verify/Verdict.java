package io.github.migrationdelivery.engine.verify;

import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * The outcome of a verification window.
 *
 * @param samples        the samples taken (fewer than planned when an unhealthy verdict stopped the window early)
 * @param medianErrorRate the median of the error rates the samples gave, when any did
 * @param medianP95Seconds the median of the p95 latencies, likewise
 * @param reasons        why the verdict is what it is, one line each
 */
public record Verdict(Status status, Limits limits, int plannedSamples, List<Sample> samples,
                      OptionalDouble medianErrorRate, OptionalDouble medianP95Seconds, List<String> reasons) {

    /** The three answers a pipeline acts on: keep, roll back, ask a human. */
    public enum Status {
        HEALTHY, UNHEALTHY, CANNOT_JUDGE;

        public String id() {
            return name().toLowerCase(Locale.ROOT).replace('_', ' ');
        }
    }

    public Verdict {
        samples = List.copyOf(samples);
        reasons = List.copyOf(reasons);
    }

    /** How many samples were judged so. */
    public long count(Judgement j) {
        return samples.stream().filter(s -> s.judgement() == j).count();
    }
}
