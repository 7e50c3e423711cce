package io.github.migrationdelivery.engine.backup;

import io.github.migrationdelivery.engine.EngineException;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rows in an archive, counted from its data without a database: each line of a PostgreSQL
 * {@code COPY ... FROM stdin} block is one row (COPY's text format escapes newlines in values),
 * and each top-level tuple of a mysqldump {@code INSERT INTO ... VALUES} is one.
 */
final class ArchiveRows {

    private ArchiveRows() {
    }

    /** Streams {@code pg_restore --data-only --file=-} and counts the rows of each COPY block by table. */
    static Map<String, Long> postgres(Path pgRestore, Path archive) {
        ProcessBuilder pb = new ProcessBuilder(pgRestore.toString(), "--data-only", "--file=-", archive.toString());
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Map<String, Long> counts = new LinkedHashMap<>();
        try {
            Process p = pb.start();
            try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8), 1 << 16)) {
                String table = null;
                long rows = 0;
                for (String line; (line = in.readLine()) != null; ) {
                    if (table != null) {
                        if (line.equals("\\.")) {
                            counts.merge(table, rows, Long::sum);
                            table = null;
                        } else {
                            rows++;
                        }
                    } else if (line.startsWith("COPY ") && line.endsWith(" FROM stdin;")) {
                        table = copyTable(line);
                        rows = 0;
                    }
                }
            }
            int exit = p.waitFor();
            if (exit != 0) {
                throw Backup.failed("reading " + archive + " with pg_restore failed (exit " + exit + ")");
            }
        } catch (IOException e) {
            throw Backup.failed("reading " + archive + " with pg_restore: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineException(EngineException.Kind.BACKUP_FAILED, "reading " + archive + ": interrupted");
        }
        return counts;
    }

    /** {@code COPY public."Odd ""name""" (a, b) FROM stdin;} gives {@code public.Odd "name"}. */
    static String copyTable(String line) {
        List<String> parts = new ArrayList<>();
        StringBuilder part = new StringBuilder();
        boolean quoted = false;
        for (int i = "COPY ".length(); i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    part.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    part.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == '.') {
                parts.add(part.toString());
                part.setLength(0);
            } else if (ch == ' ') {
                break;
            } else {
                part.append(ch);
            }
        }
        parts.add(part.toString());
        return String.join(".", parts);
    }

    /**
     * Counts the tuples of each table's {@code INSERT INTO `t` VALUES ...;} statements in a
     * mysqldump file, whether a statement is on one line (MySQL) or has a tuple per line (MariaDB
     * 10.11): values never span lines, as the dump escapes newlines in them.
     */
    static Map<String, Long> mysql(Path dump) {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (BufferedReader in = Files.newBufferedReader(dump, StandardCharsets.UTF_8)) {
            String table = null;
            for (String line; (line = in.readLine()) != null; ) {
                int from = 0;
                if (line.startsWith("INSERT INTO `")) {
                    int end = line.indexOf("` VALUES", "INSERT INTO `".length());
                    if (end < 0) {
                        continue;
                    }
                    table = line.substring("INSERT INTO `".length(), end).replace("``", "`");
                    from = end + "` VALUES".length();
                } else if (table == null) {
                    continue;
                }
                counts.merge(table, tuples(line, from), Long::sum);
                if (line.endsWith(";")) {
                    table = null;
                }
            }
        } catch (IOException e) {
            throw Backup.failed("reading " + dump + ": " + e.getMessage());
        }
        return counts;
    }

    /** Top-level parenthesised groups from {@code from}, skipping quoted strings with backslash escapes. */
    static long tuples(String line, int from) {
        long n = 0;
        int depth = 0;
        boolean quoted = false;
        for (int i = from; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '\\') {
                    i++;
                } else if (ch == '\'') {
                    quoted = false;
                }
            } else if (ch == '\'') {
                quoted = true;
            } else if (ch == '(') {
                if (depth++ == 0) {
                    n++;
                }
            } else if (ch == ')') {
                depth--;
            }
        }
        return n;
    }
}
