package io.github.migrationdelivery.engine.lock;

import io.github.migrationdelivery.engine.lock.MysqlDdl.Algorithm;
import io.github.migrationdelivery.engine.lock.MysqlDdl.LockOption;
import io.github.migrationdelivery.engine.plan.Dialect;
import io.github.migrationdelivery.engine.plan.ServerVersion;
import io.github.migrationdelivery.engine.sql.AlterAction;
import io.github.migrationdelivery.engine.sql.ColumnDef;
import io.github.migrationdelivery.engine.sql.ConstraintDef;
import io.github.migrationdelivery.engine.sql.StatementShape;
import io.github.migrationdelivery.engine.sql.Token;
import io.github.migrationdelivery.engine.sql.TokenType;
import io.github.migrationdelivery.engine.sql.TypeRef;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The one table of "ALTER action → online-DDL algorithm" for MySQL 8 and MariaDB 10.x (MySQL
 * manual "Online DDL Operations", MariaDB "InnoDB Online DDL Operations"). A prediction only:
 * whether MODIFY COLUMN is INSTANT depends on the column's current type, which the dry-run
 * measures by asking the server for ALGORITHM=INSTANT, then INPLACE.
 */
public final class MysqlLocks {

    private final Dialect dialect;
    private final ServerVersion version;

    public MysqlLocks(Dialect dialect, ServerVersion version) {
        this.dialect = dialect;
        this.version = version;
    }

    /** The least disruptive algorithm the server can use for the action. */
    public Algorithm algorithm(AlterAction action) {
        switch (action.kind()) {
            case ADD_COLUMN:
                if (action.definition() != null && (action.definition().autoIncrement() || action.definition().generatedStored()
                        || isExpressionDefault(action.definition()))) {
                    // An expression default is evaluated per existing row: no INSTANT, the table is copied.
                    return Algorithm.COPY;
                }
                return instantAdd(action) ? Algorithm.INSTANT : Algorithm.INPLACE;
            case DROP_COLUMN:
                return instantDrop() ? Algorithm.INSTANT : Algorithm.INPLACE;
            case RENAME_COLUMN:
            case SET_DEFAULT:
            case DROP_DEFAULT:
            case RENAME_TABLE:
            case RENAME_INDEX:
                return Algorithm.INSTANT;
            case MODIFY_COLUMN:
                // Without the current definition assume a type change: the table is copied.
                return Algorithm.COPY;
            case ADD_INDEX:
            case DROP_INDEX:
            case DROP_FOREIGN_KEY:
                return Algorithm.INPLACE;
            case ADD_CONSTRAINT:
                ConstraintDef c = action.constraint();
                if (c != null && (c.type() == ConstraintDef.Type.FOREIGN_KEY || c.type() == ConstraintDef.Type.CHECK)) {
                    return Algorithm.COPY;
                }
                return Algorithm.INPLACE;
            case DROP_PRIMARY_KEY:
            case CONVERT_CHARSET:
                return Algorithm.COPY;
            case FORCE:
            case TABLE_OPTION:
                return Algorithm.INPLACE;
            default:
                return Algorithm.INPLACE;
        }
    }

    /**
     * The algorithm for the action when the column's current type is known (from the plan):
     * MODIFY/CHANGE that keeps the type rebuilds in place, VARCHAR widening within the same
     * length prefix and ENUM/SET appends are metadata changes; every other type change copies.
     */
    public Algorithm algorithm(AlterAction action, Optional<TypeRef> currentType) {
        if (action.kind() != AlterAction.Kind.MODIFY_COLUMN || currentType.isEmpty() || action.definition() == null
                || action.definition().type() == null) {
            return algorithm(action);
        }
        ColumnDef def = action.definition();
        if (def.autoIncrement() || def.generatedStored()) {
            return Algorithm.COPY;
        }
        Algorithm byType;
        switch (typeChange(currentType.get(), def.type(), bytesPerChar(action.tokens()))) {
            case SAME_TYPE:
                byType = Algorithm.INPLACE; // NULL/NOT NULL changes rebuild in place; defaults and comments are cheaper
                break;
            case VARCHAR_WIDENING:
                byType = dialect == Dialect.MARIADB && version.atLeast(10, 4) ? Algorithm.INSTANT : Algorithm.INPLACE;
                break;
            case ENUM_APPEND:
                byType = Algorithm.INSTANT;
                break;
            default:
                return Algorithm.COPY;
        }
        // Moving the column (FIRST/AFTER) rebuilds the table.
        return def.position().isEmpty() ? byType : Algorithm.INPLACE;
    }

