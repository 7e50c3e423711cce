package io.github.migrationdelivery.engine.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.migrationdelivery.engine.EngineException;
import io.github.migrationdelivery.engine.budget.BudgetCheck;
import io.github.migrationdelivery.engine.budget.LockBudget;
import io.github.migrationdelivery.engine.dryrun.DryRunReport;
import io.github.migrationdelivery.engine.dryrun.DryRunSamples;
import io.github.migrationdelivery.engine.report.DryRunJson.BudgetVerdict;
import io.github.migrationdelivery.engine.report.DryRunJson.Document;
import io.github.migrationdelivery.engine.report.DryRunJson.LintSummary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DryRunJsonTest {

    private static final Path SCHEMA = Path.of("..", "docs", "schemas", "dry-run-report-v1.schema.json");

    @TempDir
    Path dir;

    static Document full() {
        DryRunReport report = DryRunSamples.unsafe();
        LockBudget budget = LockBudget.defaults().withMaxTotalMs(2000)
                .withTable("orders", LockBudget.none().withMaxBlockedMs(100));
        return new Document(report, "1.2.3",
                Optional.of(new BudgetVerdict(budget, BudgetCheck.evaluate(report, budget, DryRunSamples.unsafeFindings()))),
                Optional.of(new LintSummary(2, 1, 0, true, DryRunSamples.unsafeFindings())));
    }

    @Test
    void writesEveryFieldAndReadsBackTheSameDocument() throws IOException {
        Document doc = full();
        Path file = dir.resolve("out/dry-run.json");

        DryRunJson.write(doc, file);
        Document back = DryRunJson.read(file);

        assertThat(back.report()).isEqualTo(doc.report());
        assertThat(back.toolVersion()).isEqualTo("1.2.3");
        assertThat(back.budget()).isEqualTo(doc.budget());
        assertThat(back.lint()).isEqualTo(doc.lint());
        assertThat(back.budget().orElseThrow().breaches()).isNotEmpty();
    }

    @Test
    void conformsToTheDocumentedSchemaWithAndWithoutTheOptionalSections() throws IOException {
        JsonNode schema = new ObjectMapper().readTree(SCHEMA.toFile());
        assertThat(SchemaCheck.violations(schema, tree(full()))).isEmpty();
        Document bare = new Document(DryRunSamples.safe(), "dev", Optional.empty(), Optional.empty());
        assertThat(SchemaCheck.violations(schema, tree(bare))).isEmpty();
        Document failed = new Document(new DryRunReport(DryRunSamples.safe().dialect(), "15.8", "x", 1, 10,
                DryRunSamples.safe().outcome(), "", List.of(), DryRunSamples.failedRehearsal()), "dev", Optional.empty(), Optional.empty());
        assertThat(SchemaCheck.violations(schema, tree(failed))).isEmpty();
    }

    @Test
    void isDeterministicWithFixedFieldOrderAndTotals() throws IOException {
        String once = text(full());
        assertThat(text(full())).isEqualTo(once);
        assertThat(once).startsWith("{\n  \"schemaVersion\": \"1\",\n  \"tool\": {\n    \"name\": \"migration-delivery\",");
        JsonNode totals = new ObjectMapper().readTree(once).get("totals");
        assertThat(totals.get("totalMs").asLong()).isEqualTo(2500);
        assertThat(totals.get("statements").asInt()).isEqualTo(3);
        assertThat(totals.get("maxWriteBlockingHeldMs").asLong()).isEqualTo(1830);
        assertThat(totals.get("rewrittenTables").get(0).asText()).isEqualTo("public.orders");
    }

    @Test
    void neverWritesAPasswordThatASnapshotDescriptionOrErrorCarries() throws IOException {
        DryRunReport r = DryRunSamples.safe();
        DryRunReport leaky = new DryRunReport(r.dialect(), r.serverVersion(),
                "jdbc:postgresql://app:s3cret@db:5432/app?password=s3cret", r.totalMs(), 10, r.outcome(),
                "could not connect to jdbc:postgresql://app:s3cret@db/app", r.changesets(), r.rollback());
        assertThat(text(new Document(leaky, "dev", Optional.empty(), Optional.empty()))).doesNotContain("s3cret");
    }

    @Test
    void aMissingReportIsBadInputNamingTheFile() {
        Path missing = dir.resolve("nope.json");
        assertThatThrownBy(() -> DryRunJson.read(missing))
                .isInstanceOfSatisfying(EngineException.class, e -> {
                    assertThat(e.kind()).isEqualTo(EngineException.Kind.BAD_INPUT);
                    assertThat(e.oneLine()).isEqualTo(missing + ": dry-run report not found");
                });
    }

    @Test
    void aMalformedReportIsBadInputWithTheLine() throws IOException {
        Path file = dir.resolve("broken.json");
        Files.writeString(file, "{\n  \"schemaVersion\": \"1\",\n  \"tool\": {\n}}}\n");
        assertThatThrownBy(() -> DryRunJson.read(file))
                .isInstanceOfSatisfying(EngineException.class, e -> {
                    assertThat(e.kind()).isEqualTo(EngineException.Kind.BAD_INPUT);
                    assertThat(e.oneLine()).startsWith(file + ":4:").contains("malformed dry-run report");
                });
    }

    @Test
    void aReportOfAnotherKindOrVersionOrWithAMissingFieldSaysWhat() throws IOException {
        Path lint = dir.resolve("lint.json");
        Files.writeString(lint, "[1, 2]");
        assertThatThrownBy(() -> DryRunJson.read(lint)).hasMessageContaining("not a dry-run report");

        Path v2 = dir.resolve("v2.json");
        Files.writeString(v2, "{\"schemaVersion\": \"2\"}");
        assertThatThrownBy(() -> DryRunJson.read(v2)).hasMessageContaining("unsupported schema version '2'");

        JsonNode tree = tree(full());
        ((com.fasterxml.jackson.databind.node.ObjectNode) tree.get("changesets").get(0).get("statements").get(1))
                .remove("durationMs");
        Path gap = dir.resolve("gap.json");
        Files.writeString(gap, tree.toString());
        assertThatThrownBy(() -> DryRunJson.read(gap))
                .hasMessage("dry-run report $.changesets[0].statements[1]: missing 'durationMs'");
    }

    private static String text(Document doc) throws IOException {
        StringBuilder sb = new StringBuilder();
        DryRunJson.write(doc, sb);
        return sb.toString();
    }

    private static JsonNode tree(Document doc) throws IOException {
        return new ObjectMapper().readTree(text(doc));
    }
}
