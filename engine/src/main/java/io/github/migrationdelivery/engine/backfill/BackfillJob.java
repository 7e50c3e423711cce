package io.github.migrationdelivery.engine.backfill;

import io.github.migrationdelivery.engine.EngineException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a backfill changes: a table and either a SET expression (optionally only for rows a WHERE
 * still selects) or a whole statement with {@code :lo}/{@code :hi} key bounds. Its id names the
 * checkpoint row; without {@code --id} it is derived from the table and the change, so the same
 * command run again resumes the same backfill.
 *
 * @param table    the table, as the user named it ({@code orders}, {@code public.orders})
 * @param set      the SET expression ({@code status = 'new'}), or empty with {@code sql}
 * @param sql      a statement with {@code :lo} and {@code :hi} (inclusive key bounds), or empty with {@code set}
 * @param where    rows still to do ({@code status IS NULL}); only with {@code set}
 * @param givenId  {@code --id}, or empty for the derived id
 */
public record BackfillJob(String table, Optional<String> set, Optional<String> sql, Optional<String> where,
                          Optional<String> givenId) {

    /** {@code :lo} / {@code :hi} outside a {@code ::} cast. */
    static final Pattern BOUND = Pattern.compile("(?<![:\\w]):(lo|hi)\\b");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.:-]{1,200}");

    public BackfillJob {
        table = table == null ? "" : table.strip();
        set = clean(set);
        sql = clean(sql);
        where = clean(where);
        givenId = clean(givenId);
        if (table.isEmpty()) {
            throw EngineException.badInput("--table: no table given");
        }
        if (set.isPresent() == sql.isPresent()) {
            throw EngineException.badInput("backfill needs exactly one of --set (a SET expression) or --sql (a statement with :lo and :hi)");
        }
        if (sql.isPresent() && where.isPresent()) {
            throw EngineException.badInput("--where applies to --set only; put the condition in the --sql statement");
        }
        if (sql.isPresent()) {
            String text = sql.get();
            for (String bound : new String[] {"lo", "hi"}) {
                if (!BOUND.matcher(text).results().anyMatch(m -> m.group(1).equals(bound))) {
                    throw EngineException.badInput("--sql: the statement has no :" + bound
                            + " (write e.g. WHERE id BETWEEN :lo AND :hi; both bounds are inclusive)");
                }
            }
        }
        if (givenId.isPresent() && !ID.matcher(givenId.get()).matches()) {
            throw EngineException.badInput("--id '" + givenId.get() + "': use 1 to 200 letters, digits, '_', '.', ':' or '-'");
        }
    }

    public static BackfillJob ofSet(String table, String set, String where) {
        return new BackfillJob(table, Optional.ofNullable(set), Optional.empty(), Optional.ofNullable(where), Optional.empty());
    }

    public static BackfillJob ofSql(String table, String sql) {
        return new BackfillJob(table, Optional.empty(), Optional.ofNullable(sql), Optional.empty(), Optional.empty());
    }

    public BackfillJob withId(String id) {
        return new BackfillJob(table, set, sql, where, Optional.ofNullable(id));
    }

    /** What the checkpoint remembers to tell a different change under the same id. */
    public String definition() {
        return sql.map(s -> "sql: " + s)
                .orElseGet(() -> "set: " + set.orElseThrow() + where.map(w -> " where: " + w).orElse(""));
    }

    /** {@code --id}, else {@code <table>-<12 hex digits of SHA-256 of table and change>}. */
    public String id() {
        if (givenId.isPresent()) {
            return givenId.get();
        }
        String base = table.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_.]", "_");
        return (base.length() > 150 ? base.substring(0, 150) : base) + "-" + sha256(table + "\n" + definition()).substring(0, 12);
    }

    /** The statement with each bound replaced by {@code ?}, and which bound each one is, in order. */
    Template template() {
        Matcher m = BOUND.matcher(sql.orElseThrow());
        StringBuilder out = new StringBuilder();
        List<Boolean> lows = new ArrayList<>();
        while (m.find()) {
            lows.add(m.group(1).equals("lo"));
            m.appendReplacement(out, "?");
        }
        m.appendTail(out);
        return new Template(out.toString(), List.copyOf(lows));
    }

    /** A {@code --sql} statement ready to prepare: {@code lows.get(i)} says whether parameter i is {@code :lo}. */
    record Template(String sql, List<Boolean> lows) {
    }

    private static Optional<String> clean(Optional<String> value) {
        return value == null ? Optional.empty() : value.map(String::strip).filter(v -> !v.isEmpty());
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
