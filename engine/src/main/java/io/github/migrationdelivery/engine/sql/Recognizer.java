package io.github.migrationdelivery.engine.sql;

import io.github.migrationdelivery.engine.plan.Dialect;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Recognises the shape of migration statements from their tokens. It reads what safety depends
 * on (the verb, the table, each ALTER action, column definitions, constraint kinds, NOT VALID,
 * CONCURRENTLY, ALGORITHM/LOCK) and passes over the rest, so it accepts statements that a full
 * parser rejects ({@code ... NOT VALID}, {@code DROP INDEX CONCURRENTLY IF EXISTS}) and runs at
 * lexer speed. What it does not know it says so with {@link StatementShape.Unrecognized}.
 */
public final class Recognizer {

    private static final Set<String> COLUMN_CONSTRAINT_WORDS = Set.of(
            "CONSTRAINT", "NOT", "NULL", "DEFAULT", "PRIMARY", "UNIQUE", "REFERENCES", "CHECK", "GENERATED",
            "COLLATE", "ON", "COMMENT", "AUTO_INCREMENT", "FIRST", "AFTER", "AS", "VISIBLE", "INVISIBLE",
            "STORED", "VIRTUAL", "CHARACTER", "CHARSET", "KEY", "DEFERRABLE", "INITIALLY", "COMPRESSION",
            "STORAGE", "USING");

    private static final Set<String> TYPE_TAIL_WORDS = Set.of(
            "VARYING", "PRECISION", "WITH", "WITHOUT", "TIME", "ZONE", "UNSIGNED", "SIGNED", "ZEROFILL");

    private static final Set<String> TABLE_CONSTRAINT_HEADS = Set.of(
            "CONSTRAINT", "PRIMARY", "UNIQUE", "FOREIGN", "CHECK", "EXCLUDE");

    private final boolean mysql;

    public Recognizer(Dialect dialect) {
        this.mysql = dialect.isMysqlFamily();
    }

    public StatementShape recognize(List<Token> tokens) {
        if (tokens.isEmpty()) {
            return new StatementShape.Unrecognized("");
        }
        Cursor c = new Cursor(tokens);
        Token head = c.next();
        String verb = head.type() == TokenType.WORD ? head.text().toUpperCase(Locale.ROOT) : head.text();
        switch (verb) {
            case "CREATE":
                return create(c);
            case "ALTER":
                return alter(c);
            case "DROP":
                return drop(c);
            case "TRUNCATE":
                return truncate(c);
            case "REINDEX":
                return reindex(c);
            case "RENAME":
                return renameTable(c);
            case "SET":
                return set(c);
            case "RESET":
                return new StatementShape.SetVariable(c.done() ? "" : c.next().identifier(), "", false);
            case "BEGIN":
            case "START":
                return new StatementShape.Transaction(StatementShape.Transaction.Kind.BEGIN);
            case "COMMIT":
            case "END":
                return new StatementShape.Transaction(StatementShape.Transaction.Kind.COMMIT);
            case "ROLLBACK":
            case "ABORT":
                return new StatementShape.Transaction(c.at("TO")
                        ? StatementShape.Transaction.Kind.SAVEPOINT : StatementShape.Transaction.Kind.ROLLBACK);
            case "SAVEPOINT":
                return new StatementShape.Transaction(StatementShape.Transaction.Kind.SAVEPOINT);
            case "RELEASE":
                return new StatementShape.Transaction(StatementShape.Transaction.Kind.RELEASE);
            case "UPDATE":
                return update(c);
            case "DELETE":
                return delete(c);
            case "INSERT":
            case "REPLACE":
                c.accept("IGNORE");
                c.accept("INTO");
                return new StatementShape.Dml(StatementShape.Dml.Kind.INSERT, c.name(), false, List.of());
            case "SELECT":
            case "VALUES":
            case "TABLE":
            case "SHOW":
            case "EXPLAIN":
                return new StatementShape.Dml(StatementShape.Dml.Kind.SELECT, null, false, List.of());
            case "WITH":
                return with(c);
            case "MERGE":
                c.accept("INTO");
                return new StatementShape.Dml(StatementShape.Dml.Kind.MERGE, c.name(), true, List.of());
            case "COPY":
                return new StatementShape.Dml(StatementShape.Dml.Kind.COPY, c.name(), false, List.of());
            case "CALL":
                return new StatementShape.Dml(StatementShape.Dml.Kind.CALL, null, false, List.of());
            case "VACUUM":
                return vacuum(c);
            case "ANALYZE":
            case "ANALYSE":
                return new StatementShape.Maintenance("ANALYZE", lastName(c), false, false);
            case "CLUSTER":
                return new StatementShape.Maintenance("CLUSTER", lastName(c), false, false);
            case "OPTIMIZE":
                c.accept("TABLE");
                return new StatementShape.Maintenance("OPTIMIZE", c.name(), true, false);
            case "REFRESH":
                c.accept("MATERIALIZED", "VIEW");
                boolean concurrently = c.accept("CONCURRENTLY");
                return new StatementShape.Maintenance("REFRESH MATERIALIZED VIEW", c.name(), false, concurrently);
            case "DO":
                return new StatementShape.CodeBlock(doLanguage(c));
            case "COMMENT":
                c.accept("ON");
                return new StatementShape.OtherDdl("COMMENT", objectType(c), c.name(), false);
            case "GRANT":
            case "REVOKE":
                return new StatementShape.Privilege(verb);
            case "LOCK":
                c.acceptAny("TABLE", "TABLES");
                return new StatementShape.OtherDdl("LOCK", "TABLE", c.name(), false);
            case "USE":
                return new StatementShape.OtherDdl("USE", "DATABASE", c.name(), false);
            case "SECURITY":
            case "LABEL":
            case "IMPORT":
                return new StatementShape.OtherDdl(verb, "", null, false);
            default:
                return new StatementShape.Unrecognized(verb);
        }
    }