    /**
     * The algorithm for one action in the context of its statement: DROP PRIMARY KEY together
     * with ADD PRIMARY KEY rebuilds in place (concurrent DML allowed); alone it copies.
     */
    public Algorithm algorithm(StatementShape.AlterTable alter, AlterAction action, Optional<TypeRef> currentType) {
        if (action.kind() == AlterAction.Kind.DROP_PRIMARY_KEY && alter.actions().stream().anyMatch(a ->
                a.kind() == AlterAction.Kind.ADD_CONSTRAINT && a.constraint() != null
                        && a.constraint().type() == ConstraintDef.Type.PRIMARY_KEY)) {
            return Algorithm.INPLACE;
        }
        return algorithm(action, currentType);
    }

    /** How a MODIFY/CHANGE relates the column's current type to its new one. */
    public enum TypeChange {
        SAME_TYPE,
        /** VARCHAR/VARBINARY made longer, staying on the same side of the 255-byte length prefix. */
        VARCHAR_WIDENING,
        /** VARCHAR/VARBINARY made longer across 255 bytes: the length prefix grows from 1 to 2 bytes. */
        VARCHAR_CROSSES_LENGTH_PREFIX,
        /** ENUM/SET with values only appended, storage size unchanged. */
        ENUM_APPEND,
        /** ENUM/SET values removed, reordered, inserted in the middle, or storage size changed. */
        ENUM_REWRITE,
        /** Any other change, including narrowing. */
        OTHER
    }

    private static final Map<String, String> TYPE_SYNONYMS = Map.of(
            "integer", "int", "bool", "tinyint", "boolean", "tinyint", "dec", "decimal", "numeric", "decimal",
            "character varying", "varchar", "fixed", "decimal", "double precision", "double");

    private static final List<String> INTEGER_TYPES = List.of("tinyint", "smallint", "mediumint", "int", "bigint");

    public static TypeChange typeChange(TypeRef from, TypeRef to, int bytesPerChar) {
        String a = canonical(from.name());
        String b = canonical(to.name());
        if (a.equals(b) && ("enum".equals(a) || "set".equals(a))) {
            return enumChange(a, values(from), values(to));
        }
        if (a.equals(b) && ("varchar".equals(a) || "varbinary".equals(a)) && from.length() > 0 && to.length() > 0
                && unsigned(from) == unsigned(to)) {
            int perChar = "varbinary".equals(a) ? 1 : bytesPerChar;
            if (to.length() < from.length()) {
                return TypeChange.OTHER;
            }
            if (to.length() == from.length()) {
                return TypeChange.SAME_TYPE;
            }
            boolean shortBefore = from.length() * perChar <= 255;
            boolean shortAfter = to.length() * perChar <= 255;
            return shortBefore == shortAfter ? TypeChange.VARCHAR_WIDENING : TypeChange.VARCHAR_CROSSES_LENGTH_PREFIX;
        }
        if (!a.equals(b) || unsigned(from) != unsigned(to)) {
            return TypeChange.OTHER;
        }
        // int(11) and int are the same type: the display width is not storage.
        if (INTEGER_TYPES.contains(a)) {
            return TypeChange.SAME_TYPE;
        }
        return normalizedArgs(from).equals(normalizedArgs(to)) ? TypeChange.SAME_TYPE : TypeChange.OTHER;
    }

    private static TypeChange enumChange(String kind, List<String> before, List<String> after) {
        if (after.size() < before.size() || !after.subList(0, before.size()).equals(before)) {
            return TypeChange.ENUM_REWRITE;
        }
        if (after.size() == before.size()) {
            return TypeChange.SAME_TYPE;
        }
        // ENUM takes 1 byte up to 255 values; SET 1, 2, 3, 4 or 8 bytes by member count.
        boolean sameSize = "enum".equals(kind)
                ? (before.size() <= 255) == (after.size() <= 255)
                : setBytes(before.size()) == setBytes(after.size());
        return sameSize ? TypeChange.ENUM_APPEND : TypeChange.ENUM_REWRITE;
    }

    private static int setBytes(int members) {
        int bytes = (members + 7) / 8;
        return bytes > 4 ? 8 : bytes;
    }

    private static String canonical(String name) {
        String n = name == null ? "" : name.toLowerCase(Locale.ROOT).trim();
        return TYPE_SYNONYMS.getOrDefault(n, n);
    }

    private static boolean unsigned(TypeRef t) {
        return t.text() != null && t.text().toLowerCase(Locale.ROOT).contains("unsigned");
    }

