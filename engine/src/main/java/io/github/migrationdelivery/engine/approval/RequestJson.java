package io.github.migrationdelivery.engine.approval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.migrationdelivery.engine.EngineException;
import io.github.migrationdelivery.engine.brief.RollbackAssessment;
import io.github.migrationdelivery.engine.plan.SourcePosition;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The approval request file (JSON, {@code docs/approval.md}); field order is fixed. */
public final class RequestJson {

    public static final String SCHEMA_VERSION = "1";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private RequestJson() {
    }

    public static String write(ApprovalRequest r) {
        ObjectNode root = JSON.createObjectNode();
        root.put("schemaVersion", SCHEMA_VERSION);
        root.put("kind", "approval-request");
        root.put("createdAt", r.createdAt().toString());
        root.put("target", r.target().id());
        Evidence e = r.evidence();
        root.put("planChecksum", e.planChecksum());
        root.put("classification", e.classification().id());
        ObjectNode plan = root.putObject("plan");
        strings(plan.putArray("paths"), r.plan().paths());
        plan.put("dialect", r.plan().dialect());
        plan.put("serverVersion", r.plan().serverVersion());
        strings(plan.putArray("contexts"), r.plan().contexts().stream().sorted().toList());
        strings(plan.putArray("labels"), r.plan().labels().stream().sorted().toList());
        strings(root.putArray("authors"), r.authors());
        strings(root.putArray("requestedBy"), r.requestedBy());
        ArrayNode changesets = root.putArray("changesets");
        for (int i = 0; i < e.changesets().size(); i++) {
            Evidence.ChangesetEvidence c = e.changesets().get(i);
            RollbackAssessment.ChangesetUndo undo = e.rollback().changesets().get(i);
            ObjectNode n = changesets.addObject();
            n.put("name", c.name());
            n.put("classification", c.classification().id());
            n.put("blocksTraffic", c.blocksTraffic());
            n.put("hasRollback", undo.hasRollback());
            strings(n.putArray("rollbackDestroys"), undo.losses());
        }
        ObjectNode lint = root.putObject("lint");
        lint.put("errors", e.lint().errors());
        lint.put("warnings", e.lint().warnings());
        lint.put("infos", e.lint().infos());
        strings(lint.putArray("failing"), e.lint().failing());
        if (e.dryRun().isPresent()) {
            Evidence.Measured m = e.dryRun().get();
            ObjectNode d = root.putObject("dryRun");
            d.put("outcome", m.outcome());
            d.put("longestWriteBlockingHoldMs", m.longestWriteBlockingHoldMs());
            d.put("longestReadBlockingHoldMs", m.longestReadBlockingHoldMs());
            d.put("longestBlockedReadMs", m.longestBlockedReadMs());
            d.put("longestBlockedWriteMs", m.longestBlockedWriteMs());
            strings(d.putArray("rewrittenTables"), m.rewrittenTables());
            d.put("rollbackRehearsal", m.rollbackRehearsal());
            strings(d.putArray("rollbackDataLoss"), m.rollbackDataLoss());
        } else {
            root.putNull("dryRun");
        }
        if (e.backupManifestId().isPresent()) {
            root.put("backupManifestId", e.backupManifestId().get());
        } else {
            root.putNull("backupManifestId");
        }
        ObjectNode rollback = root.putObject("rollback");
        rollback.put("everyChangesetHasRollback", e.rollback().everyChangesetHasRollback());
        strings(rollback.putArray("missing"), e.rollback().missing());
        rollback.put("destroysData", e.rollback().destroysData());
        strings(rollback.putArray("destroys"), e.rollback().losses());
        root.put("brief", r.brief());
        try {
            return JSON.writeValueAsString(root).replace("\r\n", "\n") + "\n";
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("a tree of strings and numbers always serialises", ex);
        }
    }

    /** Reads a request file; a missing or malformed one is BAD_INPUT naming it. */
    public static ApprovalRequest.Filed read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw EngineException.badInput(SourcePosition.of(file), "approval request not found");
        } catch (IOException e) {
            throw EngineException.badInput(SourcePosition.of(file), "cannot read approval request: " + e.getMessage());
        }
        JsonNode root;
        try {
            root = JSON.readTree(new String(bytes, StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw EngineException.badInput(SourcePosition.of(file), "malformed approval request: " + e.getOriginalMessage());
        }
        if (root == null || !"approval-request".equals(root.path("kind").asText())) {
            throw EngineException.badInput(SourcePosition.of(file), "not an approval request (written by 'approval request')");
        }
        if (!SCHEMA_VERSION.equals(root.path("schemaVersion").asText())) {
            throw EngineException.badInput(SourcePosition.of(file), "unsupported approval request schema version '"
                    + root.path("schemaVersion").asText() + "'");
        }
        JsonNode plan = root.path("plan");
        ApprovalRequest.PlanSource source = new ApprovalRequest.PlanSource(list(plan, "paths", file),
                text(plan, "dialect", file), text(plan, "serverVersion", file), new HashSet<>(list(plan, "contexts", file)),
                Set.copyOf(list(plan, "labels", file)));
        return new ApprovalRequest.Filed(AuditLog.sha256(bytes), new Target(text(root, "target", file)), source,
                text(root, "planChecksum", file), text(root, "classification", file), list(root, "authors", file),
                list(root, "requestedBy", file));
    }

    private static void strings(ArrayNode array, Collection<String> values) {
        values.forEach(array::add);
    }

    private static String text(JsonNode n, String field, Path file) {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual()) {
            throw EngineException.badInput(SourcePosition.of(file), "approval request has no '" + field + "'");
        }
        return v.asText();
    }

    private static List<String> list(JsonNode n, String field, Path file) {
        JsonNode v = n.get(field);
        if (v == null || !v.isArray()) {
            throw EngineException.badInput(SourcePosition.of(file), "approval request has no list '" + field + "'");
        }
        List<String> out = new ArrayList<>();
        v.forEach(x -> out.add(x.asText()));
        return out;
    }
}
