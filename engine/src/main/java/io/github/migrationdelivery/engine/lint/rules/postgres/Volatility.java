package io.github.migrationdelivery.engine.lint.rules.postgres;

import io.github.migrationdelivery.engine.sql.Token;
import io.github.migrationdelivery.engine.sql.TokenType;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The volatility class of an expression (PostgreSQL's {@code provolatile}), judged from the
 * functions it calls. It decides whether {@code ADD COLUMN ... DEFAULT expr} is metadata-only
 * (PostgreSQL 11+ evaluates a non-volatile default once and stores it in the catalog) or rewrites
 * the table (a volatile default is evaluated per row).
 *
 * @param kind     the most volatile class found
 * @param function the call that decided it ({@code gen_random_uuid()}, or the unknown function), empty otherwise
 */
public record Volatility(Kind kind, String function) {

    /** Ordered from least to most worrying. */
    public enum Kind { IMMUTABLE, STABLE, UNKNOWN, VOLATILE }

    // Built-ins that are VOLATILE in pg_proc and commonly used as column defaults.
    private static final Set<String> VOLATILE = Set.of(
            "random", "random_normal", "gen_random_uuid", "uuidv4", "uuidv7", "uuid_generate_v1",
            "uuid_generate_v1mc", "uuid_generate_v4", "clock_timestamp", "timeofday", "nextval", "setval",
            "currval", "lastval", "txid_current", "pg_current_xact_id", "gen_random_bytes", "gen_salt",
            "pg_backend_pid", "inet_client_addr");

    // Built-ins that are STABLE: evaluated once per statement, so fine as a default on 11+.
    private static final Set<String> STABLE = Set.of(
            "now", "transaction_timestamp", "statement_timestamp", "current_setting", "to_char", "concat",
            "concat_ws", "format", "to_timestamp", "to_date", "to_number", "date_trunc", "date_part",
            "age", "current_database", "current_schema", "current_schemas", "current_user", "session_user",
            "version", "jsonb_build_object", "json_build_object", "jsonb_build_array", "json_build_array",
            "to_jsonb", "to_json", "localtimestamp", "localtime");

    // Built-ins (and grammar constructs that look like calls) that are IMMUTABLE.
    private static final Set<String> IMMUTABLE = Set.of(
            "cast", "coalesce", "nullif", "greatest", "least", "lower", "upper", "length", "char_length",
            "md5", "abs", "round", "trunc", "floor", "ceil", "ceiling", "substring", "substr", "trim",
            "btrim", "ltrim", "rtrim", "replace", "left", "right", "lpad", "rpad", "make_interval",
            "make_date", "make_timestamp", "array", "row", "extract", "position", "overlay", "interval",
            "jsonb", "json", "array_fill", "repeat", "sha256", "encode", "decode", "int4", "int8",
            "numeric", "text", "varchar", "timestamp", "timestamptz", "date", "uuid", "boolean");

    // Words that PostgreSQL's grammar evaluates without parentheses; all STABLE.
    private static final Set<String> STABLE_KEYWORDS = Set.of(
            "current_timestamp", "current_date", "current_time", "localtimestamp", "localtime",
            "current_user", "session_user", "current_role", "user", "current_schema", "current_catalog");

    public boolean volatileOrUnknown() {
        return kind == Kind.VOLATILE || kind == Kind.UNKNOWN;
    }

    /** Classifies an expression given as tokens (comments already removed). */
    public static Volatility of(List<Token> expression) {
        Volatility result = new Volatility(Kind.IMMUTABLE, "");
        for (int i = 0; i < expression.size(); i++) {
            Token t = expression.get(i);
            if (!t.isIdentifier()) {
                continue;
            }
            Token next = i + 1 < expression.size() ? expression.get(i + 1) : null;
            Token previous = i > 0 ? expression.get(i - 1) : null;
            boolean call = next != null && next.isSymbol("(");
            if (!call) {
                if (t.type() == TokenType.WORD && STABLE_KEYWORDS.contains(t.identifier())) {
                    result = worse(result, new Volatility(Kind.STABLE, t.text()));
                }
                continue;
            }
            // varchar(20) after :: or AS (inside CAST) is a type modifier, not a call.
            if (previous != null && (previous.isSymbol("::") || previous.is("AS"))) {
                continue;
            }
            // schema.f(...): the part before the dot is not the function.
            String name = t.identifier().toLowerCase(Locale.ROOT);
            result = worse(result, classify(name, t.text() + "()"));
            if (result.kind == Kind.VOLATILE) {
                return result;
            }
        }
        return result;
    }

    private static Volatility classify(String name, String shown) {
        if (VOLATILE.contains(name)) {
            return new Volatility(Kind.VOLATILE, shown);
        }
        if (STABLE.contains(name) || STABLE_KEYWORDS.contains(name)) {
            return new Volatility(Kind.STABLE, shown);
        }
        if (IMMUTABLE.contains(name)) {
            return new Volatility(Kind.IMMUTABLE, shown);
        }
        return new Volatility(Kind.UNKNOWN, shown);
    }

    private static Volatility worse(Volatility a, Volatility b) {
        return b.kind.ordinal() > a.kind.ordinal() ? b : a;
    }
}
