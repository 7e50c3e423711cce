package io.github.migrationdelivery.pipeline;

import io.github.migrationdelivery.engine.config.ConfigLoader;
import io.github.migrationdelivery.engine.config.ProjectConfig;
import io.github.migrationdelivery.engine.plan.Dialect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The policy the library writes when a repository has none must be one the engine's strict loader accepts. */
class DefaultPolicyTest {

    @Test
    void theDefaultPolicyFilledInForATargetIsAValidConfiguration(@TempDir Path dir) throws Exception {
        ProjectConfig config = load(dir, "mariadb");

        assertEquals(Optional.of(dir.resolve(ConfigLoader.FILE_NAME)), config.source());
        assertEquals(Optional.of(Dialect.MARIADB), config.dialect());
        assertEquals(Optional.of("jdbc:mariadb://prod-db:3306/orders"), config.productionUrl());
        assertEquals(Optional.empty(), config.serverVersion());
    }

    @Test
    void aServerVersionOptionFilledInAfterTheDialectIsReadAsTheServersVersion(@TempDir Path dir) throws Exception {
        ProjectConfig config = load(dir, "mariadb\nserverVersion: \"10.11\"");

        assertEquals(Optional.of(Dialect.MARIADB), config.dialect());
        assertEquals(Optional.of("10.11"), config.serverVersion().map(Object::toString));
    }

    /** What PipelineSettings.defaultPolicy does with the resource, written as the repository's policy and loaded. */
    private static ProjectConfig load(Path dir, String dialectValue) throws Exception {
        Path resource = Path.of(System.getProperty("library.root", ".."),
                "resources/io/github/migrationdelivery/default-policy.yml");
        String text = Files.readString(resource, StandardCharsets.UTF_8)
                .replace("@TARGET@", "jdbc:mariadb://prod-db:3306/orders").replace("@DIALECT@", dialectValue);
        Files.writeString(dir.resolve(ConfigLoader.FILE_NAME), text);
        return ConfigLoader.load(Optional.empty(), dir);
    }
}
