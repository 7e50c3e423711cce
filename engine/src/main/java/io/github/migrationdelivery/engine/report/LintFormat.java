package io.github.migrationdelivery.engine.report;

import io.github.migrationdelivery.engine.EngineException;
import io.github.migrationdelivery.engine.lint.LintResult;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The output formats of {@code lint}; each knows how to make its writer. */
public enum LintFormat {
    /** For people reading a CI log. */
    TEXT("text", tool -> new TextReportWriter()),
    /** The documented, versioned report ({@code docs/schemas/lint-report-v1.schema.json}). */
    JSON("json", JsonReportWriter::new),
    /** SARIF 2.1.0 for Jenkins Warnings NG and GitHub code scanning. */
    SARIF("sarif", SarifReportWriter::new),
    /** JUnit XML, one test case per changeset, for Jenkins {@code junit} and GitLab test reports. */
    JUNIT("junit", JunitReportWriter::new),
    /** GitLab Code Quality ({@code artifacts:reports:codequality}). */
    GITLAB("gitlab", tool -> new GitlabCodeQualityWriter());

    private final String id;
    private final Function<ToolInfo, LintReportWriter> factory;

    LintFormat(String id, Function<ToolInfo, LintReportWriter> factory) {
        this.id = id;
        this.factory = factory;
    }

    /** The name users type: {@code text}, {@code json}, {@code sarif}, {@code junit}, {@code gitlab}. */
    public String id() {
        return id;
    }

    /** A writer that names this build of the tool (version from the packaged properties). */
    public LintReportWriter writer() {
        return writer(ToolInfo.current());
    }

    public LintReportWriter writer(ToolInfo tool) {
        return factory.apply(tool);
    }

    /**
     * Writes the report to {@code file}: next to it first and then moved in place, so a failed run
     * never leaves half a report; a device or pipe (/dev/null) is written directly.
     */
    public void write(LintResult result, Path file) throws IOException {
        Path target = file.toAbsolutePath();
        if (Files.exists(target) && !Files.isRegularFile(target)) {
            try (Writer w = new BufferedWriter(Files.newBufferedWriter(target, StandardCharsets.UTF_8))) {
                writer().write(result, w);
            }
            return;
        }
        Files.createDirectories(target.getParent());
        Path temp = Files.createTempFile(target.getParent(), ".lint-", ".tmp");
        try {
            try (Writer w = new BufferedWriter(Files.newBufferedWriter(temp, StandardCharsets.UTF_8))) {
                writer().write(result, w);
            }
            try {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Parses a user's choice, ignoring case; {@code setting} names the flag or key in errors. */
    public static LintFormat parse(String value, String setting) {
        String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        for (LintFormat f : values()) {
            if (f.id.equals(v)) {
                return f;
            }
        }
        String valid = Arrays.stream(values()).map(LintFormat::id).collect(Collectors.joining(", "));
        throw EngineException.badInput(setting + ": unknown format '" + value + "' (expected one of " + valid + ")");
    }
}
