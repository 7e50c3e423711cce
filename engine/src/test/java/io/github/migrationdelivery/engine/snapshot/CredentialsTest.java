package io.github.migrationdelivery.engine.snapshot;

import io.github.migrationdelivery.engine.EngineException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CredentialsTest {

    @Test
    void userInfoMovesOutOfTheUrlDecoded() {
        ConnectionSpec spec = Credentials.resolve("jdbc:postgresql://app:p%40ss:w@db.example:5433/shop?sslmode=require",
                SnapshotOptions.of(Map.of("PGPASSWORD", "env")));
        assertThat(spec.user()).isEqualTo("app");
        assertThat(spec.password().reveal()).isEqualTo("p@ss:w");
        assertThat(spec.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example:5433/shop?sslmode=require");
        assertThat(spec.redacted()).doesNotContain("p@ss");
    }

    @Test
    void passwordParameterIsTakenAndStripped() {
        ConnectionSpec spec = Credentials.resolve("jdbc:mariadb://h/db?user=u&password=pw&useSsl=true", SnapshotOptions.of(Map.of()));
        assertThat(spec.user()).isEqualTo("u");
        assertThat(spec.password().reveal()).isEqualTo("pw");
        assertThat(spec.jdbcUrl()).isEqualTo("jdbc:mariadb://h/db?useSsl=true");
    }

    @Test
    void environmentThenFile(@TempDir Path dir) throws Exception {
        Map<String, String> env = Map.of("PGPASSWORD", "pg", "MD_DB_PASSWORD", "md", "PGUSER", "pguser");
        assertThat(Credentials.resolve("jdbc:postgresql://h/db", SnapshotOptions.of(env)).password().reveal()).isEqualTo("pg");
        assertThat(Credentials.resolve("jdbc:postgresql://h/db", SnapshotOptions.of(env)).user()).isEqualTo("pguser");
        assertThat(Credentials.resolve("jdbc:mariadb://h/db", SnapshotOptions.of(env)).password().reveal())
                .as("PGPASSWORD is PostgreSQL's only").isEqualTo("md");
        assertThat(Credentials.resolve("jdbc:mariadb://h/db", SnapshotOptions.of(env)).user()).isEqualTo("root");
        Path file = Files.writeString(dir.resolve("pw"), "from-file\r\nignored\n");
        assertThat(Credentials.resolve("jdbc:postgresql://h/db", SnapshotOptions.of(Map.of()).withPasswordFile(file))
                .password().reveal()).isEqualTo("from-file");
        assertThat(Credentials.resolve("jdbc:postgresql://h/db", SnapshotOptions.of(Map.of())).password().isEmpty()).isTrue();
    }

    @Test
    void unreadablePasswordFileIsBadInputNamingIt(@TempDir Path dir) {
        Path missing = dir.resolve("nope");
        assertThatThrownBy(() -> Credentials.resolve("jdbc:postgresql://h/db", SnapshotOptions.of(Map.of()).withPasswordFile(missing)))
                .isInstanceOfSatisfying(EngineException.class, e -> {
                    assertThat(e.kind()).isEqualTo(EngineException.Kind.BAD_INPUT);
                    assertThat(e.oneLine()).contains("--password-file", missing.toString());
                });
    }

    @Test
    void scaleMustBePositive() {
        assertThatThrownBy(() -> SnapshotOptions.of(Map.of()).withScale(0))
                .isInstanceOfSatisfying(EngineException.class, e -> assertThat(e.oneLine()).contains("--scale"));
    }
}
