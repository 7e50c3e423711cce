package io.github.migrationdelivery.engine.brief;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.migrationdelivery.engine.EngineException;
import io.github.migrationdelivery.engine.plan.SourcePosition;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The backup manifest a brief and an approval request point to: only its id and the plan checksum
 * it protects are read, so the brief does not depend on how backups are taken.
 */
public record BackupReference(String id, String planChecksum, Path file) {

    /**
     * Reads {@code id} and {@code planChecksum} from a backup manifest; a manifest that protects
     * another plan is refused (BACKUP_REQUIRED), since pointing a reviewer at it would be a lie.
     */
    public static BackupReference read(Path manifest, String expectedPlanChecksum) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(Files.readString(manifest, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            throw EngineException.badInput(SourcePosition.of(manifest), "backup manifest not found");
        } catch (JsonProcessingException e) {
            throw EngineException.badInput(SourcePosition.of(manifest), "malformed backup manifest: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw EngineException.badInput(SourcePosition.of(manifest), "cannot read backup manifest: " + e.getMessage());
        }
        String id = text(root, "id", manifest);
        String checksum = text(root, "planChecksum", manifest);
        if (!checksum.equals(expectedPlanChecksum)) {
            throw new EngineException(EngineException.Kind.BACKUP_REQUIRED, "backup manifest " + id + " protects plan "
                    + checksum + ", not this plan (" + expectedPlanChecksum + ")", SourcePosition.of(manifest), null);
        }
        return new BackupReference(id, checksum, manifest);
    }

    private static String text(JsonNode root, String field, Path manifest) {
        JsonNode n = root == null ? null : root.get(field);
        if (n == null || !n.isTextual() || n.asText().isBlank()) {
            throw EngineException.badInput(SourcePosition.of(manifest), "backup manifest has no '" + field + "'");
        }
        return n.asText();
    }
}