    // ---- CREATE -------------------------------------------------------------------------------

    private StatementShape create(Cursor c) {
        c.accept("OR", "REPLACE");
        if (c.at("DEFINER")) { // MySQL: CREATE DEFINER=`u`@`h` TRIGGER ...
            c.until(t -> t.is("TRIGGER") || t.is("PROCEDURE") || t.is("FUNCTION") || t.is("VIEW") || t.is("EVENT"));
        }
        boolean temporary = c.acceptAny("TEMP", "TEMPORARY") != null;
        c.acceptAny("GLOBAL", "LOCAL");
        if (!temporary) {
            temporary = c.acceptAny("TEMP", "TEMPORARY") != null;
        }
        c.acceptAny("UNLOGGED");
        if (c.accept("TABLE")) {
            return createTable(c, temporary);
        }
        String indexKind = c.acceptAny("UNIQUE", "FULLTEXT", "SPATIAL");
        if (c.accept("INDEX")) {
            return createIndex(c, indexKind);
        }
        if (indexKind != null) {
            return new StatementShape.Unrecognized("CREATE " + indexKind);
        }
        if (c.accept("TYPE")) {
            QualifiedName name = c.name();
            return new StatementShape.CreateType(name, c.accept("AS", "ENUM"));
        }
        if (c.accept("DOMAIN")) {
            QualifiedName name = c.name();
            return new StatementShape.Domain(name, true, c.containsAtTopLevel("CHECK"));
        }
        if (c.acceptAny("ROLE", "USER", "GROUP") != null) {
            return new StatementShape.Privilege("CREATE");
        }
        String type = objectType(c);
        if (type.isEmpty()) {
            Token t = c.peek();
            return new StatementShape.Unrecognized("CREATE " + (t == null ? "" : t.text().toUpperCase(Locale.ROOT)));
        }
        c.accept("IF", "NOT", "EXISTS");
        return new StatementShape.OtherDdl("CREATE", type, c.name(), false);
    }

    /** Object kinds that hold no table data; consumes the kind words. Empty when none is next. */
    private static String objectType(Cursor c) {
        if (c.accept("MATERIALIZED", "VIEW")) {
            return "MATERIALIZED VIEW";
        }
        if (c.accept("CONSTRAINT", "TRIGGER")) {
            return "TRIGGER";
        }
        if (c.accept("EVENT", "TRIGGER")) {
            return "EVENT TRIGGER";
        }
        if (c.accept("FOREIGN", "TABLE")) {
            return "FOREIGN TABLE";
        }
        if (c.accept("TEXT", "SEARCH")) {
            c.acceptAny("CONFIGURATION", "DICTIONARY", "PARSER", "TEMPLATE");
            return "TEXT SEARCH";
        }
        String kind = c.acceptAny("FUNCTION", "PROCEDURE", "TRIGGER", "VIEW", "SEQUENCE", "EXTENSION", "SCHEMA",
                "DATABASE", "EVENT", "POLICY", "AGGREGATE", "OPERATOR", "COLLATION", "RULE", "PUBLICATION",
                "SUBSCRIPTION", "STATISTICS", "CAST", "CONVERSION", "LANGUAGE", "SERVER", "TABLESPACE", "INDEX",
                "TABLE", "COLUMN", "CONSTRAINT", "TYPE", "DOMAIN", "ROLE", "ACCESS", "TRANSFORM", "LARGE");
        return kind == null ? "" : kind;
    }

    private StatementShape createTable(Cursor c, boolean temporary) {
        boolean ifNotExists = c.accept("IF", "NOT", "EXISTS");
        QualifiedName table = c.name();
        if (table == null) {
            return new StatementShape.Unrecognized("CREATE TABLE");
        }
        if (c.accept("PARTITION", "OF")) {
            return new StatementShape.CreateTable(table, ifNotExists, temporary, false, true, List.of(), List.of(), "");
        }
        if (c.at("AS") || c.at("LIKE") || c.at("SELECT")) {
            return new StatementShape.CreateTable(table, ifNotExists, temporary, true, false, List.of(), List.of(), "");
        }
        List<ColumnDef> columns = new ArrayList<>();
        List<ConstraintDef> constraints = new ArrayList<>();
        if (c.at("(")) {
            for (List<Token> element : Cursor.splitTopLevel(c.parenthesized())) {
                if (element.isEmpty()) {
                    continue;
                }
                Cursor e = new Cursor(element);
                Token first = element.get(0);
                if (isTableConstraintHead(first)) {
                    ConstraintDef def = constraint(e);
                    if (def != null) {
                        constraints.add(def);
                    }
                } else if (mysql && (first.is("INDEX") || first.is("KEY"))) {
                    constraints.add(mysqlIndex(e)); // a secondary index declared inline
                } else if (mysql && (first.is("FULLTEXT") || first.is("SPATIAL"))) {
                    continue; // serves other lookups than the B-tree indexes the plan keeps
                } else if (!first.is("LIKE")) {
                    columns.add(columnDef(e));
                }
            }
        }
        boolean asSelect = c.containsAtTopLevel("AS") && c.containsAtTopLevel("SELECT");
        String engine = "";
        while (!c.done()) {
            if (c.accept("ENGINE")) {
                c.accept("=");
                Token t = c.next();
                engine = t == null ? "" : t.identifier();
            } else {
                c.next();
            }
        }
        return new StatementShape.CreateTable(table, ifNotExists, temporary, asSelect, false, columns, constraints, engine);
    }

    private boolean isTableConstraintHead(Token t) {
        return TABLE_CONSTRAINT_HEADS.contains(t.text().toUpperCase(Locale.ROOT)) && t.type() == TokenType.WORD;
    }

