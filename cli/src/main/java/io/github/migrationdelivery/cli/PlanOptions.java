package io.github.migrationdelivery.cli;

import io.github.migrationdelivery.engine.EngineException;
import io.github.migrationdelivery.engine.config.ConfigLoader;
import io.github.migrationdelivery.engine.config.ProjectConfig;
import io.github.migrationdelivery.engine.plan.Dialect;
import io.github.migrationdelivery.engine.plan.Plan;
import io.github.migrationdelivery.engine.plan.ServerVersion;
import io.github.migrationdelivery.engine.source.PlanReader;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** What every command that reads migrations shares: the paths, the target and the configuration file. */
final class PlanOptions {

    // 0..* so that a command with subcommands (backup check) can hold these too; read() insists on one.
    @Parameters(arity = "0..*", paramLabel = "PATH",
            description = "A Liquibase changelog (XML, YAML, JSON, formatted SQL), a directory of SQL migrations, or a .sql file.")
    List<Path> paths;

    @Option(names = "--dialect", paramLabel = "NAME",
            description = "postgresql, mariadb or mysql (default: from the config file, else postgresql).")
    String dialect;

    @Option(names = "--server-version", paramLabel = "VERSION",
            description = "The production server's version, e.g. 15 or 10.11 (default: config file, else 15 / 10.11 / 8.0).")
    String serverVersion;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Configuration file (default: ./" + ConfigLoader.FILE_NAME + " when present).")
    Path config;

    @Option(names = "--contexts", split = ",", paramLabel = "CONTEXT", description = "Liquibase contexts to include.")
    Set<String> contexts = new HashSet<>();

    @Option(names = "--labels", split = ",", paramLabel = "LABEL", description = "Liquibase labels to include.")
    Set<String> labels = new HashSet<>();

    ProjectConfig project() {
        return ConfigLoader.load(Optional.ofNullable(config), Path.of(""));
    }

    /** The flag, else the config file, else PostgreSQL. */
    Dialect dialect(ProjectConfig project) {
        return dialect != null ? Dialect.parse(dialect, "--dialect") : project.dialect().orElse(Dialect.POSTGRESQL);
    }

    /** The flag, else the config file, else the dialect's default. */
    ServerVersion serverVersion(ProjectConfig project, Dialect d) {
        if (serverVersion == null) {
            return project.serverVersion().orElse(d.defaultVersion());
        }
        try {
            return ServerVersion.parse(serverVersion);
        } catch (EngineException e) {
            throw EngineException.badInput("--server-version: " + e.getMessage());
        }
    }

    /** The plan for the dialect and server version the flags and the configuration give. */
    Plan read(ProjectConfig project) {
        Dialect d = dialect(project);
        return read(d, serverVersion(project, d));
    }

    Plan read(Dialect d, ServerVersion version) {
        if (paths == null || paths.isEmpty()) {
            throw EngineException.badInput("no migrations given: name a changelog, a directory of SQL migrations or a .sql file");
        }
        return new PlanReader(d, version, contexts, labels).read(paths);
    }

    /** As {@link #read}, but two Flyway scripts with one version are both kept (drift reports the clash). */
    Plan readKeepingDuplicateVersions(Dialect d, ServerVersion version) {
        return new PlanReader(d, version, contexts, labels).keepingDuplicateVersions().read(paths);
    }
}
