package io.github.migrationdelivery.engine.config;

import io.github.migrationdelivery.engine.EngineException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigLoaderMigrateTest {

    @TempDir
    Path dir;

    @Test
    void readsTheMigrateSection() throws IOException {
        ProjectConfig config = ConfigLoader.read(write("migrate:\n  lockTimeout: 300ms\n  statementTimeout: 15min\n  retries: 7\n"));
        assertThat(config.migrate().lockTimeout()).hasValue(Duration.ofMillis(300));
        assertThat(config.migrate().statementTimeout()).hasValue(Duration.ofMinutes(15));
        assertThat(config.migrate().retries()).hasValue(7);
        assertThat(ConfigLoader.read(write("dialect: postgresql\n")).migrate()).isEqualTo(MigrateConfig.empty());
    }

    @Test
    void misspeltOrWrongMigrateSettingsNameTheKey() throws IOException {
        assertThatThrownBy(() -> ConfigLoader.read(write("migrate:\n  lockTimout: 2s\n")))
                .isInstanceOf(EngineException.class).hasMessageContaining("unknown setting 'migrate.lockTimout'")
                .hasMessageContaining("lockTimeout, retries, statementTimeout");
        assertThatThrownBy(() -> ConfigLoader.read(write("migrate:\n  statementTimeout: forever\n")))
                .isInstanceOf(EngineException.class).hasMessageContaining("migrate.statementTimeout: 'forever' is not a duration");
        assertThatThrownBy(() -> ConfigLoader.read(write("migrate:\n  retries: -1\n")))
                .isInstanceOf(EngineException.class).hasMessageContaining("migrate.retries must be a whole number of retries");
    }

    private Path write(String yaml) throws IOException {
        Path f = dir.resolve(".migration-delivery.yml");
        Files.writeString(f, yaml);
        return f;
    }
}