    /** Parses a table constraint ([CONSTRAINT name] PRIMARY KEY|UNIQUE|FOREIGN KEY|CHECK|EXCLUDE ... [NOT VALID]). */
    private ConstraintDef constraint(Cursor c) {
        String name = "";
        if (c.accept("CONSTRAINT")) {
            Token n = c.peek();
            if (n != null && n.isIdentifier() && !isTableConstraintHead(n)) {
                name = c.next().identifier();
            }
        }
        ConstraintDef.Type type;
        List<String> columns = List.of();
        QualifiedName referenced = null;
        List<Token> expression = List.of();
        String usingIndex = "";
        if (c.accept("PRIMARY", "KEY")) {
            type = ConstraintDef.Type.PRIMARY_KEY;
        } else if (c.accept("UNIQUE")) {
            type = ConstraintDef.Type.UNIQUE;
            c.acceptAny("KEY", "INDEX");
            c.accept("NULLS", "NOT", "DISTINCT");
            c.accept("NULLS", "DISTINCT");
            if (mysql && c.peek() != null && c.peek().isIdentifier() && !c.at("USING")) {
                name = name.isEmpty() ? c.next().identifier() : name; // UNIQUE KEY name (cols)
            }
        } else if (c.accept("FOREIGN", "KEY")) {
            type = ConstraintDef.Type.FOREIGN_KEY;
            if (mysql && c.peek() != null && c.peek().isIdentifier()) {
                c.next(); // FOREIGN KEY index_name (cols)
            }
        } else if (c.accept("CHECK")) {
            type = ConstraintDef.Type.CHECK;
            if (c.at("(")) {
                expression = c.parenthesized();
            }
        } else if (c.accept("EXCLUDE")) {
            type = ConstraintDef.Type.EXCLUDE;
        } else {
            return null;
        }
        if ((type == ConstraintDef.Type.PRIMARY_KEY || type == ConstraintDef.Type.UNIQUE
                || type == ConstraintDef.Type.FOREIGN_KEY) && c.at("(")) {
            columns = c.columnList();
        }
        if (c.accept("USING", "INDEX")) {
            if (c.peek() != null && c.peek().isIdentifier() && !c.at("TABLESPACE")) {
                usingIndex = c.next().identifier();
            }
        }
        if (type == ConstraintDef.Type.FOREIGN_KEY && c.accept("REFERENCES")) {
            referenced = c.name();
        }
        boolean notValid = false;
        while (!c.done()) {
            if (c.accept("NOT", "VALID")) {
                notValid = true;
            } else if (c.at("(")) {
                c.skipBalanced();
            } else {
                c.next();
            }
        }
        return new ConstraintDef(type, name, columns, notValid, usingIndex, referenced, expression);
    }

    /** Parses "name type [constraints...]" for CREATE TABLE, ADD COLUMN and MySQL MODIFY/CHANGE. */
    private ColumnDef columnDef(Cursor c) {
        Token nameToken = c.next();
        String name = nameToken == null ? "" : nameToken.identifier();
        TypeRef type = type(c);
        List<Token> defaultExpr = List.of();
        boolean notNull = false;
        boolean explicitNull = false;
        boolean primaryKey = false;
        boolean unique = false;
        boolean references = false;
        List<ConstraintDef> checks = List.of();
        Token constraintName = null;
        boolean generatedStored = false;
        boolean identity = false;
        boolean autoIncrement = false;
        boolean mysqlGenerated = false;
        String position = "";
        while (!c.done()) {
            Token named = constraintName; // "CONSTRAINT name" names only the constraint right after it
            constraintName = null;
            if (c.accept("CONSTRAINT")) {
                constraintName = c.next();
            } else if (c.accept("NOT", "NULL")) {
                notNull = true;
            } else if (c.accept("NULL")) {
                explicitNull = true;
            } else if (c.accept("DEFAULT")) {
                int start = c.index();
                c.next(); // the first token is always part of the default (DEFAULT NULL, DEFAULT -1)
                c.until(t -> t.type() == TokenType.WORD && COLUMN_CONSTRAINT_WORDS.contains(t.text().toUpperCase(Locale.ROOT))
                        && !t.is("AS"));
                defaultExpr = c.since(start);
            } else if (c.accept("PRIMARY", "KEY")) {
                primaryKey = true;
            } else if (c.accept("UNIQUE")) {
                unique = true;
                c.accept("KEY");
            } else if (c.accept("KEY")) {
                primaryKey = true; // MySQL: "KEY" alone in a column definition means PRIMARY KEY
            } else if (c.accept("REFERENCES")) {
                references = true;
                c.name();
                if (c.at("(")) {
                    c.skipBalanced();
                }
            } else if (c.accept("CHECK")) {
                ConstraintDef check = new ConstraintDef(ConstraintDef.Type.CHECK, named == null ? "" : named.identifier(),
                        List.of(name), false, "", null, c.at("(") ? c.parenthesized() : List.of());
                checks = checks.isEmpty() ? List.of(check) : Stream.concat(checks.stream(), Stream.of(check)).toList();
            } else if (c.accept("GENERATED")) {
                c.acceptAny("ALWAYS");
                c.accept("BY", "DEFAULT");
                c.accept("AS");
                if (c.accept("IDENTITY")) {
                    identity = true;
                    if (c.at("(")) {
                        c.skipBalanced();
                    }
                } else {
                    mysqlGenerated = true;
                    if (c.at("(")) {
                        c.skipBalanced();
                    }
                    generatedStored = c.accept("STORED") || (!mysql && !c.at("VIRTUAL"));
                }
            } else if (c.accept("AS")) {
                mysqlGenerated = true;
                if (c.at("(")) {
                    c.skipBalanced();
                }
            } else if (c.accept("STORED") || c.accept("PERSISTENT")) {
                generatedStored = mysqlGenerated;
            } else if (c.accept("AUTO_INCREMENT")) {
                autoIncrement = true;
            } else if (c.accept("FIRST")) {
                position = "FIRST";
            } else if (c.accept("AFTER")) {
                Token t = c.next();
                position = "AFTER " + (t == null ? "" : t.identifier());
            } else if (c.at("(")) {
                c.skipBalanced();
            } else {
                c.next(); // COLLATE x, COMMENT 'x', ON UPDATE ..., CHARACTER SET x: no safety meaning here
            }
        }
        boolean serial = type != null && type.name().endsWith("serial");
        return new ColumnDef(name, type, defaultExpr, notNull, explicitNull, primaryKey, unique, references, checks,
                generatedStored, identity, autoIncrement, serial, position);
    }