    /** ENUM/SET values without their quotes, in order. */
    public static List<String> values(TypeRef t) {
        return t.args().stream().map(v -> {
            String s = v.trim();
            if (s.length() >= 2 && (s.charAt(0) == '\'' || s.charAt(0) == '"') && s.charAt(s.length() - 1) == s.charAt(0)) {
                s = s.substring(1, s.length() - 1);
            }
            return s;
        }).toList();
    }

    private static List<String> normalizedArgs(TypeRef t) {
        return t.args().stream().map(v -> v.trim().toLowerCase(Locale.ROOT)).toList();
    }

    /**
     * Bytes per character of a column definition's character set ({@code CHARACTER SET x},
     * {@code CHARSET x} or {@code COLLATE x_...}); utf8mb4 (4) when not given, as it is the
     * default of MySQL 8 and recent MariaDB.
     */
    public static int bytesPerChar(List<Token> definitionTokens) {
        for (int i = 0; i + 1 < definitionTokens.size(); i++) {
            Token t = definitionTokens.get(i);
            int valueAt = -1;
            if (t.is("CHARSET") || t.is("COLLATE")) {
                valueAt = i + 1;
            } else if (t.is("CHARACTER") && definitionTokens.get(i + 1).is("SET")) {
                valueAt = i + 2;
            }
            if (valueAt > 0 && valueAt < definitionTokens.size() && definitionTokens.get(valueAt).isSymbol("=")) {
                valueAt++;
            }
            if (valueAt > 0 && valueAt < definitionTokens.size()) {
                return charsetBytes(definitionTokens.get(valueAt).identifier());
            }
        }
        return 4;
    }

    private static int charsetBytes(String charsetOrCollation) {
        String c = charsetOrCollation.toLowerCase(Locale.ROOT);
        if (c.startsWith("utf8mb4") || c.startsWith("utf16") || c.startsWith("utf32")) {
            return 4;
        }
        if (c.startsWith("utf8")) {
            return 3; // utf8 and utf8mb3
        }
        if (c.startsWith("ucs2")) {
            return 2;
        }
        if (c.startsWith("ujis") || c.startsWith("eucjpms")) {
            return 3;
        }
        if (c.startsWith("big5") || c.startsWith("gbk") || c.startsWith("sjis") || c.startsWith("cp932")
                || c.startsWith("euckr") || c.startsWith("gb2312")) {
            return 2;
        }
        if (c.startsWith("gb18030")) {
            return 4;
        }
        return 1; // latin1, ascii, binary and the other single-byte sets
    }

    /**
     * True for a DEFAULT that is an expression evaluated per row ({@code DEFAULT (uuid())},
     * MariaDB {@code DEFAULT uuid()}): not a literal, not {@code NULL}, not
     * {@code CURRENT_TIMESTAMP}/{@code NOW()} (which the server stores as a constant marker).
     */
    public static boolean isExpressionDefault(ColumnDef def) {
        List<Token> e = def.defaultExpr();
        while (e.size() >= 2 && e.get(0).isSymbol("(") && e.get(e.size() - 1).isSymbol(")")) {
            e = e.subList(1, e.size() - 1);
        }
        if (e.isEmpty()) {
            return false;
        }
        if (e.size() == 1 || e.size() == 2 && (e.get(0).isSymbol("-") || e.get(0).isSymbol("+"))) {
            Token v = e.get(e.size() - 1);
            return !(v.type() == TokenType.STRING
                    || v.type() == TokenType.NUMBER
                    || v.is("NULL") || v.is("TRUE") || v.is("FALSE") || isCurrentTimestamp(v));
        }
        // CURRENT_TIMESTAMP(6), NOW(), NOW(3)
        if (isCurrentTimestamp(e.get(0)) && e.get(1).isSymbol("(") && e.get(e.size() - 1).isSymbol(")") && e.size() <= 4) {
            return false;
        }
        // A typed literal: DATE '2024-01-01', b'0101' lexed as prefix + string.
        return !(e.size() == 2 && e.get(1).type() == TokenType.STRING);
    }

    private static boolean isCurrentTimestamp(Token t) {
        return t.is("CURRENT_TIMESTAMP") || t.is("NOW") || t.is("LOCALTIME") || t.is("LOCALTIMESTAMP");
    }

