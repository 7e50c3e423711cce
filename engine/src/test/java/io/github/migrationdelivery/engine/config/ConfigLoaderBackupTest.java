package io.github.migrationdelivery.engine.config;

import io.github.migrationdelivery.engine.EngineException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigLoaderBackupTest {

    @TempDir
    Path dir;

    @Test
    void readsTheClientProgramsRelativeToTheFile() throws IOException {
        Path file = dir.resolve(ConfigLoader.FILE_NAME);
        Files.writeString(file, "backup:\n  pgDump: /opt/pg16/bin/pg_dump\n  pgRestore: tools/pg_restore\n");
        BackupConfig backup = ConfigLoader.read(file).backup();
        assertThat(backup.pgDump()).contains(Path.of("/opt/pg16/bin/pg_dump"));
        assertThat(backup.pgRestore()).contains(dir.toAbsolutePath().resolve("tools/pg_restore"));
    }

    @Test
    void anUnknownBackupKeyIsNamed() throws IOException {
        Path file = dir.resolve(ConfigLoader.FILE_NAME);
        Files.writeString(file, "backup:\n  pgdump: /usr/bin/pg_dump\n");
        assertThatThrownBy(() -> ConfigLoader.read(file)).isInstanceOf(EngineException.class)
                .hasMessageContaining("unknown setting 'backup.pgdump' (known: pgDump, pgRestore)");
    }
}