    /** Reads a type: name words, modifiers in parentheses, array brackets. */
    private TypeRef type(Cursor c) {
        Token first = c.peek();
        boolean characterType = first != null && first.is("CHARACTER") && !(c.peek(1) != null && c.peek(1).is("SET"));
        if (first == null || !first.isIdentifier() || !characterType && first.type() == TokenType.WORD
                && COLUMN_CONSTRAINT_WORDS.contains(first.text().toUpperCase(Locale.ROOT))) {
            return null;
        }
        int start = c.index();
        StringBuilder name = new StringBuilder();
        QualifiedName q = c.name();
        name.append(q.qualified() ? q.schema() + "." + q.name() : q.name());
        List<String> args = new ArrayList<>();
        boolean array = false;
        while (!c.done()) {
            Token t = c.peek();
            if (t.isSymbol("(") && args.isEmpty()) {
                for (List<Token> arg : Cursor.splitTopLevel(c.parenthesized())) {
                    args.add(Cursor.text(arg));
                }
            } else if (t.isSymbol("[")) {
                array = true;
                c.until(x -> x.isSymbol("]"));
                c.next();
            } else if (t.is("ARRAY")) {
                array = true;
                c.next();
            } else if (t.type() == TokenType.WORD && TYPE_TAIL_WORDS.contains(t.text().toUpperCase(Locale.ROOT))
                    && !(t.is("WITH") && !(c.peek(1) != null && c.peek(1).is("TIME")))) {
                name.append(' ').append(t.text().toLowerCase(Locale.ROOT));
                c.next();
            } else {
                break;
            }
        }
        String text = Cursor.text(c.since(start));
        return new TypeRef(canonicalType(name.toString()), args, array, text);
    }

    private String canonicalType(String written) {
        String n = written.toLowerCase(Locale.ROOT);
        if (mysql) {
            return n;
        }
        switch (n) {
            case "int": case "int4": case "integer":
                return "integer";
            case "int8": case "bigint":
                return "bigint";
            case "int2": case "smallint":
                return "smallint";
            case "serial": case "serial4":
                return "serial";
            case "bigserial": case "serial8":
                return "bigserial";
            case "smallserial": case "serial2":
                return "smallserial";
            case "character varying": case "varchar":
                return "varchar";
            case "character": case "char": case "bpchar":
                return "char";
            case "timestamp": case "timestamp without time zone":
                return "timestamp";
            case "timestamptz": case "timestamp with time zone":
                return "timestamptz";
            case "time": case "time without time zone":
                return "time";
            case "timetz": case "time with time zone":
                return "timetz";
            case "bool": case "boolean":
                return "boolean";
            case "float8": case "double precision": case "float":
                return "double precision";
            case "float4": case "real":
                return "real";
            case "decimal": case "numeric":
                return "numeric";
            case "bit varying": case "varbit":
                return "varbit";
            default:
                return n;
        }
    }

    private StatementShape createIndex(Cursor c, String kind) {
        boolean concurrently = c.accept("CONCURRENTLY");
        boolean ifNotExists = c.accept("IF", "NOT", "EXISTS");
        String name = "";
        if (!c.at("ON") && c.peek() != null && c.peek().isIdentifier()) {
            QualifiedName n = c.name();
            name = n.name();
        }
        String method = kind == null || "UNIQUE".equals(kind) ? "" : kind;
        if (c.accept("USING")) {
            Token m = c.next(); // MySQL: USING BTREE before ON
            method = method.isEmpty() && m != null ? m.text().toUpperCase(Locale.ROOT) : method;
        }
        if (!c.accept("ON")) {
            return new StatementShape.Unrecognized("CREATE INDEX");
        }
        c.accept("ONLY");
        QualifiedName table = c.name();
        if (table == null) {
            return new StatementShape.Unrecognized("CREATE INDEX");
        }
        if (c.accept("USING")) {
            Token m = c.next();
            method = m == null ? method : m.text().toUpperCase(Locale.ROOT);
        }
        List<String> columns = c.at("(") ? c.columnList() : List.of();
        String[] algorithmLock = mysqlClauses(c);
        return new StatementShape.CreateIndex(name, table, "UNIQUE".equals(kind), concurrently, ifNotExists, columns,
                method, algorithmLock[0], algorithmLock[1]);
    }

    /** Reads trailing MySQL ALGORITHM= and LOCK= clauses from the rest of the statement. */
    private static String[] mysqlClauses(Cursor c) {
        String algorithm = "";
        String lock = "";
        while (!c.done()) {
            if (c.accept("ALGORITHM")) {
                c.accept("=");
                algorithm = c.done() ? "" : c.next().text().toUpperCase(Locale.ROOT);
            } else if (c.accept("LOCK")) {
                c.accept("=");
                lock = c.done() ? "" : c.next().text().toUpperCase(Locale.ROOT);
            } else if (c.at("(")) {
                c.skipBalanced();
            } else {
                c.next();
            }
        }
        return new String[] {algorithm, lock};
    }

    // ---- ALTER --------------------------------------------------------------------------------

