package io.github.migrationdelivery.engine.backup;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.github.migrationdelivery.engine.EngineException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a backup holds and how it was checked: the JSON file {@value #FILE_NAME} in the backup's
 * directory (schema: docs/backup.md). Approval and migrate read it to bind a destructive plan to
 * the backup that protects it; {@link BackupManifests#requireFresh} is the check they call.
 *
 * @param id           "bk-" UTC timestamp "-" 8 hex digits, unique
 * @param planChecksum {@code Plan.checksum()} of the plan the backup protects
 * @param createdAt    when the backup's snapshot was taken, ISO-8601 UTC ({@link #created()})
 * @param target       the database backed up, without password ({@code ConnectionSpec.redacted()})
 * @param scope        {@value #SCOPE_TABLES} or {@value #SCOPE_DATABASE}
 * @param files        every file of the backup, with its size and SHA-256; paths relative to the manifest
 * @param rowCounts    rows of each backed-up table ("schema.table" or "table"), counted in the dump's snapshot
 * @param columnCopies compact copies of dropped columns, keyed by primary key
 * @param absent       tables the plan names that did not exist when the backup was taken (nothing to keep)
 */
@JsonPropertyOrder({"id", "planChecksum", "createdAt", "target", "dialect", "scope", "files", "rowCounts",
        "columnCopies", "absent", "verification", "tools"})
public record BackupManifest(String id, String planChecksum, String createdAt, String target, String dialect,
                             String scope, List<BackupFile> files, Map<String, Long> rowCounts,
                             List<ColumnCopy> columnCopies, List<String> absent, Verification verification,
                             Map<String, String> tools) {

    public static final String FILE_NAME = "manifest.json";
    public static final String SCOPE_TABLES = "tables";
    public static final String SCOPE_DATABASE = "database";

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    /** One file of the backup. */
    public record BackupFile(String path, long sizeBytes, String sha256) {
    }

    /**
     * A dropped column's values, keyed by the table's primary key: a gzip CSV with a header,
     * the key columns first, then the column ({@code NULL} as an unquoted empty field).
     */
    public record ColumnCopy(String table, String column, String type, List<String> keyColumns,
                             List<String> keyTypes, String file, long rows) {
        public ColumnCopy {
            keyColumns = List.copyOf(keyColumns);
            keyTypes = List.copyOf(keyTypes);
        }
    }

    /**
     * @param listed         the archive lists every backed-up table (pg_restore --list, or the dump's CREATE TABLEs)
     * @param rowCountsMatch the rows in the archive (or in the restored copy) are the rows counted at backup time
     * @param restoreTested  the archive was restored into a throw-away database ({@code --verify-restore})
     */
    public record Verification(boolean listed, boolean rowCountsMatch, boolean restoreTested) {
        public boolean passed() {
            return listed && rowCountsMatch;
        }
    }

    public BackupManifest {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(planChecksum, "planChecksum");
        files = files == null ? List.of() : List.copyOf(files);
        rowCounts = rowCounts == null ? Map.of() : new TreeMap<>(rowCounts);
        columnCopies = columnCopies == null ? List.of() : List.copyOf(columnCopies);
        absent = absent == null ? List.of() : List.copyOf(absent);
        tools = tools == null ? Map.of() : new TreeMap<>(tools);
    }

    /** Reads a manifest file; a missing or malformed one is BAD_INPUT naming the file. */
    public static BackupManifest read(Path file) {
        try {
            BackupManifest m = JSON.readValue(Files.readString(file), BackupManifest.class);
            if (m.verification() == null || m.createdAt() == null) {
                throw EngineException.badInput("backup manifest " + file + " has no createdAt or verification");
            }
            try {
                m.created();
            } catch (DateTimeParseException e) {
                throw EngineException.badInput("backup manifest " + file + ": createdAt '" + m.createdAt()
                        + "' is not an ISO-8601 instant");
            }
            return m;
        } catch (NoSuchFileException e) {
            throw EngineException.badInput("backup manifest " + file + " does not exist");
        } catch (JsonProcessingException e) {
            throw EngineException.badInput("backup manifest " + file + " is not a manifest: "
                    + e.getOriginalMessage());
        } catch (IOException e) {
            throw EngineException.badInput("backup manifest " + file + " cannot be read: " + e.getMessage());
        }
    }

    public Instant created() {
        return Instant.parse(createdAt);
    }

    String toJson() {
        try {
            return JSON.writeValueAsString(this) + "\n";
        } catch (JsonProcessingException e) {
            throw new EngineException(EngineException.Kind.INTERNAL, "writing a backup manifest: " + e.getMessage(), null, e);
        }
    }

    /** The column copy of {@code table.column}, as the manifest names them. */
    public java.util.Optional<ColumnCopy> columnCopy(String table, String column) {
        return columnCopies.stream()
                .filter(c -> c.column().equals(column) && (c.table().equals(table) || c.table().endsWith("." + table)))
                .findFirst();
    }
}
