package io.github.migrationdelivery.engine.approval;

import io.github.migrationdelivery.engine.EngineException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AuditLogTest {

    @TempDir
    Path dir;

    Path file;
    AuditLog log;

    @BeforeEach
    void threeDecisions() {
        file = dir.resolve("approvals.jsonl");
        log = AuditLog.open(file);
        for (String who : List.of("alice", "bob", "carol")) {
            log.append(new AuditEntry(Instant.parse("2025-01-02T03:04:05Z"), who, AuditEntry.Decision.APPROVE, who,
                    List.of(), List.of("dave"), "sha256:" + "a".repeat(64), new Target("postgresql://db:5432/app"),
                    "destructive", "sha256:" + "e".repeat(64), "reviewed by " + who, 0));
        }
    }

    private List<String> lines() throws IOException {
        return new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
    }

    private void write(List<String> lines) throws IOException {
        Files.write(file, lines, StandardCharsets.UTF_8);
    }

    @Test
    void anIntactLogVerifiesAndChainsEachLineToThePreviousOne() throws IOException {
        assertThat(log.verify()).isEmpty();
        assertThat(log.entries()).extracting(AuditEntry::line).containsExactly(1, 2, 3);
        List<String> lines = lines();
        assertThat(lines.get(0)).contains("\"prev\":\"" + AuditLog.sha256(AuditLog.GENESIS.getBytes(StandardCharsets.UTF_8)) + "\"");
        assertThat(lines.get(1)).contains("\"prev\":\"" + AuditLog.sha256(lines.get(0).getBytes(StandardCharsets.UTF_8)) + "\"");
        assertThat(lines.get(2)).contains("\"at\":\"2025-01-02T03:04:05Z\"", "\"decision\":\"approve\"", "\"reason\":\"reviewed by carol\"");
    }

    @Test
    void anEditedLineIsReportedByItsNumber() throws IOException {
        List<String> lines = lines();
        lines.set(1, lines.get(1).replace("\"approver\":\"bob\"", "\"approver\":\"mallory\""));
        write(lines);
        assertThat(log.verify()).hasValueSatisfying(b -> assertThat(b.line()).isEqualTo(2));
        assertThatThrownBy(log::entries).isInstanceOfSatisfying(EngineException.class, e -> {
            assertThat(e.kind()).isEqualTo(EngineException.Kind.NOT_APPROVED);
            assertThat(e.getMessage()).startsWith("audit log line 2 was altered");
        });
    }

    @Test
    void anEditedLastLineIsDetectedToo() throws IOException {
        List<String> lines = lines();
        lines.set(2, lines.get(2).replace("reviewed by carol", "rubber stamp"));
        write(lines);
        assertThat(log.verify()).hasValueSatisfying(b -> assertThat(b.line()).isEqualTo(3));
    }

    @Test
    void anEditThatRecomputesTheLinesOwnHashBreaksTheNextLine() throws IOException {
        List<String> lines = lines();
        String edited = lines.get(0).replace("\"approver\":\"alice\"", "\"approver\":\"mallory\"");
        String body = edited.substring(0, edited.indexOf(",\"hash\":")) + "}";
        lines.set(0, edited.substring(0, edited.indexOf(",\"hash\":")) + ",\"hash\":\""
                + AuditLog.sha256(body.getBytes(StandardCharsets.UTF_8)) + "\"}");
        write(lines);
        assertThat(log.verify()).hasValueSatisfying(b -> {
            assertThat(b.line()).isEqualTo(2);
            assertThat(b.why()).contains("does not follow line 1");
        });
    }

    @Test
    void aDeletedLineIsReported() throws IOException {
        List<String> lines = lines();
        lines.remove(1);
        write(lines);
        assertThat(log.verify()).hasValueSatisfying(b -> assertThat(b.line()).isEqualTo(2));
        List<String> first = lines();
        first.remove(0);
        write(first);
        assertThat(log.verify()).hasValueSatisfying(b -> assertThat(b.line()).isEqualTo(1));
    }

    @Test
    void swappedLinesAreReported() throws IOException {
        List<String> lines = lines();
        Collections.swap(lines, 1, 2);
        write(lines);
        assertThat(log.verify()).hasValueSatisfying(b -> assertThat(b.line()).isEqualTo(2));
    }

    @Test
    void appendingToABrokenLogIsRefused() throws IOException {
        List<String> lines = lines();
        lines.remove(0);
        write(lines);
        assertThatThrownBy(() -> log.append(log.entries().get(0)))
                .hasMessageStartingWith("audit log line 1 was altered");
    }
}