    private StatementShape alter(Cursor c) {
        c.accept("ONLINE"); // MariaDB ALTER ONLINE TABLE
        c.accept("IGNORE");
        if (c.accept("TABLE")) {
            return alterTable(c);
        }
        if (c.accept("TYPE")) {
            QualifiedName type = c.name();
            if (c.accept("ADD", "VALUE")) {
                boolean ifNotExists = c.accept("IF", "NOT", "EXISTS");
                boolean positioned = c.containsAtTopLevel("BEFORE") || c.containsAtTopLevel("AFTER");
                return new StatementShape.AlterType(type, StatementShape.AlterType.Action.ADD_VALUE, positioned, ifNotExists);
            }
            if (c.accept("RENAME", "VALUE")) {
                return new StatementShape.AlterType(type, StatementShape.AlterType.Action.RENAME_VALUE, false, false);
            }
            return new StatementShape.AlterType(type, StatementShape.AlterType.Action.OTHER, false, false);
        }
        if (c.accept("DOMAIN")) {
            QualifiedName domain = c.name();
            return new StatementShape.Domain(domain, false, c.at("ADD"));
        }
        if (c.acceptAny("ROLE", "USER", "GROUP") != null || c.accept("DEFAULT", "PRIVILEGES")) {
            return new StatementShape.Privilege("ALTER");
        }
        String type = objectType(c);
        if (type.isEmpty()) {
            Token t = c.peek();
            return new StatementShape.Unrecognized("ALTER " + (t == null ? "" : t.text().toUpperCase(Locale.ROOT)));
        }
        c.accept("IF", "EXISTS");
        QualifiedName name = c.name();
        return new StatementShape.OtherDdl("ALTER", type, name, c.containsAtTopLevel("RENAME"));
    }

    private StatementShape alterTable(Cursor c) {
        boolean ifExists = c.accept("IF", "EXISTS");
        boolean only = c.accept("ONLY");
        QualifiedName table = c.name();
        if (table == null) {
            return new StatementShape.Unrecognized("ALTER TABLE");
        }
        c.accept("*");
        List<AlterAction> actions = new ArrayList<>();
        String algorithm = "";
        String lock = "";
        for (List<Token> part : Cursor.splitTopLevel(c.rest())) {
            if (part.isEmpty()) {
                continue;
            }
            for (AlterAction a : action(part)) {
                if (a.kind() == AlterAction.Kind.ALGORITHM) {
                    algorithm = a.name();
                } else if (a.kind() == AlterAction.Kind.LOCK) {
                    lock = a.name();
                }
                actions.add(a);
            }
        }
        if (actions.isEmpty()) {
            return new StatementShape.Unrecognized("ALTER TABLE");
        }
        return new StatementShape.AlterTable(table, ifExists, only, actions, algorithm, lock);
    }

    private List<AlterAction> action(List<Token> tokens) {
        Cursor c = new Cursor(tokens);
        if (c.accept("ADD")) {
            return add(c, tokens);
        }
        if (c.accept("DROP")) {
            return List.of(dropAction(c, tokens));
        }
        if (c.accept("ALTER")) {
            return List.of(alterColumn(c, tokens));
        }
        if (c.accept("MODIFY")) {
            c.accept("COLUMN");
            ColumnDef def = columnDef(c);
            return List.of(new AlterAction(AlterAction.Kind.MODIFY_COLUMN, def.name(), def, def.type(), null, def.name(),
                    false, false, false, tokens));
        }
        if (c.accept("CHANGE")) {
            c.accept("COLUMN");
            Token old = c.next();
            ColumnDef def = columnDef(c);
            return List.of(new AlterAction(AlterAction.Kind.MODIFY_COLUMN, old == null ? "" : old.identifier(), def,
                    def.type(), null, def.name(), false, false, false, tokens));
        }
        if (c.accept("RENAME")) {
            return List.of(rename(c, tokens));
        }
        if (c.accept("VALIDATE", "CONSTRAINT")) {
            return List.of(simple(AlterAction.Kind.VALIDATE_CONSTRAINT, identifierOrEmpty(c), tokens));
        }
        if (c.accept("SET")) {
            return List.of(setAction(c, tokens));
        }
        if (c.accept("ATTACH", "PARTITION")) {
            QualifiedName p = c.name();
            return List.of(simple(AlterAction.Kind.ATTACH_PARTITION, p == null ? "" : p.toString(), tokens));
        }
        if (c.accept("DETACH", "PARTITION")) {
            QualifiedName p = c.name();
            boolean concurrently = c.accept("CONCURRENTLY");
            return List.of(new AlterAction(AlterAction.Kind.DETACH_PARTITION, null, null, null, null,
                    p == null ? "" : p.toString(), false, concurrently, false, tokens));
        }
        if (c.at("ENABLE") || c.at("DISABLE") || c.at("FORCE") || c.at("NO", "FORCE")) {
            if (c.containsAtTopLevel("TRIGGER")) {
                return List.of(simple(AlterAction.Kind.TRIGGER, "", tokens));
            }
            if (c.containsAtTopLevel("SECURITY")) {
                return List.of(simple(AlterAction.Kind.ROW_SECURITY, "", tokens));
            }
            if (c.at("FORCE") && tokens.size() == 1) {
                return List.of(simple(AlterAction.Kind.FORCE, "", tokens));
            }
            return List.of(simple(AlterAction.Kind.OTHER, "", tokens));
        }
        if (c.accept("CLUSTER", "ON")) {
            return List.of(simple(AlterAction.Kind.CLUSTER_ON, identifierOrEmpty(c), tokens));
        }
        if (c.accept("OWNER", "TO")) {
            return List.of(simple(AlterAction.Kind.OWNER, identifierOrEmpty(c), tokens));
        }
        if (c.accept("REPLICA", "IDENTITY")) {
            return List.of(simple(AlterAction.Kind.REPLICA_IDENTITY, "", tokens));
        }
        if (c.at("INHERIT") || c.at("NO", "INHERIT")) {
            return List.of(simple(AlterAction.Kind.INHERIT, "", tokens));
        }
        if (c.accept("ALGORITHM")) {
            c.accept("=");
            return List.of(simple(AlterAction.Kind.ALGORITHM, upperOrEmpty(c), tokens));
        }
        if (c.accept("LOCK")) {
            c.accept("=");
            return List.of(simple(AlterAction.Kind.LOCK, upperOrEmpty(c), tokens));
        }
        if (c.accept("CONVERT", "TO")) {
            return List.of(simple(AlterAction.Kind.CONVERT_CHARSET, "", tokens));
        }
        if (c.at("FORCE")) {
            return List.of(simple(AlterAction.Kind.FORCE, "", tokens));
        }
        if (mysql && (c.at("ENGINE") || c.at("ROW_FORMAT") || c.at("AUTO_INCREMENT") || c.at("DEFAULT")
                || c.at("CHARSET") || c.at("CHARACTER") || c.at("COLLATE") || c.at("COMMENT") || c.at("KEY_BLOCK_SIZE"))) {
            return List.of(simple(AlterAction.Kind.TABLE_OPTION, Cursor.text(tokens), tokens));
        }
        return List.of(simple(AlterAction.Kind.OTHER, "", tokens));
    }

