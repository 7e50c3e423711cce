package io.github.migrationdelivery.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The top-level command: help, routing to one command, mistyped commands. */
class MainTest {

    @Test
    void topLevelHelpListsEveryCommand() {
        CliRuns.Run run = CliRuns.run("--help");
        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("lint", "dry-run", "assert-lock-budget", "check", "verify", "migrate",
                "assert-safe-down", "explain", "approval", "backup", "drift", "compat", "backfill");
    }

    @Test
    void aCommandNamedAfterTheInheritedDebugOptionStillRuns() {
        CliRuns.Run run = CliRuns.run("--debug", "lint", "--help");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("Usage: migration-delivery lint");
    }

    @Test
    void onlyTheNamedCommandIsBuilt() {
        assertThat(Main.commandsFor(new String[] {"--debug", "backup", "check", "--help"}))
                .containsExactly(BackupCommand.class);
        assertThat(Main.commandsFor(new String[] {"--help"})).hasSize(13);
    }

    @Test
    void aMistypedCommandIsBadUsageWithASuggestion() {
        CliRuns.Run run = CliRuns.run("lnt", "db");
        assertThat(run.exit()).isEqualTo(ExitCode.BAD_INPUT.code());
        assertThat(run.err()).contains("lnt").contains("lint");
    }
}