    /**
     * The algorithm an ALTER TABLE runs with: the worst of its actions (using the columns' current
     * types where the plan knows them), raised to an explicit {@code ALGORITHM=} clause.
     */
    public Algorithm algorithm(StatementShape.AlterTable alter, Function<String, Optional<TypeRef>> currentType) {
        Algorithm worst = null;
        for (AlterAction a : alter.actions()) {
            if (a.kind() == AlterAction.Kind.ALGORITHM || a.kind() == AlterAction.Kind.LOCK) {
                continue;
            }
            Algorithm al = algorithm(alter, a, a.column().isEmpty() ? Optional.empty() : currentType.apply(a.column()));
            worst = worst == null || al.ordinal() > worst.ordinal() ? al : worst;
        }
        Algorithm requested = algorithmOption(alter.algorithm());
        if (worst == null) {
            return requested == null ? Algorithm.INSTANT : requested;
        }
        return requested != null && requested.ordinal() > worst.ordinal() ? requested : worst;
    }

    /** {@link #impact(StatementShape)} for an ALTER TABLE, using the columns' current types where known. */
    public LockImpact impact(StatementShape.AlterTable alter, Function<String, Optional<TypeRef>> currentType) {
        boolean sharedIndex = alter.actions().stream()
                .anyMatch(a -> a.kind() == AlterAction.Kind.ADD_INDEX && isFullTextOrSpatial(a));
        LockOption lock = lockOption(alter.lock());
        if (lock == LockOption.DEFAULT && sharedIndex) {
            lock = LockOption.SHARED;
        }
        return MysqlDdl.impact(algorithm(alter, currentType), lock);
    }

    /** The impact of a whole statement when the columns' current types are unknown. */
    public Optional<LockImpact> impact(StatementShape shape) {
        return impact(shape, column -> Optional.empty());
    }

    /**
     * The impact of a whole statement: for ALTER TABLE the worst of its actions (using the
     * columns' current types where known), honouring explicit ALGORITHM= and LOCK= clauses.
     */
    public Optional<LockImpact> impact(StatementShape shape, Function<String, Optional<TypeRef>> currentType) {
        if (shape instanceof StatementShape.AlterTable alter) {
            return Optional.of(impact(alter, currentType));
        }
        if (shape instanceof StatementShape.CreateIndex ci) {
            boolean shared = "FULLTEXT".equals(ci.method()) || "SPATIAL".equals(ci.method());
            LockOption lock = lockOption(ci.lock());
            return Optional.of(MysqlDdl.impact(Algorithm.INPLACE, lock == LockOption.DEFAULT && shared ? LockOption.SHARED : lock));
        }
        if (shape instanceof StatementShape.DropIndex) {
            return Optional.of(MysqlDdl.impact(Algorithm.INPLACE, LockOption.DEFAULT));
        }
        if (shape instanceof StatementShape.Drop d && "TABLE".equals(d.objectType())
                || shape instanceof StatementShape.Truncate) {
            return Optional.of(new LockImpact("MDL_EXCLUSIVE", true, true, true, null));
        }
        if (shape instanceof StatementShape.Dml dml && dml.kind() != StatementShape.Dml.Kind.SELECT) {
            return Optional.of(new LockImpact("MDL_SHARED_WRITE", false, false, false, null));
        }
        return Optional.empty();
    }

    private boolean instantAdd(AlterAction action) {
        boolean positioned = action.definition() != null && !action.definition().position().isEmpty();
        if (dialect == Dialect.MARIADB) {
            // 10.3 added instant ADD COLUMN at the end; 10.4 anywhere.
            return version.atLeast(10, 4) || version.atLeast(10, 3) && !positioned;
        }
        return version.atLeast(8, 0) && (version.compareTo(new ServerVersion(8, 0, 29)) >= 0
                || !positioned && version.compareTo(new ServerVersion(8, 0, 12)) >= 0);
    }

    private boolean instantDrop() {
        return dialect == Dialect.MARIADB ? version.atLeast(10, 4) : version.compareTo(new ServerVersion(8, 0, 29)) >= 0;
    }

    /** MySQL ADD FULLTEXT/SPATIAL INDEX: no concurrent DML while it builds. */
    public static boolean isFullTextOrSpatial(AlterAction a) {
        return !a.tokens().isEmpty() && a.tokens().stream().limit(3).anyMatch(t -> t.is("FULLTEXT") || t.is("SPATIAL"));
    }

    /** Parses a LOCK= value; empty means not given. */
    public static LockOption lockOption(String value) {
        if (value == null || value.isEmpty()) {
            return LockOption.DEFAULT;
        }
        return LockOption.valueOf(value.toUpperCase(Locale.ROOT));
    }

    /** Parses an ALGORITHM= value; null when not given or DEFAULT. */
    public static Algorithm algorithmOption(String value) {
        if (value == null || value.isEmpty() || "DEFAULT".equalsIgnoreCase(value)) {
            return null;
        }
        return Algorithm.valueOf(value.toUpperCase(Locale.ROOT));
    }
}