    private List<AlterAction> add(Cursor c, List<Token> tokens) {
        if (mysql && (c.at("INDEX") || c.at("KEY") || c.at("FULLTEXT") || c.at("SPATIAL")
                || c.at("UNIQUE") || c.at("CONSTRAINT") && uniqueConstraintAhead(c))) {
            return List.of(mysqlAddIndex(c, tokens));
        }
        Token next = c.peek();
        if (next != null && next.type() == TokenType.WORD && isTableConstraintHead(next)) {
            ConstraintDef def = constraint(c);
            if (def != null) {
                return List.of(new AlterAction(AlterAction.Kind.ADD_CONSTRAINT, null, null, null, def, def.name(),
                        false, false, false, tokens));
            }
        }
        c.accept("COLUMN");
        boolean ifNotExists = c.accept("IF", "NOT", "EXISTS");
        if (mysql && c.at("(")) { // ADD (a int, b int)
            List<AlterAction> actions = new ArrayList<>();
            for (List<Token> def : Cursor.splitTopLevel(c.parenthesized())) {
                ColumnDef col = columnDef(new Cursor(def));
                actions.add(new AlterAction(AlterAction.Kind.ADD_COLUMN, col.name(), col, col.type(), null, "",
                        ifNotExists, false, false, def));
            }
            return actions;
        }
        ColumnDef col = columnDef(c);
        return List.of(new AlterAction(AlterAction.Kind.ADD_COLUMN, col.name(), col, col.type(), null, "",
                ifNotExists, false, false, tokens));
    }

    private static boolean uniqueConstraintAhead(Cursor c) {
        return c.peek(2) != null && c.peek(2).is("UNIQUE") || c.peek(1) != null && c.peek(1).is("UNIQUE");
    }

    private AlterAction mysqlAddIndex(Cursor c, List<Token> tokens) {
        ConstraintDef def = mysqlIndex(c);
        return new AlterAction(AlterAction.Kind.ADD_INDEX, null, null, null, def, def.name(), false, false, false, tokens);
    }

    /**
     * MySQL's {@code [CONSTRAINT [name]] [UNIQUE|FULLTEXT|SPATIAL] INDEX|KEY [name] [USING m] (cols)}, in
     * ALTER TABLE ADD and in CREATE TABLE. FULLTEXT and SPATIAL are told apart by their tokens.
     */
    private ConstraintDef mysqlIndex(Cursor c) {
        String name = "";
        if (c.accept("CONSTRAINT")) {
            if (!c.at("UNIQUE")) {
                name = identifierOrEmpty(c);
            }
        }
        String kind = c.acceptAny("UNIQUE", "FULLTEXT", "SPATIAL");
        c.acceptAny("INDEX", "KEY");
        if (name.isEmpty() && c.peek() != null && c.peek().isIdentifier() && !c.at("USING")) {
            name = c.next().identifier();
        }
        if (c.accept("USING")) {
            c.next();
        }
        List<String> columns = c.at("(") ? c.columnList() : List.of();
        return new ConstraintDef("UNIQUE".equals(kind) ? ConstraintDef.Type.UNIQUE : ConstraintDef.Type.INDEX, name,
                columns, false, "", null, List.of());
    }

    private AlterAction dropAction(Cursor c, List<Token> tokens) {
        if (c.accept("CONSTRAINT") || mysql && c.accept("CHECK")) {
            boolean ifExists = c.accept("IF", "EXISTS");
            String name = identifierOrEmpty(c);
            return new AlterAction(AlterAction.Kind.DROP_CONSTRAINT, null, null, null, null, name, ifExists, false,
                    c.containsAtTopLevel("CASCADE"), tokens);
        }
        if (c.accept("PRIMARY", "KEY")) {
            return simple(AlterAction.Kind.DROP_PRIMARY_KEY, "", tokens);
        }
        if (c.accept("FOREIGN", "KEY")) {
            boolean ifExists = c.accept("IF", "EXISTS");
            return new AlterAction(AlterAction.Kind.DROP_FOREIGN_KEY, null, null, null, null, identifierOrEmpty(c),
                    ifExists, false, false, tokens);
        }
        if (c.acceptAny("INDEX", "KEY") != null) {
            boolean ifExists = c.accept("IF", "EXISTS");
            return new AlterAction(AlterAction.Kind.DROP_INDEX, null, null, null, null, identifierOrEmpty(c),
                    ifExists, false, false, tokens);
        }
        if (c.at("PARTITION")) {
            return simple(AlterAction.Kind.OTHER, "", tokens);
        }
        c.accept("COLUMN");
        boolean ifExists = c.accept("IF", "EXISTS");
        String column = identifierOrEmpty(c);
        return new AlterAction(AlterAction.Kind.DROP_COLUMN, column, null, null, null, "", ifExists, false,
                c.containsAtTopLevel("CASCADE"), tokens);
    }

