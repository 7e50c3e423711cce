package io.github.migrationdelivery.engine.report;

import io.github.migrationdelivery.engine.EngineException;
import io.github.migrationdelivery.engine.report.ReportRetention.Build;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReportRetentionTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    /** Build {@code number}, finished {@code daysAgo} days before NOW, nothing special about it. */
    private static Build finished(int number, double daysAgo) {
        return new Build(number, Optional.of(NOW.minus(Duration.ofMinutes(Math.round(daysAgo * 24 * 60)))), false, false);
    }

    /** Builds 1..n, build k finished n-k days ago (the newest today). */
    private static List<Build> daily(int n) {
        List<Build> builds = new ArrayList<>();
        for (int k = 1; k <= n; k++) {
            builds.add(finished(k, n - k));
        }
        return builds;
    }

    @Test
    void theDefaultKeepsEverything() {
        assertThat(ReportRetention.KEEP_ALL.keepsAll()).isTrue();
        assertThat(ReportRetention.KEEP_ALL.expired(daily(500), NOW)).isEmpty();
        assertThat(ReportRetention.KEEP_ALL.describe()).isEqualTo("all builds");
    }

    @Test
    void theNewestNBuildsKeepTheirReportsWhateverOrderTheyComeIn() {
        List<Build> builds = daily(7);
        Collections.shuffle(builds, new Random(7));

        assertThat(new ReportRetention(3, 0).expired(builds, NOW)).containsExactly(1, 2, 3, 4);
        assertThat(new ReportRetention(7, 0).expired(builds, NOW)).isEmpty();
        assertThat(new ReportRetention(1, 0).expired(builds, NOW)).containsExactly(1, 2, 3, 4, 5, 6);
    }

    @Test
    void theCountIsOfBuildsThatHaveReportsNotOfBuildNumbers() {
        // Builds 3..9 ran no migration (or lost their reports already): 2 and 10 are the two newest with reports.
        List<Build> builds = List.of(finished(1, 9), finished(2, 8), finished(10, 0));

        assertThat(new ReportRetention(2, 0).expired(builds, NOW)).containsExactly(1);
    }

    @Test
    void reportsOfBuildsThatFinishedMoreThanDDaysAgoGo() {
        List<Build> builds = List.of(finished(1, 30.01), finished(2, 29.99), finished(3, 2));

        assertThat(new ReportRetention(0, 30).expired(builds, NOW)).containsExactly(1);
        assertThat(new ReportRetention(0, 1).expired(builds, NOW)).containsExactly(1, 2, 3);
    }

    @Test
    void eitherLimitDeletes() {
        // Build 5 is among the newest three but too old; build 2 is recent enough but beyond the count.
        List<Build> builds = List.of(finished(2, 1), finished(5, 40), finished(6, 0), finished(7, 0));

        assertThat(new ReportRetention(3, 10).expired(builds, NOW)).containsExactly(2, 5);
    }

    @Test
    void keepForeverTheLastSuccessfulBuildAndRunningBuildsAlwaysKeepTheirsButStillCount() {
        List<Build> builds = List.of(
                new Build(1, Optional.of(NOW.minus(Duration.ofDays(400))), true, false),
                new Build(2, Optional.of(NOW.minus(Duration.ofDays(300))), false, true),
                finished(3, 200),
                new Build(4, Optional.empty(), false, false),
                finished(5, 0),
                finished(6, 0));

        assertThat(new ReportRetention(2, 0).expired(builds, NOW)).containsExactly(3);
        assertThat(new ReportRetention(0, 30).expired(builds, NOW)).containsExactly(3);
        // The pinned build 4 is one of the newest three, so build 3 is the fourth newest.
        assertThat(new ReportRetention(3, 0).expired(builds, NOW)).containsExactly(3);
        assertThat(new ReportRetention(4, 0).expired(builds, NOW)).isEmpty();
    }

    @Test
    void aNegativeLimitIsBadInput() {
        assertThatThrownBy(() -> new ReportRetention(-1, 0))
                .isInstanceOfSatisfying(EngineException.class, e -> assertThat(e.kind()).isEqualTo(EngineException.Kind.BAD_INPUT))
                .hasMessageContaining("-1 builds");
        assertThatThrownBy(() -> new ReportRetention(0, -3)).hasMessageContaining("-3 days");
    }

    @Test
    void describesItselfForTheBuildLog() {
        assertThat(new ReportRetention(10, 30).describe()).isEqualTo("the newest 10 builds, at most 30 days");
        assertThat(new ReportRetention(1, 0).describe()).isEqualTo("the newest build");
        assertThat(new ReportRetention(0, 1).describe()).isEqualTo("at most 1 day");
    }
}
