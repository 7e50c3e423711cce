package io.github.migrationdelivery.engine.config;

import io.github.migrationdelivery.engine.EngineException;
import io.github.migrationdelivery.engine.approval.ApprovalPolicy;
import io.github.migrationdelivery.engine.budget.LockBudget;
import io.github.migrationdelivery.engine.lint.ChangeClass;
import io.github.migrationdelivery.engine.lint.FailLevel;
import io.github.migrationdelivery.engine.lint.NamingConvention;
import io.github.migrationdelivery.engine.lint.Severity;
import io.github.migrationdelivery.engine.lint.TableRows;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

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
 * budget:                      # the lock budget assert-lock-budget and check hold a dry-run to
 *   maxWriteBlockingMs: 200    # default 200
 *   maxReadBlockingMs: 100
 *   maxBlockedMs: 500
 *   maxStatementMs: 60000
 *   maxTotalMs: 600000
 *   tables:
 *     orders: {maxWriteBlockingMs: 50}
 * dryRun:
 *   lockTimeout: 2s            # ms, s, min or h; a bare number is ms
 *   statementTimeout: 5min
 *   probeIntervalMs: 10
 * migrate:
 *   lockTimeout: 2s            # per statement; a lock timeout retries the changeset
 *   statementTimeout: 15min
 *   retries: 5
 * approval:                    # who may approve what (docs/approval.md)
 *   approvers: [alice, group:dba]
 *   groups: {dba: [bob, carol]}
 *   required: {additive: 0, backfill: 1, destructive: 2}   # the defaults
 *   botPatterns: ["ci-*"]      # added to *[bot], *-bot, svc-*, jenkins
 *   auditLog: .migration-delivery/approvals.jsonl
 * backup:                      # client programs for backup, when PATH has the wrong version
 *   pgDump: /usr/lib/postgresql/16/bin/pg_dump
 *   pgRestore: /usr/lib/postgresql/16/bin/pg_restore
 * lint:                        # what lint cannot see offline
 *   tableRows:                 # production row counts, as a DBA pastes them
 *     orders: 12000000
 *     billing.invoices: 800000
 *   largeTableRows: 1000000    # from this size DDL goes through gh-ost/pt-osc (MySQL/MariaDB); the default
 *   naming:                    # turns on the naming-convention rule; each kind defaults to snake_case, "" = not checked
 *     index: "(idx|uq)_[a-z0-9_]+"
 * </pre>
 */
public final class ConfigLoader {

    public static final String FILE_NAME = ".migration-delivery.yml";