    private AlterAction alterColumn(Cursor c, List<Token> tokens) {
        if (c.accept("CONSTRAINT")) {
            return simple(AlterAction.Kind.OTHER, identifierOrEmpty(c), tokens);
        }
        if (mysql && c.accept("INDEX")) {
            return simple(AlterAction.Kind.OTHER, identifierOrEmpty(c), tokens);
        }
        c.accept("COLUMN");
        String column = identifierOrEmpty(c);
        if (c.accept("TYPE") || c.accept("SET", "DATA", "TYPE")) {
            TypeRef type = type(c);
            return new AlterAction(AlterAction.Kind.ALTER_COLUMN_TYPE, column, null, type, null, "", false, false, false, tokens);
        }
        AlterAction.Kind kind;
        if (c.accept("SET", "DEFAULT")) {
            kind = AlterAction.Kind.SET_DEFAULT;
        } else if (c.accept("DROP", "DEFAULT")) {
            kind = AlterAction.Kind.DROP_DEFAULT;
        } else if (c.accept("SET", "NOT", "NULL")) {
            kind = AlterAction.Kind.SET_NOT_NULL;
        } else if (c.accept("DROP", "NOT", "NULL")) {
            kind = AlterAction.Kind.DROP_NOT_NULL;
        } else if (c.accept("SET", "STATISTICS")) {
            kind = AlterAction.Kind.SET_STATISTICS;
        } else if (c.at("SET", "(") || c.at("RESET", "(")) {
            kind = AlterAction.Kind.SET_STATISTICS; // attribute options take the same ShareUpdateExclusiveLock
        } else {
            kind = AlterAction.Kind.OTHER;
        }
        return new AlterAction(kind, column, null, null, null, "", false, false, false, tokens);
    }

    private AlterAction rename(Cursor c, List<Token> tokens) {
        if (c.accept("CONSTRAINT")) {
            String old = identifierOrEmpty(c);
            c.accept("TO");
            return new AlterAction(AlterAction.Kind.RENAME_CONSTRAINT, old, null, null, null, identifierOrEmpty(c),
                    false, false, false, tokens);
        }
        if (c.acceptAny("INDEX", "KEY") != null) {
            String old = identifierOrEmpty(c);
            c.accept("TO");
            return new AlterAction(AlterAction.Kind.RENAME_INDEX, old, null, null, null, identifierOrEmpty(c),
                    false, false, false, tokens);
        }
        if (c.acceptAny("TO", "AS") != null || mysql && !c.at("COLUMN") && tokens.size() == 2) {
            QualifiedName n = c.name();
            return simple(AlterAction.Kind.RENAME_TABLE, n == null ? "" : n.toString(), tokens);
        }
        c.accept("COLUMN");
        String old = identifierOrEmpty(c);
        c.accept("TO");
        return new AlterAction(AlterAction.Kind.RENAME_COLUMN, old, null, null, null, identifierOrEmpty(c),
                false, false, false, tokens);
    }

    private AlterAction setAction(Cursor c, List<Token> tokens) {
        if (c.accept("SCHEMA")) {
            return simple(AlterAction.Kind.SET_SCHEMA, identifierOrEmpty(c), tokens);
        }
        if (c.accept("TABLESPACE")) {
            return simple(AlterAction.Kind.SET_TABLESPACE, identifierOrEmpty(c), tokens);
        }
        if (c.at("LOGGED") || c.at("UNLOGGED")) {
            return simple(AlterAction.Kind.SET_LOGGED, "", tokens);
        }
        if (c.at("(")) {
            return simple(AlterAction.Kind.SET_STORAGE_PARAMETERS, "", tokens);
        }
        if (c.accept("WITHOUT", "CLUSTER")) {
            return simple(AlterAction.Kind.CLUSTER_ON, "", tokens);
        }
        return simple(AlterAction.Kind.OTHER, "", tokens);
    }

    private static AlterAction simple(AlterAction.Kind kind, String name, List<Token> tokens) {
        return new AlterAction(kind, null, null, null, null, name, false, false, false, tokens);
    }

    private static String identifierOrEmpty(Cursor c) {
        Token t = c.peek();
        if (t == null || !t.isIdentifier()) {
            return "";
        }
        c.next();
        return t.identifier();
    }

    private static String upperOrEmpty(Cursor c) {
        Token t = c.next();
        return t == null ? "" : t.text().toUpperCase(Locale.ROOT);
    }

    // ---- DROP, TRUNCATE, REINDEX, RENAME --------------------------------------------------------

    private StatementShape drop(Cursor c) {
        if (c.accept("INDEX")) {
            boolean concurrently = c.accept("CONCURRENTLY");
            boolean ifExists = c.accept("IF", "EXISTS");
            List<QualifiedName> names = c.names();
            QualifiedName table = null;
            if (c.accept("ON")) {
                table = c.name();
            }
            return new StatementShape.DropIndex(names, table, concurrently, ifExists, c.containsAtTopLevel("CASCADE"));
        }
        if (c.acceptAny("ROLE", "USER", "GROUP", "OWNED") != null) {
            return new StatementShape.Privilege("DROP");
        }
        c.accept("TEMPORARY");
        String type = objectType(c);
        if (type.isEmpty()) {
            Token t = c.peek();
            return new StatementShape.Unrecognized("DROP " + (t == null ? "" : t.text().toUpperCase(Locale.ROOT)));
        }
        boolean ifExists = c.accept("IF", "EXISTS");
        List<QualifiedName> names = c.names();
        return new StatementShape.Drop(type, names, ifExists, c.containsAtTopLevel("CASCADE"));
    }

