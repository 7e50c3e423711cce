package io.jenkins.plugins.migrationdelivery;

import io.github.migrationdelivery.engine.config.ConfigLoader;
import io.github.migrationdelivery.engine.config.ProjectConfig;

import java.nio.file.Path;
import java.util.Optional;

/** Step arguments as the agent-side work reads them. */
final class Arguments {

    private Arguments() {
    }

    /** The {@code config} argument's file, else {@code .migration-delivery.yml} in the workspace when present. */
    static ProjectConfig project(Path workspace, String config) {
        return ConfigLoader.load(config.isEmpty() ? Optional.empty() : Optional.of(workspace.resolve(config)), workspace);
    }

    /** Null-safe trimming: an omitted option arrives as null from some callers. */
    static String trim(String value) {
        return value == null ? "" : value.trim();
    }
}
