package io.github.migrationdelivery.engine.approval;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.migrationdelivery.engine.EngineException;
import io.github.migrationdelivery.engine.plan.SourcePosition;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The tamper-evident record of approval decisions: JSON lines, each holding the SHA-256 of the line
 * before it ({@code prev}; the first line holds the SHA-256 of {@link #GENESIS}) and the SHA-256 of
 * its own content ({@code hash}, the line without that field). Editing a line breaks its own hash;
 * removing, inserting or reordering lines breaks the next line's {@code prev}. Appends hold an
 * exclusive file lock, so two approvers recording at once cannot fork the chain.
 */
public final class AuditLog {

    public static final String GENESIS = "migration-delivery approval audit log v1";
    private static final Pattern HASH_TAIL = Pattern.compile(",\"hash\":\"(sha256:[0-9a-f]{64})\"}$");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;

    private AuditLog(Path file) {
        this.file = file;
    }

    /** The log at {@code file}; it need not exist yet (then it holds no decisions). */
    public static AuditLog open(Path file) {
        return new AuditLog(file);
    }

    public Path file() {
        return file;
    }

    /** The line number of the first line that breaks the chain, if any. */
    public Optional<Broken> verify() {
        return scan(lines()).broken();
    }

    /**
     * Every decision, in order, after verifying the chain: a broken chain is NOT_APPROVED, since no
     * decision in an altered log can be trusted.
     */
    public List<AuditEntry> entries() {
        Scan scan = scan(lines());
        scan.broken().ifPresent(b -> {
            throw b.exception(file);
        });
        return scan.entries();
    }

    /** Where and how the chain breaks. */
    public record Broken(int line, String why) {
        EngineException exception(Path file) {
            return new EngineException(EngineException.Kind.NOT_APPROVED, "audit log line " + line + " was altered ("
                    + why + "); no decision in it can be trusted", new SourcePosition(file, line, 0), null);
        }
    }

    /** Appends a decision (verifying the chain first, under an exclusive lock) and returns it with its line number. */
    public AuditEntry append(AuditEntry entry) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE); FileLock lock = ch.lock()) {
                // Not closed: closing the stream would close the channel and release the lock.
                String text = new String(Channels.newInputStream(ch).readAllBytes(), StandardCharsets.UTF_8);
                List<String> lines = split(text);
                Scan scan = scan(lines);
                scan.broken().ifPresent(b -> {
                    throw b.exception(file);
                });
                String prev = lines.isEmpty() ? sha256(GENESIS.getBytes(StandardCharsets.UTF_8))
                        : sha256(lines.get(lines.size() - 1).getBytes(StandardCharsets.UTF_8));
                String body = body(prev, entry);
                String line = (text.isEmpty() || text.endsWith("\n") ? "" : "\n")
                        + body.substring(0, body.length() - 1) + ",\"hash\":\""
                        + sha256(body.getBytes(StandardCharsets.UTF_8)) + "\"}\n";
                ch.write(ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8)), ch.size());
                ch.force(true);
                return entry.atLine(lines.size() + 1);
            }
        } catch (IOException e) {
            throw EngineException.badInput(SourcePosition.of(file), "cannot write audit log: " + e.getMessage());
        }
    }

    public static String sha256(byte[] bytes) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private List<String> lines() {
        try {
            return split(Files.readString(file, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw EngineException.badInput(SourcePosition.of(file), "cannot read audit log: " + e.getMessage());
        }
    }

    /** Lines of the file; a cut-off last line is kept, and fails its hash. */
    private static List<String> split(String text) {
        List<String> out = new ArrayList<>(List.of(text.split("\n", -1)));
        if (out.get(out.size() - 1).isEmpty()) {
            out.remove(out.size() - 1);
        }
        return out;
    }

    private record Scan(List<AuditEntry> entries, Optional<Broken> broken) {
    }

    private static Scan scan(List<String> lines) {
        List<AuditEntry> entries = new ArrayList<>();
        String expectedPrev = sha256(GENESIS.getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < lines.size(); i++) {
            int n = i + 1;
            String line = lines.get(i);
            Matcher m = HASH_TAIL.matcher(line);
            if (!m.find()) {
                return new Scan(entries, Optional.of(new Broken(n, "it has no hash of its own")));
            }
            String body = line.substring(0, m.start()) + "}";
            if (!sha256(body.getBytes(StandardCharsets.UTF_8)).equals(m.group(1))) {
                return new Scan(entries, Optional.of(new Broken(n, "its content does not match its hash")));
            }
            JsonNode node;
            try {
                node = JSON.readTree(body);
            } catch (IOException e) {
                return new Scan(entries, Optional.of(new Broken(n, "it is not JSON")));
            }
            if (!expectedPrev.equals(node.path("prev").asText())) {
                return new Scan(entries, Optional.of(new Broken(n, n == 1 ? "it is not the first entry of the log"
                        : "it does not follow line " + (n - 1) + ": a line was removed, inserted or reordered")));
            }
            try {
                entries.add(entry(node, n));
            } catch (RuntimeException e) {
                return new Scan(entries, Optional.of(new Broken(n, "an entry field is missing or invalid")));
            }
            expectedPrev = sha256(line.getBytes(StandardCharsets.UTF_8));
        }
        return new Scan(entries, Optional.empty());
    }

    private static String body(String prev, AuditEntry e) throws IOException {
        StringWriter w = new StringWriter();
        try (JsonGenerator json = new JsonFactory().createGenerator(w)) {
            json.writeStartObject();
            json.writeStringField("prev", prev);
            json.writeStringField("at", e.at().toString());
            json.writeStringField("approver", e.approver());
            json.writeStringField("decision", e.decision().id());
            json.writeStringField("grant", e.grant());
            strings(json, "groups", e.groups());
            strings(json, "authors", e.authors());
            json.writeStringField("planChecksum", e.planChecksum());
            json.writeStringField("target", e.target().id());
            json.writeStringField("classification", e.classification());
            json.writeStringField("evidence", e.evidence());
            json.writeStringField("reason", e.reason());
            json.writeEndObject();
        }
        return w.toString();
    }

    private static void strings(JsonGenerator json, String field, List<String> values) throws IOException {
        json.writeArrayFieldStart(field);
        for (String v : values) {
            json.writeString(v);
        }
        json.writeEndArray();
    }

    private static AuditEntry entry(JsonNode n, int line) {
        List<String> groups = new ArrayList<>();
        n.get("groups").forEach(g -> groups.add(g.asText()));
        List<String> authors = new ArrayList<>();
        n.get("authors").forEach(a -> authors.add(a.asText()));
        return new AuditEntry(Instant.parse(n.get("at").asText()), n.get("approver").asText(),
                AuditEntry.Decision.valueOf(n.get("decision").asText().toUpperCase(java.util.Locale.ROOT)),
                n.get("grant").asText(), groups, authors, n.get("planChecksum").asText(), new Target(n.get("target").asText()),
                n.get("classification").asText(), n.get("evidence").asText(), n.get("reason").asText(), line);
    }
}
