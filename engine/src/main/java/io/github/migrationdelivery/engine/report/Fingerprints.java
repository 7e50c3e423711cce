package io.github.migrationdelivery.engine.report;

import io.github.migrationdelivery.engine.lint.Finding;
import io.github.migrationdelivery.engine.lint.LintResult;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Stable identities for findings, so SARIF consumers and GitLab recognise a finding across builds
 * even when lines move. A fingerprint is SHA-256 over rule id, file and the statement with case
 * and whitespace normalised (the changeset name stands in for plan-level findings without a
 * statement). Identical findings in one file get an occurrence number, so they stay distinct.
 */
final class Fingerprints {

    /** Compiled once: String.replaceAll would compile it again for every finding. */
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private Fingerprints() {
    }

    /** One fingerprint per finding, in the order of {@link LintResult#findings()}. */
    static List<String> of(LintResult result) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
        HexFormat hex = HexFormat.of();
        Map<String, Integer> seen = new HashMap<>();
        List<String> prints = new ArrayList<>();
        for (Finding f : result.findings()) {
            String statement = normalize(f.statement());
            String key = f.ruleId() + '\0' + ReportText.path(f.position()) + '\0'
                    + (statement.isEmpty() ? "changeset " + f.changeset() : statement);
            int occurrence = seen.merge(key, 1, Integer::sum);
            if (occurrence > 1) {
                key = key + '\0' + occurrence;
            }
            prints.add(hex.formatHex(sha.digest(key.getBytes(StandardCharsets.UTF_8))));
        }
        return prints;
    }

    /** Lower case, runs of whitespace as one space, no trailing semicolon. */
    static String normalize(String statement) {
        String s = WHITESPACE.matcher(statement.strip()).replaceAll(" ").toLowerCase(Locale.ROOT);
        while (s.endsWith(";")) {
            s = s.substring(0, s.length() - 1).stripTrailing();
        }
        return s;
    }
}