    private static final Set<String> TOP_KEYS = Set.of("dialect", "serverVersion", "failOn", "rules", "production",
            "budget", "dryRun", "migrate", "approval", "backup", "lint");
    private static final Set<String> LIMIT_KEYS = Set.of("maxWriteBlockingMs", "maxReadBlockingMs", "maxBlockedMs",
            "maxStatementMs", "maxTotalMs");
    private static final Set<String> BUDGET_KEYS = union(LIMIT_KEYS, Set.of("tables"));
    private static final Set<String> DRY_RUN_KEYS = Set.of("lockTimeout", "statementTimeout", "probeIntervalMs");
    private static final Set<String> MIGRATE_KEYS = Set.of("lockTimeout", "statementTimeout", "retries");
    private static final Set<String> RULE_KEYS = Set.of("disabled", "enabled", "severity");
    private static final Set<String> PRODUCTION_KEYS = Set.of("url");
    private static final Set<String> APPROVAL_KEYS = Set.of("approvers", "groups", "required", "botPatterns", "auditLog");
    private static final Set<String> BACKUP_KEYS = Set.of("pgDump", "pgRestore");
    private static final Set<String> LINT_KEYS = Set.of("tableRows", "largeTableRows", "naming");

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
        Object root = yaml(text, file);
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
        LockBudget budget = LockBudget.none();
        if (top.get("budget") != null) {
            Map<String, Object> section = map(top.get("budget"), file, "budget");
            checkKeys(section, BUDGET_KEYS, file, "budget.");
            budget = limits(section, file, "budget.");
            if (section.get("tables") != null) {
                for (Map.Entry<String, Object> e : map(section.get("tables"), file, "budget.tables").entrySet()) {
                    String prefix = "budget.tables." + e.getKey() + ".";
                    Map<String, Object> table = map(e.getValue(), file, "budget.tables." + e.getKey());
                    checkKeys(table, LIMIT_KEYS, file, prefix);
                    budget = budget.withTable(e.getKey(), limits(table, file, prefix));
                }
            }
        }
        DryRunConfig dryRun = DryRunConfig.empty();
        if (top.get("dryRun") != null) {
            Map<String, Object> section = map(top.get("dryRun"), file, "dryRun");
            checkKeys(section, DRY_RUN_KEYS, file, "dryRun.");
            OptionalLong probe = millis(section, "probeIntervalMs", file, "dryRun.");
            if (probe.isPresent() && (probe.getAsLong() < 1 || probe.getAsLong() > 10_000)) {
                throw EngineException.badInput(SourcePosition.of(file), "dryRun.probeIntervalMs must be between 1 and 10000");
            }
            dryRun = new DryRunConfig(duration(section, "lockTimeout", file, "dryRun."),
                    duration(section, "statementTimeout", file, "dryRun."),
                    probe.isPresent() ? OptionalInt.of((int) probe.getAsLong()) : OptionalInt.empty());
        }
        MigrateConfig migrate = MigrateConfig.empty();
        if (top.get("migrate") != null) {
            Map<String, Object> section = map(top.get("migrate"), file, "migrate");
            checkKeys(section, MIGRATE_KEYS, file, "migrate.");
            OptionalLong retries = wholeNumber(section, "retries", file, "migrate.", "a whole number of retries");
            migrate = new MigrateConfig(duration(section, "lockTimeout", file, "migrate."),
                    duration(section, "statementTimeout", file, "migrate."),
                    retries.isPresent() ? OptionalInt.of((int) Math.min(Integer.MAX_VALUE, retries.getAsLong())) : OptionalInt.empty());
        }
        ApprovalPolicy approval = top.get("approval") == null ? ApprovalPolicy.defaults() : approval(top.get("approval"), file);
        BackupConfig backup = BackupConfig.empty();
        if (top.get("backup") != null) {
            Map<String, Object> section = map(top.get("backup"), file, "backup");
            checkKeys(section, BACKUP_KEYS, file, "backup.");
            // A relative program path is relative to the configuration file, like the file's other paths would be.
            Path base = file.toAbsolutePath().getParent();
            backup = new BackupConfig(string(section, "pgDump", file).map(base::resolve),
                    string(section, "pgRestore", file).map(base::resolve));
        }
        TableRows tableRows = top.get("lint") == null ? TableRows.none() : tableRows(top.get("lint"), file);
        NamingConvention naming = top.get("lint") == null ? NamingConvention.defaults() : naming(top.get("lint"), file);
        return new ProjectConfig(Optional.of(file), dialect, version, failOn, disabled, enabled, severities, productionUrl,
                budget, dryRun, migrate, approval, backup, tableRows, naming);
    }

    private static TableRows tableRows(Object value, Path file) {
        Map<String, Object> section = map(value, file, "lint");
        checkKeys(section, LINT_KEYS, file, "lint.");
        Map<String, Long> rows = new HashMap<>();
        if (section.get("tableRows") != null) {
            Map<String, Object> tables = map(section.get("tableRows"), file, "lint.tableRows");
            for (String table : tables.keySet()) {
                rows.put(table, wholeNumber(tables, table, file, "lint.tableRows.", "a whole number of rows")
                        .orElseThrow(() -> EngineException.badInput(SourcePosition.of(file),
                                "lint.tableRows." + table + " must be a whole number of rows, 0 or more (was empty)")));
            }
        }
        OptionalLong large = wholeNumber(section, "largeTableRows", file, "lint.", "a whole number of rows");
        return new TableRows(rows, large.orElse(TableRows.DEFAULT_LARGE_TABLE_ROWS));
    }

    /** The {@code lint.naming} section: a regular expression per kind of object over the snake_case defaults. */
    private static NamingConvention naming(Object lint, Path file) {
        Object value = map(lint, file, "lint").get("naming");
        if (value == null) {
            return NamingConvention.defaults();
        }
        Map<String, Object> section = map(value, file, "lint.naming");
        Map<String, NamingConvention.Kind> kinds = new HashMap<>();
        for (NamingConvention.Kind k : NamingConvention.Kind.values()) {
            kinds.put(k.setting(), k);
        }
        checkKeys(section, kinds.keySet(), file, "lint.naming.");
        Map<NamingConvention.Kind, String> overrides = new EnumMap<>(NamingConvention.Kind.class);
        for (String key : section.keySet()) {
            String setting = "lint.naming." + key;
            String regex = string(section, key, file).orElse("");
            try {
                Pattern.compile(regex);
            } catch (PatternSyntaxException e) {
                throw EngineException.badInput(SourcePosition.of(file), setting + " is not a valid regular expression: "
                        + e.getDescription() + (e.getIndex() >= 0 ? " at index " + e.getIndex() : "") + " in '" + regex + "'");
            }
            overrides.put(kinds.get(key), regex);
        }
        return NamingConvention.configured(overrides);
    }

    /**
     * An approval policy given as the body of an {@code approval:} section (the Jenkins global
     * configuration keeps it as text); {@code origin} names it in errors. Empty text: the defaults.
     */
    public static ApprovalPolicy approvalPolicy(String text, String origin) {
        Path where = Path.of(origin);
        Object root = yaml(text, where);
        return root == null ? ApprovalPolicy.defaults() : approval(root, where);
    }

    private static Object yaml(String text, Path file) {
        try {
            return new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark();
            SourcePosition at = mark == null ? SourcePosition.of(file)
                    : new SourcePosition(file, mark.getLine() + 1, mark.getColumn() + 1);
            throw EngineException.badInput(at, "malformed YAML: " + e.getProblem());
        } catch (YAMLException e) {
            throw EngineException.badInput(SourcePosition.of(file), "malformed YAML: " + e.getMessage());
        }
    }

    private static ApprovalPolicy approval(Object value, Path file) {
        Map<String, Object> section = map(value, file, "approval");
        checkKeys(section, APPROVAL_KEYS, file, "approval.");
        List<String> approvers = stringList(section.get("approvers"), file, "approval.approvers");
        Map<String, Set<String>> groups = new HashMap<>();
        if (section.get("groups") != null) {
            for (Map.Entry<String, Object> e : map(section.get("groups"), file, "approval.groups").entrySet()) {
                groups.put(e.getKey(), Set.copyOf(stringList(e.getValue(), file, "approval.groups." + e.getKey())));
            }
        }
        for (String a : approvers) {
            if (a.isBlank() || a.equals(ApprovalPolicy.GROUP_PREFIX)) {
                throw EngineException.badInput(SourcePosition.of(file), "approval.approvers: empty entry '" + a + "'");
            }
        }
        Map<ChangeClass, Integer> required = new EnumMap<>(ChangeClass.class);
        if (section.get("required") != null) {
            Map<String, Object> counts = map(section.get("required"), file, "approval.required");
            Set<String> classes = new HashSet<>();
            for (ChangeClass c : ChangeClass.values()) {
                classes.add(c.id());
            }
            checkKeys(counts, classes, file, "approval.required.");
            for (ChangeClass c : ChangeClass.values()) {
                OptionalLong n = wholeNumber(counts, c.id(), file, "approval.required.", "a whole number of approvals");
                n.ifPresent(v -> required.put(c, (int) Math.min(v, Integer.MAX_VALUE)));
            }
        }
        List<String> bots = stringList(section.get("botPatterns"), file, "approval.botPatterns");
        Optional<String> auditLog = string(section, "auditLog", file);
        return new ApprovalPolicy(approvers, groups, required, bots, auditLog.map(Path::of).orElse(null));
    }

    private static LockBudget limits(Map<String, Object> section, Path file, String prefix) {
        LockBudget b = LockBudget.none();
        OptionalLong v;
        if ((v = millis(section, "maxWriteBlockingMs", file, prefix)).isPresent()) {
            b = b.withMaxWriteBlockingMs(v.getAsLong());
        }
        if ((v = millis(section, "maxReadBlockingMs", file, prefix)).isPresent()) {
            b = b.withMaxReadBlockingMs(v.getAsLong());
        }
        if ((v = millis(section, "maxBlockedMs", file, prefix)).isPresent()) {
            b = b.withMaxBlockedMs(v.getAsLong());
        }
        if ((v = millis(section, "maxStatementMs", file, prefix)).isPresent()) {
            b = b.withMaxStatementMs(v.getAsLong());
        }
        if ((v = millis(section, "maxTotalMs", file, prefix)).isPresent()) {
            b = b.withMaxTotalMs(v.getAsLong());
        }
        return b;
    }

    /** A whole number of milliseconds, 0 or more. */
    private static OptionalLong millis(Map<String, Object> map, String key, Path file, String prefix) {
        return wholeNumber(map, key, file, prefix, "a whole number of milliseconds");
    }

    /** A whole number, 0 or more; {@code what} names it in the error. */
    private static OptionalLong wholeNumber(Map<String, Object> map, String key, Path file, String prefix, String what) {
        Object v = map.get(key);
        if (v == null) {
            return OptionalLong.empty();
        }
        if (v instanceof Integer || v instanceof Long) {
            long ms = ((Number) v).longValue();
            if (ms >= 0) {
                return OptionalLong.of(ms);
            }
        }
        throw EngineException.badInput(SourcePosition.of(file),
                prefix + key + " must be " + what + ", 0 or more (was '" + v + "')");
    }

    private static Optional<Duration> duration(Map<String, Object> map, String key, Path file, String prefix) {
        Optional<String> text = string(map, key, file);
        try {
            return text.map(t -> duration(t, prefix + key));
        } catch (EngineException e) {
            throw EngineException.badInput(SourcePosition.of(file), e.getMessage());
        }
    }

    /**
     * A duration as people write it ({@link DurationText}), or BAD_INPUT naming {@code setting}:
     * the same words in the file and on the command line.
     */
    public static Duration duration(String text, String setting) {
        return DurationText.parse(text).orElseThrow(() -> EngineException.badInput(
                setting + ": '" + text + "' is not a duration (" + DurationText.EXAMPLES + ")"));
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new HashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
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
            throw EngineException.badInput(SourcePosition.of(file), key + " must be a list, e.g. [a, b]");
        }
        List<String> out = new ArrayList<>();
        for (Object o : list) {
            out.add(String.valueOf(o));
        }
        return out;
    }
}