    private StatementShape truncate(Cursor c) {
        c.accept("TABLE");
        c.accept("ONLY");
        List<QualifiedName> names = c.names();
        return new StatementShape.Truncate(names, c.containsAtTopLevel("CASCADE"));
    }

    private StatementShape reindex(Cursor c) {
        if (c.at("(")) {
            c.skipBalanced();
        }
        String kind = c.acceptAny("INDEX", "TABLE", "SCHEMA", "DATABASE", "SYSTEM");
        boolean concurrently = c.accept("CONCURRENTLY");
        QualifiedName name = c.name();
        return new StatementShape.Reindex(kind == null ? "" : kind, name, concurrently);
    }

    private StatementShape renameTable(Cursor c) {
        if (!c.accept("TABLE")) {
            return new StatementShape.Privilege("RENAME"); // MySQL RENAME USER
        }
        QualifiedName from = c.name();
        c.accept("TO");
        QualifiedName to = c.name();
        if (from == null || to == null) {
            return new StatementShape.Unrecognized("RENAME TABLE");
        }
        AlterAction action = new AlterAction(AlterAction.Kind.RENAME_TABLE, null, null, null, null, to.toString(),
                false, false, false, List.of());
        return new StatementShape.AlterTable(from, false, false, List.of(action), "", "");
    }

    // ---- SET, DML, maintenance --------------------------------------------------------------------

    private StatementShape set(Cursor c) {
        boolean local = c.accept("LOCAL");
        c.acceptAny("SESSION", "GLOBAL", "PERSIST");
        if (c.at("@") && c.peek(1) != null && c.peek(1).isSymbol("@")) {
            c.next();
            c.next(); // MySQL @@session.name
        }
        Token name = c.next();
        if (name == null) {
            return new StatementShape.Unrecognized("SET");
        }
        String var = name.identifier();
        if (("session".equals(var) || "global".equals(var) || "local".equals(var)) && c.accept(".")) {
            Token real = c.next();
            var = real == null ? var : real.identifier();
        }
        c.acceptAny("=", "TO");
        List<Token> value = c.until(t -> t.isSymbol(","));
        String v = value.size() == 1 && value.get(0).type() == TokenType.STRING
                ? value.get(0).stringValue() : Cursor.text(value);
        return new StatementShape.SetVariable(var, v, local);
    }

    private StatementShape update(Cursor c) {
        c.acceptAny("ONLY", "LOW_PRIORITY", "IGNORE");
        QualifiedName table = c.name();
        c.until(t -> t.is("SET"));
        List<String> assigned = new ArrayList<>();
        if (c.accept("SET")) {
            List<Token> assignments = c.until(t -> t.is("FROM") || t.is("WHERE") || t.is("RETURNING")
                    || t.is("ORDER") || t.is("LIMIT"));
            for (List<Token> a : Cursor.splitTopLevel(assignments)) {
                if (a.isEmpty()) {
                    continue;
                }
                if (a.get(0).isSymbol("(")) {
                    Cursor inner = new Cursor(a);
                    assigned.addAll(inner.columnList());
                } else if (a.get(0).isIdentifier()) {
                    // t.col = ... or col = ...
                    Token col = a.size() > 2 && a.get(1).isSymbol(".") ? a.get(2) : a.get(0);
                    assigned.add(col.identifier());
                }
            }
        }
        boolean where = c.containsAtTopLevel("WHERE");
        return new StatementShape.Dml(StatementShape.Dml.Kind.UPDATE, table, where, assigned);
    }

    private StatementShape delete(Cursor c) {
        c.acceptAny("LOW_PRIORITY", "QUICK", "IGNORE");
        c.accept("FROM");
        c.accept("ONLY");
        QualifiedName table = c.name();
        return new StatementShape.Dml(StatementShape.Dml.Kind.DELETE, table, c.containsAtTopLevel("WHERE"), List.of());
    }

    private StatementShape with(Cursor c) {
        // WITH a AS (...), b AS (...) <main statement>: the main verb follows the last CTE at depth 0.
        c.accept("RECURSIVE");
        while (!c.done()) {
            c.until(t -> t.isSymbol("("));
            if (c.done()) {
                break;
            }
            c.skipBalanced();
            if (!c.accept(",")) {
                break;
            }
        }
        if (c.done()) {
            return new StatementShape.Dml(StatementShape.Dml.Kind.SELECT, null, false, List.of());
        }
        Token verb = c.next();
        if (verb.is("UPDATE")) {
            return update(c);
        }
        if (verb.is("DELETE")) {
            return delete(c);
        }
        if (verb.is("INSERT")) {
            c.accept("INTO");
            return new StatementShape.Dml(StatementShape.Dml.Kind.INSERT, c.name(), false, List.of());
        }
        return new StatementShape.Dml(StatementShape.Dml.Kind.SELECT, null, false, List.of());
    }

    private StatementShape vacuum(Cursor c) {
        boolean full = false;
        if (c.at("(")) {
            for (Token t : c.parenthesized()) {
                full |= t.is("FULL");
            }
        }
        for (String option = c.acceptAny("FULL", "FREEZE", "VERBOSE", "ANALYZE", "ANALYSE"); option != null;
                option = c.acceptAny("FULL", "FREEZE", "VERBOSE", "ANALYZE", "ANALYSE")) {
            full |= "FULL".equals(option);
        }
        return new StatementShape.Maintenance("VACUUM", c.name(), full, false);
    }

    private static QualifiedName lastName(Cursor c) {
        if (c.at("(")) {
            c.skipBalanced();
        }
        c.acceptAny("VERBOSE");
        return c.name();
    }

    private static String doLanguage(Cursor c) {
        while (!c.done()) {
            if (c.accept("LANGUAGE")) {
                Token t = c.next();
                return t == null ? "plpgsql" : t.identifier();
            }
            c.next();
        }
        return "plpgsql";
    }
}
