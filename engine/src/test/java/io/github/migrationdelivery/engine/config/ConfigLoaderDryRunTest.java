package io.github.migrationdelivery.engine.config;

import io.github.migrationdelivery.engine.EngineException;
import io.github.migrationdelivery.engine.budget.LockBudget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigLoaderDryRunTest {

    @TempDir
    Path dir;

    @Test
    void readsTheBudgetAndDryRunSections() throws IOException {
        ProjectConfig config = ConfigLoader.read(write("""
                budget:
                  maxWriteBlockingMs: 150
                  maxReadBlockingMs: 100
                  maxBlockedMs: 500
                  maxStatementMs: 60000
                  maxTotalMs: 600000
                  tables:
                    public.orders: {maxWriteBlockingMs: 50}
                dryRun:
                  lockTimeout: 2s
                  statementTimeout: 5min
                  probeIntervalMs: 10
                """));

        LockBudget b = config.budget();
        assertThat(b.maxWriteBlockingMs()).hasValue(150);
        assertThat(b.maxReadBlockingMs()).hasValue(100);
        assertThat(b.maxBlockedMs()).hasValue(500);
        assertThat(b.maxStatementMs()).hasValue(60_000);
        assertThat(b.maxTotalMs()).hasValue(600_000);
        assertThat(b.perTable()).containsOnlyKeys("orders");
        assertThat(b.perTable().get("orders").maxWriteBlockingMs()).hasValue(50);
        assertThat(config.dryRun().lockTimeout()).hasValue(Duration.ofSeconds(2));
        assertThat(config.dryRun().statementTimeout()).hasValue(Duration.ofMinutes(5));
        assertThat(config.dryRun().probeIntervalMs()).hasValue(10);
    }

    @Test
    void withoutTheSectionsNothingIsSetAndTheDefaultsStayWithTheCaller() throws IOException {
        ProjectConfig config = ConfigLoader.read(write("dialect: postgresql\n"));
        assertThat(config.budget()).isEqualTo(LockBudget.none());
        assertThat(config.dryRun()).isEqualTo(DryRunConfig.empty());
        assertThat(ProjectConfig.empty().budget()).isEqualTo(LockBudget.none());
    }

    @Test
    void durationsTakeUnitsAndABareNumberIsMilliseconds() throws IOException {
        ProjectConfig config = ConfigLoader.read(write("dryRun:\n  lockTimeout: 750\n  statementTimeout: 1h\n"));
        assertThat(config.dryRun().lockTimeout()).hasValue(Duration.ofMillis(750));
        assertThat(config.dryRun().statementTimeout()).hasValue(Duration.ofHours(1));
    }

    @Test
    void unknownKeysAndBadValuesNameTheSetting() throws IOException {
        assertThatThrownBy(() -> ConfigLoader.read(write("budget:\n  maxExclusiveMs: 200\n")))
                .isInstanceOf(EngineException.class)
                .hasMessageContaining("unknown setting 'budget.maxExclusiveMs'")
                .hasMessageContaining("maxWriteBlockingMs");
        assertThatThrownBy(() -> ConfigLoader.read(write("budget:\n  tables:\n    orders: {maxWritBlockingMs: 1}\n")))
                .hasMessageContaining("unknown setting 'budget.tables.orders.maxWritBlockingMs'");
        assertThatThrownBy(() -> ConfigLoader.read(write("budget:\n  maxWriteBlockingMs: 2s\n")))
                .hasMessageContaining("budget.maxWriteBlockingMs must be a whole number of milliseconds");
        assertThatThrownBy(() -> ConfigLoader.read(write("budget:\n  maxTotalMs: -1\n")))
                .hasMessageContaining("budget.maxTotalMs");
        assertThatThrownBy(() -> ConfigLoader.read(write("dryRun:\n  lockTimeout: soon\n")))
                .hasMessageContaining("dryRun.lockTimeout: 'soon' is not a duration");
        assertThatThrownBy(() -> ConfigLoader.read(write("dryRun:\n  probeIntervalMs: 0\n")))
                .hasMessageContaining("dryRun.probeIntervalMs must be between 1 and 10000");
        assertThatThrownBy(() -> ConfigLoader.read(write("dryRun:\n  probes: false\n")))
                .hasMessageContaining("unknown setting 'dryRun.probes'");
    }

    private Path write(String yaml) throws IOException {
        Path file = dir.resolve(".migration-delivery.yml");
        Files.writeString(file, yaml);
        return file;
    }
}
