package io.github.migrationdelivery.engine.config;

import io.github.migrationdelivery.engine.EngineException;
import io.github.migrationdelivery.engine.lint.FailLevel;
import io.github.migrationdelivery.engine.lint.Severity;
import io.github.migrationdelivery.engine.plan.Dialect;
import io.github.migrationdelivery.engine.plan.ServerVersion;
import io.github.migrationdelivery.engine.plan.SourcePosition;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads {@code .migration-delivery.yml}. Strict: an unknown key or a wrong value is an error
 * naming the key, because a misspelt setting that is silently ignored is how a gate gets weaker.
 *
 * <pre>
 * dialect: postgresql          # postgresql | mariadb | mysql
 * serverVersion: "15"          # the production server's version
 * failOn: error                # error | warning | never
 * rules:
 *   disabled: [prefer-text-field]
 *   enabled: [require-table-schema]      # opt-in rules
 *   severity: {prefer-bigint-over-int: error}
 * production:
 *   url: jdbc:postgresql://prod-db:5432/app   # never used as a dry-run snapshot
 * </pre>
 */
public final class ConfigLoader {

    public static final String FILE_NAME = ".migration-delivery.yml";

    private static final Set<String> TOP_KEYS = Set.of("dialect", "serverVersion", "failOn", "rules", "production");
    private static final Set<String> RULE_KEYS = Set.of("disabled", "enabled", "severity");
    private static final Set<String> PRODUCTION_KEYS = Set.of("url");

    private ConfigLoader() {
    }

    /** The file given, or {@code .migration-delivery.yml} in {@code directory} when present, or defaults. */
    public static ProjectConfig load(Optional<Path> explicit, Path directory) {
        if (explicit.isPresent()) {
            return read(explicit.get());
        }
        Path implicit = directory.resolve(FILE_NAME);
        return Files.isRegularFile(implicit) ? read(implicit) : ProjectConfig.empty();
    }

    public static ProjectConfig read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw EngineException.badInput(SourcePosition.of(file), "configuration file not found");
        } catch (IOException e) {
            throw EngineException.badInput(SourcePosition.of(file), "cannot read configuration file: " + e.getMessage());
        }
        Object root;
        try {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark();
            SourcePosition at = mark == null ? SourcePosition.of(file)
                    : new SourcePosition(file, mark.getLine() + 1, mark.getColumn() + 1);
            throw EngineException.badInput(at, "malformed YAML: " + e.getProblem());
        } catch (YAMLException e) {
            throw EngineException.badInput(SourcePosition.of(file), "malformed YAML: " + e.getMessage());
        }
        if (root == null) {
            return new ProjectConfig(Optional.of(file), Optional.empty(), Optional.empty(), Optional.empty(),
                    Set.of(), Set.of(), Map.of(), Optional.empty());
        }
        Map<String, Object> top = map(root, file, "the top level");
        checkKeys(top, TOP_KEYS, file, "");
        Optional<Dialect> dialect = string(top, "dialect", file).map(v -> Dialect.parse(v, at(file, "dialect")));
        Optional<ServerVersion> version = string(top, "serverVersion", file).map(v -> parseVersion(v, file));
        Optional<FailLevel> failOn = string(top, "failOn", file).map(v -> FailLevel.parse(v, at(file, "failOn")));
        Set<String> disabled = new HashSet<>();
        Set<String> enabled = new HashSet<>();
        Map<String, Severity> severities = new HashMap<>();
        if (top.get("rules") != null) {
            Map<String, Object> rules = map(top.get("rules"), file, "rules");
            checkKeys(rules, RULE_KEYS, file, "rules.");
            disabled.addAll(stringList(rules.get("disabled"), file, "rules.disabled"));
            enabled.addAll(stringList(rules.get("enabled"), file, "rules.enabled"));
            if (rules.get("severity") != null) {
                for (Map.Entry<String, Object> e : map(rules.get("severity"), file, "rules.severity").entrySet()) {
                    severities.put(e.getKey(), Severity.parse(String.valueOf(e.getValue()), at(file, "rules.severity." + e.getKey())));
                }
            }
        }
        Optional<String> productionUrl = Optional.empty();
        if (top.get("production") != null) {
            Map<String, Object> production = map(top.get("production"), file, "production");
            checkKeys(production, PRODUCTION_KEYS, file, "production.");
            productionUrl = string(production, "url", file);
        }
        return new ProjectConfig(Optional.of(file), dialect, version, failOn, disabled, enabled, severities, productionUrl);
    }

    private static ServerVersion parseVersion(String v, Path file) {
        try {
            return ServerVersion.parse(v);
        } catch (EngineException e) {
            throw EngineException.badInput(SourcePosition.of(file), "serverVersion: " + e.getMessage());
        }
    }

    private static String at(Path file, String key) {
        return file + ": " + key;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value, Path file, String where) {
        if (!(value instanceof Map)) {
            throw EngineException.badInput(SourcePosition.of(file), where + " must be a mapping of keys to values");
        }
        return (Map<String, Object>) value;
    }

    private static void checkKeys(Map<String, Object> map, Set<String> allowed, Path file, String prefix) {
        for (String key : map.keySet()) {
            if (!allowed.contains(key)) {
                List<String> known = new ArrayList<>(allowed);
                known.sort(null);
                throw EngineException.badInput(SourcePosition.of(file),
                        "unknown setting '" + prefix + key + "' (known: " + String.join(", ", known) + ")");
            }
        }
    }

    private static Optional<String> string(Map<String, Object> map, String key, Path file) {
        Object v = map.get(key);
        if (v == null) {
            return Optional.empty();
        }
        if (v instanceof Map || v instanceof List) {
            throw EngineException.badInput(SourcePosition.of(file), key + " must be a single value");
        }
        return Optional.of(String.valueOf(v));
    }

    private static List<String> stringList(Object value, Path file, String key) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw EngineException.badInput(SourcePosition.of(file), key + " must be a list, e.g. [rule-a, rule-b]");
        }
        List<String> out = new ArrayList<>();
        for (Object o : list) {
            out.add(String.valueOf(o));
        }
        return out;
    }
}
