package io.github.migrationdelivery.engine.report;

import io.github.migrationdelivery.engine.lint.Finding;
import io.github.migrationdelivery.engine.lint.LintResult;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Stable identities for findings, so SARIF consumers and GitLab recognise a finding across builds
 * even when lines move. A fingerprint is SHA-256 over rule id, file and the statement with case
 * and whitespace normalised (the changeset name stands in for plan-level findings without a
 * statement). Identical findings in one file get an occurrence number, so they stay distinct.
 */
final class Fingerprints {

    private Fingerprints() {
    }

    /**
     * One fingerprint per finding, in the order of {@link LintResult#findings()}. Normalising and
     * hashing are independent per finding and run in parallel (a large plan has tens of thousands
     * of findings); only numbering the occurrences needs plan order.
     */
    static List<String> of(LintResult result) {
        List<String> keys = result.findings().parallelStream().map(Fingerprints::key).toList();
        Map<String, Integer> seen = new HashMap<>();
        String[] numbered = new String[keys.size()];
        for (int i = 0; i < numbered.length; i++) {
            String key = keys.get(i);
            int occurrence = seen.merge(key, 1, Integer::sum);
            numbered[i] = occurrence > 1 ? key + '\0' + occurrence : key;
        }
        return Arrays.stream(numbered).parallel().map(Fingerprints::sha256).toList();
    }

    private static String key(Finding f) {
        String statement = normalize(f.statement());
        return f.ruleId() + '\0' + ReportText.path(f.position()) + '\0'
                + (statement.isEmpty() ? "changeset " + f.changeset() : statement);
    }

    private static String sha256(String key) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256"); // not thread-safe, and cheap to get
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
        return HexFormat.of().formatHex(sha.digest(key.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Lower case, runs of whitespace as one space, no trailing semicolon. "Whitespace" inside is
     * what the regex {@code \s} matches (space, tab, line feed, vertical tab, form feed, carriage
     * return), kept that way because fingerprints must not change between releases; a loop rather
     * than a regex because every finding is normalised.
     */
    static String normalize(String statement) {
        String stripped = statement.strip();
        StringBuilder sb = new StringBuilder(stripped.length());
        boolean inSpace = false;
        for (int i = 0; i < stripped.length(); i++) {
            char c = stripped.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r') {
                if (!inSpace) {
                    sb.append(' ');
                    inSpace = true;
                }
            } else {
                sb.append(c);
                inSpace = false;
            }
        }
        String s = sb.toString().toLowerCase(Locale.ROOT);
        while (s.endsWith(";")) {
            s = s.substring(0, s.length() - 1).stripTrailing();
        }
        return s;
    }
}
