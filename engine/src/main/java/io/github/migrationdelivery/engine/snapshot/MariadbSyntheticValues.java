package io.github.migrationdelivery.engine.snapshot;

import io.github.migrationdelivery.engine.plan.Dialect;
import io.github.migrationdelivery.engine.snapshot.SyntheticCatalog.Column;
import io.github.migrationdelivery.engine.snapshot.SyntheticCatalog.Table;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@link SyntheticValues} in MariaDB. Rows come from the SEQUENCE engine's {@code seq_1_to_<n>}
 * tables, or, on a server built without it, from a cross join of digits. Values are not cast: the
 * server converts on insert, and strict mode turns a value that does not fit into an error.
 */
final class MariadbSyntheticValues implements SyntheticValues {

    /** Seconds a generated TIMESTAMP may lie after 2020-01-01: about 16 years, well before 2038. */
    private static final long TIMESTAMP_SPAN = 500_000_000L;

    private final boolean sequenceEngine;

    /** @param sequenceEngine whether the server has the SEQUENCE engine (seq_1_to_n tables) */
    MariadbSyntheticValues(boolean sequenceEngine) {
        this.sequenceEngine = sequenceEngine;
    }

    @Override
    public String table(Table t) {
        return quote(t.name()); // the session's database is the throw-away copy
    }

    @Override
    public String quote(String identifier) {
        return ServerSql.quote(Dialect.MARIADB, identifier);
    }

    @Override
    public String series(long n) {
        if (sequenceEngine) {
            // seq is BIGINT UNSIGNED: signed, so arithmetic on g never stops at zero.
            return "(SELECT CAST(seq AS SIGNED) AS g FROM seq_1_to_" + n + ") AS series";
        }
        int digits = Long.toString(Math.max(1, n - 1)).length();
        List<String> terms = new ArrayList<>();
        List<String> from = new ArrayList<>();
        long weight = 1;
        for (int i = 0; i < digits; i++) {
            terms.add(weight + " * d" + i + ".d");
            from.add("(SELECT 0 AS d UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4"
                    + " UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9) AS d" + i);
            weight *= 10;
        }
        String number = "1 + " + String.join(" + ", terms);
        return "(SELECT " + number + " AS g FROM " + String.join(" CROSS JOIN ", from)
                + " WHERE " + number + " <= " + n + ") AS series";
    }

    @Override
    public String randomUpTo(long max) {
        return "CAST(1 + FLOOR(RAND() * " + max + ") AS SIGNED)";
    }

    @Override
    public String chance(double p) {
        return "RAND() < " + p;
    }

    @Override
    public String divide(String dividend, long divisor) {
        return "(" + dividend + ") DIV " + divisor;
    }

    @Override
    public String insert(Table t, List<String> columns, String select) {
        return "INSERT INTO " + table(t) + " (" + String.join(", ", columns) + ") " + select;
    }

    @Override
    public Optional<String> typed(Column c, String k, boolean key) {
        String type = c.type().toLowerCase(Locale.ROOT);
        boolean unsigned = type.contains("unsigned");
        String v = switch (c.baseType()) {
            case "tinyint" -> type.startsWith("tinyint(1)") ? "(" + k + ") % 2" : wrap(k, unsigned ? 255 : 127);
            case "smallint" -> wrap(k, unsigned ? 65_535 : 32_767);
            case "mediumint" -> wrap(k, unsigned ? 16_777_215 : 8_388_607);
            case "int" -> wrap(k, unsigned ? 4_294_967_295L : 2_147_483_647);
            case "bigint" -> "(" + k + ")";
            // A float or double with (M,D) is bounded like a decimal.
            case "decimal", "float", "double" -> c.integerDigits() == 0 ? "(" + k + ") * 1.5"
                    : "((" + k + ") % " + (long) Math.pow(10, c.integerDigits()) + ")";
            case "bit" -> c.precision() >= 63 ? "(" + k + ")" : "((" + k + ") % " + (1L << c.precision()) + ")";
            // The number first keeps values distinct; md5 pads them to the source's average width.
            case "char", "varchar", "tinytext", "text", "mediumtext", "longtext" ->
                    "RPAD(CONCAT(" + k + ", '-'), " + c.textWidth(key) + ", MD5(" + k + "))";
            case "binary" -> bytes(k, c.length());
            case "varbinary", "tinyblob", "blob", "mediumblob", "longblob" -> bytes(k, c.textWidth(key));
            case "date" -> "DATE '2000-01-01' + INTERVAL ((" + k + ") % 2000000) DAY";
            case "datetime" -> "TIMESTAMP '2020-01-01 00:00:00' + INTERVAL ((" + k + ") * 37) SECOND";
            case "timestamp" -> "TIMESTAMP '2020-01-01 00:00:00' + INTERVAL (((" + k + ") * 37) % " + TIMESTAMP_SPAN + ") SECOND";
            case "time" -> "SEC_TO_TIME((" + k + ") % 86400)";
            case "year" -> "(1901 + (" + k + ") % 255)";
            case "enum", "set" -> "ELT(((" + k + ") - 1) % " + c.labels().size() + " + 1, " + String.join(", ", c.labels()) + ")";
            case "json" -> "JSON_OBJECT('k', " + k + ")";
            // 8-4-4-4-12 hex digits of md5(k), the dashes put in from the right so positions hold.
            case "uuid" -> "INSERT(INSERT(INSERT(INSERT(MD5(" + k + "), 21, 0, '-'), 17, 0, '-'), 13, 0, '-'), 9, 0, '-')";
            case "inet4" -> "INET_NTOA(167772160 + (" + k + ") % 16777216)";
            case "inet6" -> "CONCAT('fd00::', HEX((" + k + ") DIV 65536 % 65536), ':', HEX((" + k + ") % 65536))";
            default -> null;
        };
        return Optional.ofNullable(v);
    }

    /** An integer within a type's positive range (keys of a type too small for the rows collide, as they would in the source). */
    private static String wrap(String k, long max) {
        return "(((" + k + ") - 1) % " + max + " + 1)";
    }

    /**
     * {@code width} bytes: md5(k) repeated when 16 or more (distinct in the first 16), else k itself,
     * big-endian, so narrow binary keys stay distinct too.
     */
    private static String bytes(String k, int width) {
        if (width >= 16) {
            return "LEFT(REPEAT(UNHEX(MD5(" + k + ")), " + ((width + 15) / 16) + "), " + width + ")";
        }
        return "UNHEX(LPAD(HEX(" + k + "), " + 2 * width + ", '0'))";
    }
}
