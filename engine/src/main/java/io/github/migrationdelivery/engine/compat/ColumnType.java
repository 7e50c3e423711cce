package io.github.migrationdelivery.engine.compat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A column type as the catalogs format it ({@code character varying(50)}, {@code numeric(12,2)},
 * {@code int(10) unsigned}, {@code enum('a','b')}), read far enough to tell whether a change from
 * one to another can lose values the running application writes.
 *
 * @param base     the type's name, lower case, with the usual synonyms merged ({@code varchar}, {@code int}, {@code numeric})
 * @param args     the numbers in parentheses (length, precision and scale); empty when none
 * @param unsigned MariaDB/MySQL {@code unsigned}
 * @param labels   an inline enum's values (MariaDB/MySQL {@code enum(...)})
 */
record ColumnType(String base, List<Integer> args, boolean unsigned, List<String> labels) {

    private static final Map<String, String> SYNONYMS = Map.ofEntries(
            Map.entry("character varying", "varchar"), Map.entry("character", "char"), Map.entry("integer", "int"),
            Map.entry("int4", "int"), Map.entry("int2", "smallint"), Map.entry("int8", "bigint"),
            Map.entry("decimal", "numeric"), Map.entry("bit varying", "varbit"), Map.entry("double precision", "double"),
            Map.entry("float8", "double"), Map.entry("float4", "real"), Map.entry("float", "real"));

    /** Bytes of each integer type: fewer bytes hold fewer values. */
    private static final Map<String, Integer> INTEGER_BYTES = Map.of("tinyint", 1, "smallint", 2, "mediumint", 3, "int", 4, "bigint", 8);

    /** Types whose one argument is a maximum length, and the unbounded type of each family. */
    private static final Map<String, String> LENGTH_FAMILY = Map.of("varchar", "text", "char", "text", "varbinary", "blob",
            "binary", "blob", "varbit", "varbit", "bit", "varbit");

    private static final Map<String, Integer> TEXT_BYTES = Map.of("tinytext", 255, "text", 65_535, "mediumtext", 16_777_215,
            "longtext", Integer.MAX_VALUE, "tinyblob", 255, "blob", 65_535, "mediumblob", 16_777_215, "longblob", Integer.MAX_VALUE);

    static ColumnType parse(String formatted) {
        String t = formatted.strip().toLowerCase(Locale.ROOT);
        boolean unsigned = t.contains(" unsigned");
        t = t.replace(" unsigned", "").replace(" zerofill", "");
        if (t.startsWith("enum(") || t.startsWith("set(")) {
            String original = formatted.strip(); // labels keep their case
            return new ColumnType(t.substring(0, t.indexOf('(')), List.of(), false,
                    labels(original.substring(original.indexOf('(') + 1, original.lastIndexOf(')'))));
        }
        String base = t;
        List<Integer> args = new ArrayList<>();
        int open = t.indexOf('(');
        if (open >= 0 && t.indexOf(')', open) > open) {
            int close = t.indexOf(')', open);
            for (String a : t.substring(open + 1, close).split(",")) {
                try {
                    args.add(Integer.parseInt(a.strip()));
                } catch (NumberFormatException e) {
                    // a non-numeric modifier (interval fields): kept in the base so that it still compares
                    base = t;
                    args.clear();
                    break;
                }
            }
            if (!args.isEmpty()) {
                base = (t.substring(0, open) + t.substring(close + 1)).strip();
            }
        }
        base = SYNONYMS.getOrDefault(base, base);
        // A MariaDB/MySQL integer's "(11)" is a display width, not a range.
        if (INTEGER_BYTES.containsKey(base)) {
            args.clear();
        }
        return new ColumnType(base, List.copyOf(args), unsigned, List.of());
    }

    /**
     * Why a column of this type changed to {@code after} can no longer hold every value it held
     * (or the application read it as before); empty when every old value still fits unchanged.
     */
    String narrowing(ColumnType after) {
        if (equals(after)) {
            return "";
        }
        Integer bytes = INTEGER_BYTES.get(base);
        Integer afterBytes = INTEGER_BYTES.get(after.base);
        if (bytes != null && afterBytes != null) {
            if (afterBytes < bytes || (unsigned && !after.unsigned && afterBytes.equals(bytes))) {
                return "integer range narrowed";
            }
            return !unsigned && after.unsigned ? "negative values no longer fit" : "";
        }
        if (bytes != null && after.base.equals("numeric")) {
            return after.args.isEmpty() || integerDigits(after) >= 20 ? "" : "integer digits limited to " + integerDigits(after);
        }
        if (LENGTH_FAMILY.containsKey(base) || TEXT_BYTES.containsKey(base)) {
            return lengthNarrowing(after);
        }
        if (base.equals("numeric") && after.base.equals("numeric")) {
            if (after.args.isEmpty()) {
                return "";
            }
            if (args.isEmpty()) {
                return "unbounded numeric limited to numeric" + after.args;
            }
            if (scale(after) < scale(this)) {
                return "scale cut from " + scale(this) + " to " + scale(after) + " decimal places";
            }
            return integerDigits(after) < integerDigits(this)
                    ? "integer digits cut from " + integerDigits(this) + " to " + integerDigits(after) : "";
        }
        if (base.equals("real") && after.base.equals("double") || base.equals("smallint") && after.base.equals("real")) {
            return "";
        }
        if ((base.equals("enum") || base.equals("set")) && base.equals(after.base)) {
            return "";
        }
        if (base.equals(after.base) && args.size() == after.args.size() && !args.isEmpty()) {
            // time(6) -> time(3), timestamp(6) -> timestamp(0): fractional seconds cut
            return after.args.get(0) < args.get(0) ? "precision cut from " + args.get(0) + " to " + after.args.get(0) : "";
        }
        return "type changed";
    }

    private String lengthNarrowing(ColumnType after) {
        int before = maxLength(this);
        int now = maxLength(after);
        if (now < 0) {
            return "type changed";
        }
        if (now < before) {
            return "maximum length cut from " + (before == Integer.MAX_VALUE ? "unlimited" : before) + " to " + now;
        }
        // char(n) pads, varchar does not: the application reads other values
        return base.equals("char") != after.base.equals("char") && !after.base.equals("text") ? "type changed" : "";
    }

    /** The most characters (or bytes) the type holds; -1 when it is not a string or binary type. */
    private static int maxLength(ColumnType t) {
        if (TEXT_BYTES.containsKey(t.base)) {
            return t.base.equals("text") && t.args.isEmpty() ? Integer.MAX_VALUE : TEXT_BYTES.get(t.base);
        }
        if (LENGTH_FAMILY.containsKey(t.base)) {
            return t.args.isEmpty() ? (t.base.equals("char") || t.base.equals("binary") ? 1 : Integer.MAX_VALUE) : t.args.get(0);
        }
        return -1;
    }

    private static int scale(ColumnType t) {
        return t.args.size() > 1 ? t.args.get(1) : 0;
    }

    private static int integerDigits(ColumnType t) {
        return t.args.isEmpty() ? Integer.MAX_VALUE : t.args.get(0) - scale(t);
    }

    private static List<String> labels(String inside) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = null;
        for (int i = 0; i < inside.length(); i++) {
            char c = inside.charAt(i);
            if (cur == null) {
                if (c == '\'') {
                    cur = new StringBuilder();
                }
            } else if (c == '\'' && i + 1 < inside.length() && inside.charAt(i + 1) == '\'') {
                cur.append('\'');
                i++;
            } else if (c == '\'') {
                out.add(cur.toString());
                cur = null;
            } else {
                cur.append(c);
            }
        }
        return List.copyOf(out);
    }
}
