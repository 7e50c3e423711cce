package io.github.migrationdelivery.engine.source;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds where each changeset of a changelog file starts, by scanning the text: Liquibase's parsers
 * do not keep line numbers. XML {@code <changeSet ... id="x" author="y">}, YAML and JSON
 * {@code changeSet:} entries with their {@code id}/{@code author}, formatted SQL
 * {@code --changeset author:id}.
 */
final class ChangesetLocator {

    private static final Pattern XML_CHANGESET = Pattern.compile("<(?:[\\w.-]+:)?changeSet\\b([^>]*)>");
    private static final Pattern XML_COMMENT = Pattern.compile("<!--.*?-->", Pattern.DOTALL);
    private static final Pattern FORMATTED_SQL_CHANGESET = Pattern.compile(
            "(?im)^[ \\t]*--[ \\t]*changeset[ \\t]+(\"[^\"]+\"|[^:\\s]+):(\"[^\"]+\"|\\S+)");
    private static final Pattern KEYED_CHANGESET = Pattern.compile("(?m)^[ \\t-]*[\"']?changeSet[\"']?[ \\t]*:");
    private static final Pattern KEYED_FIELD = Pattern.compile(
            "(?<!\\w)[\"']?(id|author)[\"']?[ \\t]*:[ \\t]*(\"(?:[^\"\\\\]|\\\\.)*\"|'[^']*'|[^,\\r\\n}]+)");

    private final Map<String, Integer> byKey;
    private final int[] starts;
    private final int length;

    private ChangesetLocator(Map<String, Integer> byKey, int[] starts, int length) {
        this.byKey = byKey;
        this.starts = starts;
        this.length = length;
    }

    static ChangesetLocator scan(Path file, String text) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        Map<String, Integer> byKey = new HashMap<>();
        int[] starts = new int[8];
        int n = 0;
        if (name.endsWith(".xml")) {
            // Blank out comments (keeping offsets) so commented-out changesets are not found.
            StringBuilder visible = new StringBuilder(text);
            Matcher c = XML_COMMENT.matcher(text);
            while (c.find()) {
                for (int i = c.start(); i < c.end(); i++) {
                    if (visible.charAt(i) != '\n') {
                        visible.setCharAt(i, ' ');
                    }
                }
            }
            Matcher m = XML_CHANGESET.matcher(visible);
            while (m.find()) {
                String attributes = m.group(1);
                record(byKey, attribute(attributes, "id"), attribute(attributes, "author"), m.start());
                starts = add(starts, n++, m.start());
            }
        } else if (name.endsWith(".sql")) {
            Matcher m = FORMATTED_SQL_CHANGESET.matcher(text);
            while (m.find()) {
                int start = m.start() + (m.group().length() - m.group().stripLeading().length());
                record(byKey, unquote(m.group(2)), unquote(m.group(1)), start);
                starts = add(starts, n++, start);
            }
        } else {
            Matcher m = KEYED_CHANGESET.matcher(text);
            int[] found = new int[8];
            int count = 0;
            while (m.find()) {
                int start = m.start() + (m.group().length() - m.group().stripLeading().length());
                while (start < m.end() && (text.charAt(start) == '-' || text.charAt(start) == ' ')) {
                    start++;
                }
                found = add(found, count++, start);
            }
            for (int i = 0; i < count; i++) {
                int end = i + 1 < count ? found[i + 1] : text.length();
                String id = null;
                String author = null;
                Matcher f = KEYED_FIELD.matcher(text).region(found[i], end);
                while (f.find() && (id == null || author == null)) {
                    String value = unquote(f.group(2).strip());
                    if (f.group(1).equals("id") && id == null) {
                        id = value;
                    } else if (f.group(1).equals("author") && author == null) {
                        author = value;
                    }
                }
                record(byKey, id, author, found[i]);
            }
            starts = found;
            n = count;
        }
        return new ChangesetLocator(byKey, Arrays.copyOf(starts, n), text.length());
    }

    /** The offset where changeset {@code id}/{@code author} starts, or -1 when the text does not show it. */
    int offsetOf(String id, String author) {
        Integer exact = byKey.get(id + '\0' + author);
        if (exact != null) {
            return exact;
        }
        Integer byId = byKey.get(id + '\0');
        return byId == null ? -1 : byId;
    }

    /** The start of the changeset after the one at {@code offset}, or the end of the text. */
    int nextStart(int offset) {
        for (int s : starts) {
            if (s > offset) {
                return s;
            }
        }
        return length;
    }

    private static void record(Map<String, Integer> byKey, String id, String author, int offset) {
        if (id == null) {
            return;
        }
        byKey.putIfAbsent(id + '\0' + (author == null ? "" : author), offset);
        byKey.putIfAbsent(id + '\0', offset);
    }

    private static String attribute(String attributes, String name) {
        Matcher m = Pattern.compile("(?:^|\\s)" + name + "\\s*=\\s*(\"([^\"]*)\"|'([^']*)')").matcher(attributes);
        if (!m.find()) {
            return null;
        }
        return m.group(2) != null ? m.group(2) : m.group(3);
    }

    private static String unquote(String value) {
        String v = value.strip();
        if (v.length() >= 2 && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))) {
            return v.substring(1, v.length() - 1);
        }
        return v;
    }

    private static int[] add(int[] array, int index, int value) {
        int[] a = index == array.length ? Arrays.copyOf(array, index * 2) : array;
        a[index] = value;
        return a;
    }
}
