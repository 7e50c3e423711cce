package io.github.migrationdelivery.engine.snapshot;

import io.github.migrationdelivery.engine.plan.Dialect;
import io.github.migrationdelivery.engine.snapshot.SyntheticCatalog.Column;
import io.github.migrationdelivery.engine.snapshot.SyntheticCatalog.Table;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** {@link SyntheticValues} in PostgreSQL: generate_series, random(), casts to the column's type. */
final class PostgresSyntheticValues implements SyntheticValues {

    @Override
    public String table(Table t) {
        return quote(t.schema()) + "." + quote(t.name());
    }

    @Override
    public String quote(String identifier) {
        return ServerSql.quote(Dialect.POSTGRESQL, identifier);
    }

    @Override
    public String series(long n) {
        return "generate_series(1::bigint, " + n + ") AS g";
    }

    @Override
    public String randomUpTo(long max) {
        return "(1 + floor(random() * " + max + "))::bigint";
    }

    @Override
    public String chance(double p) {
        return "random() < " + p;
    }

    @Override
    public String divide(String dividend, long divisor) {
        return "(" + dividend + ") / " + divisor; // bigint operands: integer division
    }

    @Override
    public String insert(Table t, List<String> columns, String select) {
        boolean overriding = t.columns().stream().anyMatch(c -> c.identityAlways() && !c.generated());
        return "INSERT INTO " + table(t) + " (" + String.join(", ", columns) + ")"
                + (overriding ? " OVERRIDING SYSTEM VALUE " : " ") + select;
    }

    /**
     * A value of the column's type for integer expression k, cast to the column's type (domains check
     * themselves). Keys get at least enough text width to stay distinct.
     */
    @Override
    public Optional<String> typed(Column c, String k, boolean key) {
        if (!c.labels().isEmpty()) { // an enum
            return Optional.of("(enum_range(NULL::" + c.type() + "))[((" + k + ") - 1) % " + c.labels().size() + " + 1]");
        }
        String v;
        switch (c.baseType().toLowerCase(Locale.ROOT)) {
            case "int2" -> v = "((" + k + ") - 1) % 32767 + 1";
            case "int4", "int8", "oid" -> v = "(" + k + ")";
            case "numeric" -> v = c.integerDigits() == 0 ? "(" + k + ")::numeric"
                    : "((" + k + ") % " + (long) Math.pow(10, c.integerDigits()) + ")::numeric";
            case "float4", "float8" -> v = "(" + k + ") * 1.5";
            case "money" -> v = "(" + k + ")::numeric";
            case "bool" -> v = "(" + k + ") % 2 = 0";
            // The number first keeps values distinct; md5 pads them to the source's average width.
            case "text", "varchar", "bpchar", "name", "citext" ->
                    v = "rpad((" + k + ")::text || '-', " + c.textWidth(key) + ", md5((" + k + ")::text))";
            case "uuid" -> v = "md5((" + k + ")::text)::uuid";
            case "date" -> v = "date '2000-01-01' + ((" + k + ") % 2000000)::int";
            case "timestamp", "timestamptz" -> v = "timestamp '2020-01-01' + (" + k + ") * interval '37 seconds'";
            case "time", "timetz" -> v = "time '00:00' + ((" + k + ") % 86400) * interval '1 second'";
            case "interval" -> v = "(" + k + ") * interval '1 minute'";
            case "json", "jsonb" -> v = "json_build_object('k', " + k + ")";
            case "bytea" -> v = "decode(md5((" + k + ")::text), 'hex')";
            case "inet" -> v = "'10.0.0.0'::inet + (" + k + ")";
            default -> {
                return Optional.empty();
            }
        }
        return Optional.of("CAST(" + v + " AS " + c.type() + ")");
    }
}
