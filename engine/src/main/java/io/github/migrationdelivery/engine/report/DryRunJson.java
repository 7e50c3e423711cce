package io.github.migrationdelivery.engine.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.migrationdelivery.engine.EngineException;
import io.github.migrationdelivery.engine.budget.Breach;
import io.github.migrationdelivery.engine.budget.LockBudget;
import io.github.migrationdelivery.engine.dryrun.ChangesetRun;
import io.github.migrationdelivery.engine.dryrun.DryRunReport;
import io.github.migrationdelivery.engine.dryrun.LockHeld;
import io.github.migrationdelivery.engine.dryrun.Outcome;
import io.github.migrationdelivery.engine.dryrun.RollbackRehearsal;
import io.github.migrationdelivery.engine.dryrun.StatementRun;
import io.github.migrationdelivery.engine.lint.Finding;
import io.github.migrationdelivery.engine.lint.LintResult;
import io.github.migrationdelivery.engine.lint.Severity;
import io.github.migrationdelivery.engine.lock.LockImpact;
import io.github.migrationdelivery.engine.plan.Dialect;
import io.github.migrationdelivery.engine.plan.SourcePosition;
import io.github.migrationdelivery.engine.schema.SchemaDifference;
import io.github.migrationdelivery.engine.snapshot.JdbcUrls;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * The dry-run report as JSON, schema version 1 ({@code docs/schemas/dry-run-report-v1.schema.json},
 * explained in {@code docs/dry-run-report.md}). Written with the streaming generator so the field
 * order is fixed; read back strictly, so {@code assert-lock-budget} judges exactly what was measured.
 */
public final class DryRunJson {

    /**
     * A report file's content.
     *
     * @param toolVersion the version of the tool that wrote it
     * @param budget      the budget verdict, when the run was held to one
     * @param lint        the lint verdict on the same plan, when it was linted
     */
    public record Document(DryRunReport report, String toolVersion, Optional<BudgetVerdict> budget,
                           Optional<LintSummary> lint) {
        public Document {
            budget = budget == null ? Optional.empty() : budget;
            lint = lint == null ? Optional.empty() : lint;
        }
    }

    /** The budget a run was held to and what broke it. */
    public record BudgetVerdict(LockBudget limits, List<Breach> breaches) {
        public BudgetVerdict {
            breaches = List.copyOf(breaches);
        }

        public boolean passed() {
            return breaches.isEmpty();
        }
    }

    /** The lint verdict in short, with the findings a budget breach may point to. */
    public record LintSummary(long errors, long warnings, long infos, boolean failed, List<Finding> findings) {
        public LintSummary {
            findings = List.copyOf(findings);
        }

        public static LintSummary of(LintResult result) {
            return new LintSummary(result.count(Severity.ERROR), result.count(Severity.WARNING),
                    result.count(Severity.INFO), result.failed(), result.findings());
        }
    }

    private DryRunJson() {
    }

    // ---------------------------------------------------------------- writing

    public static void write(Document doc, Appendable out) throws IOException {
        DryRunReport r = doc.report();
        JsonOutput.write(out, json -> {
            json.writeStartObject();
            json.writeStringField("schemaVersion", DryRunReport.SCHEMA_VERSION);
            json.writeObjectFieldStart("tool");
            json.writeStringField("name", ToolInfo.NAME);
            json.writeStringField("version", doc.toolVersion());
            json.writeEndObject();
            json.writeStringField("dialect", r.dialect().id());
            json.writeStringField("serverVersion", r.serverVersion());
            json.writeStringField("snapshot", JdbcUrls.withoutSecrets(r.snapshot()));
            json.writeNumberField("probeIntervalMs", r.probeIntervalMs());
            json.writeStringField("outcome", r.outcome().id());
            json.writeStringField("failure", JdbcUrls.withoutSecrets(r.failure()));
            writeTotals(json, r.totalMs(), Totals.of(r));
            json.writeArrayFieldStart("changesets");
            for (ChangesetRun c : r.changesets()) {
                writeChangeset(json, c);
            }
            json.writeEndArray();
            writeRollback(json, r.rollback() == null ? RollbackRehearsal.skipped("not rehearsed") : r.rollback());
            if (doc.budget().isPresent()) {
                writeBudget(json, doc.budget().get());
            }
            if (doc.lint().isPresent()) {
                writeLint(json, doc.lint().get());
            }
            json.writeEndObject();
        });
    }

    /** Writes next to {@code file} and moves it in place, so a failed run never leaves half a report. */
    public static void write(Document doc, Path file) {
        writeAtomically(file, w -> write(doc, w));
    }

    interface Body {
        void write(Writer w) throws IOException;
    }

    static void writeAtomically(Path file, Body body) {
        Path target = file.toAbsolutePath();
        try {
            Files.createDirectories(target.getParent());
            Path temp = Files.createTempFile(target.getParent(), ".report-", ".tmp");
            try {
                try (Writer w = new BufferedWriter(Files.newBufferedWriter(temp, StandardCharsets.UTF_8))) {
                    body.write(w);
                }
                try {
                    Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw EngineException.badInput(SourcePosition.of(file), "cannot write report: " + e.getMessage());
        }
    }

    /** Figures derived from the run, written for readers; not read back. */
    record Totals(int changesets, int statements, int applied, int failed, int skipped, int stoppedByBudget,
                  long maxWriteBlockingHeldMs, long maxReadBlockingHeldMs, long maxBlockedMs, List<String> rewrittenTables) {
        static Totals of(DryRunReport r) {
            List<StatementRun> all = r.statements();
            List<String> rewritten = all.stream().flatMap(s -> s.rewrittenTables().stream()).distinct().toList();
            return new Totals(r.changesets().size(), all.size(), count(all, Outcome.APPLIED), count(all, Outcome.FAILED),
                    count(all, Outcome.SKIPPED), count(all, Outcome.STOPPED_BY_BUDGET),
                    all.stream().mapToLong(StatementRun::writeBlockingHeldMs).max().orElse(0),
                    all.stream().mapToLong(StatementRun::readBlockingHeldMs).max().orElse(0),
                    all.stream().mapToLong(StatementRun::maxBlockedMs).max().orElse(0), rewritten);
        }

        private static int count(List<StatementRun> all, Outcome o) {
            return (int) all.stream().filter(s -> s.outcome() == o).count();
        }
    }

    private static void writeTotals(JsonGenerator json, long totalMs, Totals t) throws IOException {
        json.writeObjectFieldStart("totals");
        json.writeNumberField("totalMs", totalMs);
        json.writeNumberField("changesets", t.changesets());
        json.writeNumberField("statements", t.statements());
        json.writeNumberField("applied", t.applied());
        json.writeNumberField("failed", t.failed());
        json.writeNumberField("skipped", t.skipped());
        json.writeNumberField("stoppedByBudget", t.stoppedByBudget());
        json.writeNumberField("maxWriteBlockingHeldMs", t.maxWriteBlockingHeldMs());
        json.writeNumberField("maxReadBlockingHeldMs", t.maxReadBlockingHeldMs());
        json.writeNumberField("maxBlockedMs", t.maxBlockedMs());
        strings(json, "rewrittenTables", t.rewrittenTables());
        json.writeEndObject();
    }

    private static void writeChangeset(JsonGenerator json, ChangesetRun c) throws IOException {
        json.writeStartObject();
        json.writeStringField("id", c.id());
        json.writeStringField("name", c.name());
        position(json, c.position());
        json.writeBooleanField("transactional", c.transactional());
        json.writeStringField("outcome", c.outcome().id());
        json.writeNumberField("durationMs", c.durationMs());
        json.writeArrayFieldStart("statements");
        for (StatementRun s : c.statements()) {
            json.writeStartObject();
            json.writeNumberField("index", s.index());
            position(json, s.position());
            json.writeStringField("statement", s.statement());
            json.writeStringField("outcome", s.outcome().id());
            json.writeNumberField("startedAtMs", s.startedAtMs());
            json.writeNumberField("durationMs", s.durationMs());
            json.writeNumberField("rowsAffected", s.rowsAffected());
            json.writeArrayFieldStart("locks");
            for (LockHeld l : s.locks()) {
                json.writeStartObject();
                json.writeStringField("relation", l.relation());
                json.writeStringField("mode", l.mode());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeStringField("strongestLock", s.strongestLock());
            json.writeBooleanField("blocksReads", s.blocksReads());
            json.writeBooleanField("blocksWrites", s.blocksWrites());
            strings(json, "rewrittenTables", s.rewrittenTables());
            json.writeNumberField("writeBlockingHeldMs", s.writeBlockingHeldMs());
            json.writeNumberField("readBlockingHeldMs", s.readBlockingHeldMs());
            json.writeNumberField("maxReadBlockedMs", s.maxReadBlockedMs());
            json.writeNumberField("maxWriteBlockedMs", s.maxWriteBlockedMs());
            json.writeStringField("lockCapture", s.lockCapture());
            json.writeStringField("onlineDdl", s.onlineDdl());
            json.writeStringField("error", JdbcUrls.withoutSecrets(s.error()));
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    private static void writeRollback(JsonGenerator json, RollbackRehearsal r) throws IOException {
        json.writeObjectFieldStart("rollback");
        json.writeStringField("status", r.status().id());
        differences(json, "afterRollback", r.afterRollback());
        differences(json, "afterReapply", r.afterReapply());
        strings(json, "dataLoss", r.dataLoss());
        strings(json, "notes", r.notes());
        json.writeEndObject();
    }

    private static void writeBudget(JsonGenerator json, BudgetVerdict v) throws IOException {
        json.writeObjectFieldStart("budget");
        json.writeBooleanField("passed", v.passed());
        json.writeFieldName("limits");
        limits(json, v.limits(), true);
        json.writeArrayFieldStart("breaches");
        for (Breach b : v.breaches()) {
            json.writeStartObject();
            json.writeStringField("changeset", b.changeset());
            position(json, b.position());
            json.writeStringField("statement", b.statement());
            json.writeStringField("metric", b.metric());
            json.writeNumberField("measuredMs", b.measuredMs());
            json.writeNumberField("limitMs", b.limitMs());
            json.writeStringField("ruleId", b.ruleId());
            json.writeStringField("why", b.why());
            json.writeStringField("safeRewrite", b.safeRewrite());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    private static void limits(JsonGenerator json, LockBudget b, boolean withTables) throws IOException {
        json.writeStartObject();
        limit(json, "maxWriteBlockingMs", b.maxWriteBlockingMs());
        limit(json, "maxReadBlockingMs", b.maxReadBlockingMs());
        limit(json, "maxBlockedMs", b.maxBlockedMs());
        limit(json, "maxStatementMs", b.maxStatementMs());
        limit(json, "maxTotalMs", b.maxTotalMs());
        if (withTables) {
            json.writeObjectFieldStart("tables");
            for (Map.Entry<String, LockBudget> e : new TreeMap<>(b.perTable()).entrySet()) {
                json.writeFieldName(e.getKey());
                limits(json, e.getValue(), false);
            }
            json.writeEndObject();
        }
        json.writeEndObject();
    }

    private static void limit(JsonGenerator json, String field, OptionalLong value) throws IOException {
        if (value.isPresent()) {
            json.writeNumberField(field, value.getAsLong());
        } else {
            json.writeNullField(field);
        }
    }

    private static void writeLint(JsonGenerator json, LintSummary lint) throws IOException {
        json.writeObjectFieldStart("lint");
        json.writeNumberField("errors", lint.errors());
        json.writeNumberField("warnings", lint.warnings());
        json.writeNumberField("infos", lint.infos());
        json.writeBooleanField("failed", lint.failed());
        json.writeArrayFieldStart("findings");
        for (Finding f : lint.findings()) {
            json.writeStartObject();
            json.writeStringField("ruleId", f.ruleId());
            json.writeStringField("severity", f.severity().id());
            position(json, f.position());
            json.writeStringField("changeset", f.changeset());
            json.writeStringField("statement", f.statement());
            json.writeObjectFieldStart("lock");
            json.writeStringField("mode", f.lock().lockMode());
            JsonOutput.stringOrNull(json, "algorithm", f.lock().algorithm());
            json.writeBooleanField("blocksReads", f.lock().blocksReads());
            json.writeBooleanField("blocksWrites", f.lock().blocksWrites());
            json.writeBooleanField("blocksDdl", f.lock().blocksDdl());
            json.writeEndObject();
            json.writeBooleanField("rewritesTable", f.rewritesTable());
            json.writeStringField("message", f.message());
            json.writeStringField("safeRewrite", f.safeRewrite());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    private static void position(JsonGenerator json, SourcePosition p) throws IOException {
        json.writeStringField("file", ReportText.path(p));
        json.writeNumberField("line", p.line());
        json.writeNumberField("column", p.column());
    }

    private static void strings(JsonGenerator json, String field, List<String> values) throws IOException {
        json.writeArrayFieldStart(field);
        for (String v : values) {
            json.writeString(v);
        }
        json.writeEndArray();
    }

    private static void differences(JsonGenerator json, String field, List<SchemaDifference> diffs) throws IOException {
        json.writeArrayFieldStart(field);
        for (SchemaDifference d : diffs) {
            json.writeStartObject();
            json.writeStringField("object", d.object());
            json.writeStringField("before", d.before());
            json.writeStringField("after", d.after());
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    // ---------------------------------------------------------------- reading

    /** Reads a report; a missing, malformed or foreign file is BAD_INPUT naming it (and the line, where known). */
    public static Document read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw EngineException.badInput(SourcePosition.of(file), "dry-run report not found");
        } catch (IOException e) {
            throw EngineException.badInput(SourcePosition.of(file), "cannot read dry-run report: " + e.getMessage());
        }
        JsonNode root;
        try {
            root = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(text);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            SourcePosition where = at == null || at.getLineNr() <= 0 ? SourcePosition.of(file)
                    : new SourcePosition(file, at.getLineNr(), Math.max(at.getColumnNr(), 0));
            throw EngineException.badInput(where, "malformed dry-run report: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw EngineException.badInput(SourcePosition.of(file), "not a dry-run report (expected a JSON object)");
        }
        return new Reader(file).document(root);
    }

    /** Walks the tree, naming the JSON path of anything missing or of the wrong type. */
    private static final class Reader {
        private final Path file;

        Reader(Path file) {
            this.file = file;
        }

        Document document(JsonNode root) {
            JsonNode version = root.get("schemaVersion");
            if (version == null || !version.isTextual()) {
                throw bad("$", "not a dry-run report (no schemaVersion)");
            }
            if (!DryRunReport.SCHEMA_VERSION.equals(version.asText())) {
                throw bad("$.schemaVersion", "unsupported schema version '" + version.asText()
                        + "' (this tool reads " + DryRunReport.SCHEMA_VERSION + ")");
            }
            List<ChangesetRun> changesets = list(root, "$", "changesets", this::changeset);
            DryRunReport report = new DryRunReport(
                    Dialect.parse(text(root, "$", "dialect"), file + ": dialect"),
                    text(root, "$", "serverVersion"), text(root, "$", "snapshot"), number(node(root, "$", "totals"), "$.totals", "totalMs"),
                    (int) number(root, "$", "probeIntervalMs"), outcome(root, "$"), text(root, "$", "failure"),
                    changesets, rollback(node(root, "$", "rollback"), "$.rollback"));
            String tool = text(node(root, "$", "tool"), "$.tool", "version");
            Optional<BudgetVerdict> budget = root.hasNonNull("budget")
                    ? Optional.of(budget(root.get("budget"), "$.budget")) : Optional.empty();
            Optional<LintSummary> lint = root.hasNonNull("lint")
                    ? Optional.of(lint(root.get("lint"), "$.lint")) : Optional.empty();
            return new Document(report, tool, budget, lint);
        }

        private ChangesetRun changeset(JsonNode n, String path) {
            return new ChangesetRun(text(n, path, "id"), text(n, path, "name"), position(n, path),
                    bool(n, path, "transactional"), outcome(n, path), number(n, path, "durationMs"),
                    list(n, path, "statements", this::statement));
        }

        private StatementRun statement(JsonNode n, String path) {
            return new StatementRun((int) number(n, path, "index"), position(n, path), text(n, path, "statement"),
                    outcome(n, path), number(n, path, "startedAtMs"), number(n, path, "durationMs"),
                    number(n, path, "rowsAffected"),
                    list(n, path, "locks", (l, p) -> new LockHeld(text(l, p, "relation"), text(l, p, "mode"))),
                    text(n, path, "strongestLock"), bool(n, path, "blocksReads"), bool(n, path, "blocksWrites"),
                    list(n, path, "rewrittenTables", this::string),
                    number(n, path, "writeBlockingHeldMs"), number(n, path, "readBlockingHeldMs"),
                    number(n, path, "maxReadBlockedMs"), number(n, path, "maxWriteBlockedMs"),
                    text(n, path, "lockCapture"), text(n, path, "onlineDdl"), text(n, path, "error"));
        }

        private RollbackRehearsal rollback(JsonNode n, String path) {
            String status = text(n, path, "status");
            RollbackRehearsal.Status s;
            try {
                s = RollbackRehearsal.Status.valueOf(status.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw bad(path + ".status", "unknown rollback status '" + status + "'");
            }
            return new RollbackRehearsal(s, list(n, path, "afterRollback", this::difference),
                    list(n, path, "afterReapply", this::difference), list(n, path, "dataLoss", this::string),
                    list(n, path, "notes", this::string));
        }

        private SchemaDifference difference(JsonNode n, String path) {
            return new SchemaDifference(text(n, path, "object"), text(n, path, "before"), text(n, path, "after"));
        }

        private BudgetVerdict budget(JsonNode n, String path) {
            LockBudget limits = limits(node(n, path, "limits"), path + ".limits");
            List<Breach> breaches = list(n, path, "breaches", (b, p) -> new Breach(text(b, p, "changeset"),
                    position(b, p), text(b, p, "statement"), text(b, p, "metric"), number(b, p, "measuredMs"),
                    number(b, p, "limitMs"), text(b, p, "ruleId"), text(b, p, "safeRewrite"), text(b, p, "why")));
            return new BudgetVerdict(limits, breaches);
        }

        private LockBudget limits(JsonNode n, String path) {
            LockBudget b = new LockBudget(optional(n, path, "maxWriteBlockingMs"), optional(n, path, "maxReadBlockingMs"),
                    optional(n, path, "maxBlockedMs"), optional(n, path, "maxStatementMs"),
                    optional(n, path, "maxTotalMs"), Map.of());
            JsonNode tables = n.get("tables");
            if (tables != null && tables.isObject()) {
                for (Map.Entry<String, JsonNode> e : tables.properties()) {
                    b = b.withTable(e.getKey(), limits(e.getValue(), path + ".tables." + e.getKey()));
                }
            }
            return b;
        }

        private LintSummary lint(JsonNode n, String path) {
            return new LintSummary(number(n, path, "errors"), number(n, path, "warnings"), number(n, path, "infos"),
                    bool(n, path, "failed"), list(n, path, "findings", this::finding));
        }

        private Finding finding(JsonNode n, String path) {
            JsonNode lock = node(n, path, "lock");
            String lockPath = path + ".lock";
            JsonNode algorithm = lock.get("algorithm");
            LockImpact impact = new LockImpact(text(lock, lockPath, "mode"), bool(lock, lockPath, "blocksReads"),
                    bool(lock, lockPath, "blocksWrites"), bool(lock, lockPath, "blocksDdl"),
                    algorithm == null || algorithm.isNull() ? null : algorithm.asText());
            return new Finding(text(n, path, "ruleId"), Severity.parse(text(n, path, "severity"), file + ": " + path + ".severity"),
                    position(n, path), text(n, path, "changeset"), text(n, path, "statement"), impact,
                    bool(n, path, "rewritesTable"), text(n, path, "message"), text(n, path, "safeRewrite"));
        }

        private SourcePosition position(JsonNode n, String path) {
            return new SourcePosition(Path.of(text(n, path, "file")), (int) number(n, path, "line"),
                    (int) number(n, path, "column"));
        }

        private Outcome outcome(JsonNode n, String path) {
            String v = text(n, path, "outcome");
            for (Outcome o : Outcome.values()) {
                if (o.id().equals(v)) {
                    return o;
                }
            }
            throw bad(path + ".outcome", "unknown outcome '" + v + "'");
        }

        private String string(JsonNode n, String path) {
            if (!n.isTextual()) {
                throw bad(path, "expected a string");
            }
            return n.asText();
        }

        private <T> List<T> list(JsonNode parent, String path, String field, Item<T> item) {
            JsonNode n = node(parent, path, field);
            if (!n.isArray()) {
                throw bad(path + "." + field, "expected an array");
            }
            List<T> out = new ArrayList<>();
            for (int i = 0; i < n.size(); i++) {
                out.add(item.read(n.get(i), path + "." + field + "[" + i + "]"));
            }
            return out;
        }

        private JsonNode node(JsonNode parent, String path, String field) {
            JsonNode n = parent.get(field);
            if (n == null || n.isNull()) {
                throw bad(path, "missing '" + field + "'");
            }
            return n;
        }

        private String text(JsonNode parent, String path, String field) {
            JsonNode n = node(parent, path, field);
            if (!n.isTextual()) {
                throw bad(path + "." + field, "expected a string");
            }
            return n.asText();
        }

        private long number(JsonNode parent, String path, String field) {
            JsonNode n = node(parent, path, field);
            if (!n.isIntegralNumber()) {
                throw bad(path + "." + field, "expected a whole number");
            }
            return n.asLong();
        }

        private boolean bool(JsonNode parent, String path, String field) {
            JsonNode n = node(parent, path, field);
            if (!n.isBoolean()) {
                throw bad(path + "." + field, "expected true or false");
            }
            return n.asBoolean();
        }

        private OptionalLong optional(JsonNode parent, String path, String field) {
            JsonNode n = parent.get(field);
            if (n == null || n.isNull()) {
                return OptionalLong.empty();
            }
            if (!n.isIntegralNumber()) {
                throw bad(path + "." + field, "expected a whole number or null");
            }
            return OptionalLong.of(n.asLong());
        }

        private EngineException bad(String path, String problem) {
            return EngineException.badInput(SourcePosition.of(file), "dry-run report " + path + ": " + problem);
        }
    }

    private interface Item<T> {
        T read(JsonNode node, String path);
    }
}
