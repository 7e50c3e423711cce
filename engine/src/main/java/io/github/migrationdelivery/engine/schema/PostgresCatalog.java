package io.github.migrationdelivery.engine.schema;

import io.github.migrationdelivery.engine.schema.SchemaObject.Kind;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;

/** Reads a PostgreSQL database's user schemas from pg_catalog into schema objects. */
final class PostgresCatalog extends Catalog {

    /** User schemas: not the system ones, not toast or temporary schemas. */
    private static final String USER_SCHEMA = "n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname !~ '^pg_(toast|temp_)'";

    PostgresCatalog(Connection connection) {
        super(connection);
    }

    /** Objects that belong to an extension are the extension's business, not the migration's. */
    private static String notInExtension(String catalog, String oid) {
        return " AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = '" + catalog + "'::regclass AND e.objid = "
                + oid + " AND e.deptype = 'e')";
    }

    @Override
    void readObjects() throws SQLException {
        schemasAndExtensions();
        relations();
        columns();
        constraints();
        indexes();
        types();
        functions();
        sequences();
        triggers();
    }

    private void schemasAndExtensions() throws SQLException {
        query("SELECT n.nspname FROM pg_namespace n WHERE " + USER_SCHEMA + notInExtension("pg_namespace", "n.oid"),
                rs -> add(Kind.SCHEMA, rs.getString(1), "", "schema"));
        query("SELECT extname, extversion FROM pg_extension",
                rs -> add(Kind.EXTENSION, rs.getString(1), "", "version " + rs.getString(2)));
    }

    private void relations() throws SQLException {
        query("SELECT n.nspname, c.relname, c.relkind, c.relpersistence, pg_get_partkeydef(c.oid),"
                        + " (SELECT i.inhparent::regclass::text FROM pg_inherits i WHERE i.inhrelid = c.oid LIMIT 1),"
                        + " pg_get_expr(c.relpartbound, c.oid), c.relispartition,"
                        + " CASE WHEN c.relkind IN ('v', 'm') THEN pg_get_viewdef(c.oid) END"
                        + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                        + " WHERE c.relkind IN ('r', 'p', 'v', 'm') AND " + USER_SCHEMA + notInExtension("pg_class", "c.oid"),
                rs -> {
                    String name = name(rs.getString(1), rs.getString(2));
                    if (SchemaFingerprint.isBookkeeping(rs.getString(2))) {
                        return;
                    }
                    String kind = rs.getString(3);
                    if (kind.equals("v") || kind.equals("m")) {
                        String what = kind.equals("m") ? "materialized view" : "view";
                        add(Kind.VIEW, name, "", what + ", definition " + SchemaFingerprint.digest(rs.getString(9)));
                        return;
                    }
                    StringBuilder def = new StringBuilder(rs.getString(4).equals("u") ? "unlogged table" : "table");
                    if (kind.equals("p")) {
                        def.append(", partition by ").append(rs.getString(5));
                    }
                    if (rs.getBoolean(8)) {
                        def.append(", partition of ").append(rs.getString(6)).append(' ').append(rs.getString(7));
                    } else if (rs.getString(6) != null) {
                        def.append(", inherits ").append(rs.getString(6));
                    }
                    add(Kind.TABLE, name, "", def.toString());
                });
    }

    private void columns() throws SQLException {
        query("SELECT n.nspname, c.relname, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull,"
                        + " pg_get_expr(d.adbin, d.adrelid), a.attidentity, a.attgenerated,"
                        + " CASE WHEN a.attcollation <> t.typcollation THEN co.collname END"
                        + " FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid"
                        + " JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_type t ON t.oid = a.atttypid"
                        + " LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum"
                        + " LEFT JOIN pg_collation co ON co.oid = a.attcollation"
                        + " WHERE c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped AND " + USER_SCHEMA
                        + notInExtension("pg_class", "c.oid"),
                rs -> {
                    if (SchemaFingerprint.isBookkeeping(rs.getString(2))) {
                        return;
                    }
                    String table = name(rs.getString(1), rs.getString(2));
                    StringBuilder def = new StringBuilder(rs.getString(4));
                    if (rs.getString(9) != null) {
                        def.append(" collate ").append(rs.getString(9));
                    }
                    if (rs.getBoolean(5)) {
                        def.append(" not null");
                    }
                    String expression = rs.getString(6);
                    String identity = rs.getString(7);
                    String generated = "";
                    boolean stored = "s".equals(rs.getString(8));
                    if (stored) {
                        generated = "generated always as (" + expression + ") stored";
                    } else if ("a".equals(identity)) {
                        generated = "generated always as identity";
                    } else if ("d".equals(identity)) {
                        generated = "generated by default as identity";
                    }
                    if (stored) {
                        def.append(' ').append(generated);
                    } else if (expression != null) {
                        def.append(" default ").append(expression);
                    }
                    if (!stored && !generated.isEmpty()) {
                        def.append(' ').append(generated);
                    }
                    add(Kind.COLUMN, table + "." + rs.getString(3), table, def.toString(),
                            column(rs.getString(4), rs.getBoolean(5), stored ? "" : expression, generated));
                });
    }

    private void constraints() throws SQLException {
        query("SELECT n.nspname, c.relname, con.conname, pg_get_constraintdef(con.oid), con.convalidated, con.contype"
                        + " FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid"
                        + " JOIN pg_namespace n ON n.oid = c.relnamespace"
                        + " WHERE con.contype IN ('p', 'u', 'f', 'c', 'x') AND " + USER_SCHEMA + notInExtension("pg_class", "c.oid"),
                rs -> {
                    if (SchemaFingerprint.isBookkeeping(rs.getString(2))) {
                        return;
                    }
                    String table = name(rs.getString(1), rs.getString(2));
                    String def = rs.getString(4);
                    // pg_get_constraintdef says NOT VALID itself; say it also should a future version not.
                    if (!rs.getBoolean(5) && !def.endsWith("NOT VALID")) {
                        def += " NOT VALID";
                    }
                    String type = switch (rs.getString(6)) {
                        case "p" -> "PRIMARY KEY";
                        case "u" -> "UNIQUE";
                        case "f" -> "FOREIGN KEY";
                        case "c" -> "CHECK";
                        default -> "EXCLUDE";
                    };
                    add(Kind.CONSTRAINT, table + "." + rs.getString(3), table, def, sql(type, def));
                });
    }

    /**
     * Indexes, except those that implement a primary key, unique or exclusion constraint (the
     * constraint stands for them). The definition is pg_get_indexdef without "CREATE INDEX name
     * ON schema.table", which the key and the table already say.
     */
    private void indexes() throws SQLException {
        query("SELECT n.nspname, ic.relname, quote_ident(ic.relname), tn.nspname, tc.relname,"
                        + " quote_ident(tn.nspname) || '.' || quote_ident(tc.relname), pg_get_indexdef(i.indexrelid),"
                        + " i.indisunique, i.indisvalid"
                        + " FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid"
                        + " JOIN pg_namespace n ON n.oid = ic.relnamespace"
                        + " JOIN pg_class tc ON tc.oid = i.indrelid JOIN pg_namespace tn ON tn.oid = tc.relnamespace"
                        + " WHERE " + USER_SCHEMA + notInExtension("pg_class", "ic.oid")
                        + " AND NOT EXISTS (SELECT 1 FROM pg_constraint con WHERE con.conindid = i.indexrelid"
                        + " AND con.conrelid = i.indrelid AND con.contype IN ('p', 'u', 'x'))",
                rs -> {
                    if (SchemaFingerprint.isBookkeeping(rs.getString(5))) {
                        return;
                    }
                    boolean unique = rs.getBoolean(8);
                    String table = name(rs.getString(4), rs.getString(5));
                    String full = rs.getString(7);
                    String head = "CREATE " + (unique ? "UNIQUE " : "") + "INDEX " + rs.getString(3) + " ON ";
                    String rest = full;
                    if (full.startsWith(head)) {
                        rest = full.substring(head.length());
                        rest = rest.startsWith("ONLY ") ? rest.substring("ONLY ".length()) : rest;
                        String qualifiedTable = rs.getString(6);
                        rest = rest.startsWith(qualifiedTable) ? rest.substring(qualifiedTable.length()).trim() : rest;
                    }
                    String def = (unique ? "unique " : "") + "on " + table + " " + rest + (rs.getBoolean(9) ? "" : " (invalid)");
                    add(Kind.INDEX, name(rs.getString(1), rs.getString(2)), table, def, sql("", full));
                });
    }

    private void types() throws SQLException {
        query("SELECT n.nspname, t.typname, string_agg(quote_literal(e.enumlabel), ', ' ORDER BY e.enumsortorder),"
                        + " string_agg(e.enumlabel, E'\\n' ORDER BY e.enumsortorder)"
                        + " FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace JOIN pg_enum e ON e.enumtypid = t.oid"
                        + " WHERE " + USER_SCHEMA + notInExtension("pg_type", "t.oid") + " GROUP BY n.nspname, t.typname",
                rs -> add(Kind.ENUM, name(rs.getString(1), rs.getString(2)), "", "(" + rs.getString(3) + ")",
                        Map.of(SchemaObject.Detail.LABELS, rs.getString(4))));
        query("SELECT n.nspname, t.typname, format_type(t.typbasetype, t.typtypmod), t.typnotnull, t.typdefault,"
                        + " (SELECT string_agg(pg_get_constraintdef(con.oid), ' ' ORDER BY con.conname)"
                        + " FROM pg_constraint con WHERE con.contypid = t.oid)"
                        + " FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace"
                        + " WHERE t.typtype = 'd' AND " + USER_SCHEMA + notInExtension("pg_type", "t.oid"),
                rs -> {
                    StringBuilder def = new StringBuilder(rs.getString(3));
                    if (rs.getBoolean(4)) {
                        def.append(" not null");
                    }
                    if (rs.getString(5) != null) {
                        def.append(" default ").append(rs.getString(5));
                    }
                    if (rs.getString(6) != null) {
                        def.append(' ').append(rs.getString(6));
                    }
                    add(Kind.DOMAIN, name(rs.getString(1), rs.getString(2)), "", def.toString());
                });
    }

    private void functions() throws SQLException {
        // Aggregates and window functions have no pg_get_functiondef; migrations rarely create them.
        query("SELECT n.nspname, p.proname, pg_get_function_identity_arguments(p.oid), p.prokind,"
                        + " pg_get_function_result(p.oid), pg_get_functiondef(p.oid)"
                        + " FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace"
                        + " WHERE p.prokind IN ('f', 'p') AND " + USER_SCHEMA + notInExtension("pg_proc", "p.oid"),
                rs -> {
                    boolean procedure = "p".equals(rs.getString(4));
                    String returns = procedure ? "" : "returns " + rs.getString(5) + ", ";
                    add(procedure ? Kind.PROCEDURE : Kind.FUNCTION, name(rs.getString(1), rs.getString(2)) + "(" + rs.getString(3) + ")",
                            "", returns + "definition " + SchemaFingerprint.digest(rs.getString(6)));
                });
    }

    private void sequences() throws SQLException {
        query("SELECT n.nspname, c.relname, format_type(s.seqtypid, NULL), s.seqstart, s.seqincrement, s.seqmin,"
                        + " s.seqmax, s.seqcache, s.seqcycle, own.nspname, own.relname, own.attname"
                        + " FROM pg_sequence s JOIN pg_class c ON c.oid = s.seqrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
                        + " LEFT JOIN LATERAL (SELECT tn.nspname, tc.relname, a.attname FROM pg_depend d"
                        + "   JOIN pg_class tc ON tc.oid = d.refobjid JOIN pg_namespace tn ON tn.oid = tc.relnamespace"
                        + "   JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid"
                        + "   WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.refclassid = 'pg_class'::regclass"
                        + "   AND d.deptype IN ('a', 'i') LIMIT 1) own ON true"
                        + " WHERE " + USER_SCHEMA + notInExtension("pg_class", "c.oid"),
                rs -> {
                    String owner = rs.getString(11) == null ? "" : name(rs.getString(10), rs.getString(11));
                    if (!owner.isEmpty() && SchemaFingerprint.isBookkeeping(rs.getString(11))) {
                        return;
                    }
                    String def = rs.getString(3) + " start " + rs.getLong(4) + " increment " + rs.getLong(5)
                            + " min " + rs.getLong(6) + " max " + rs.getLong(7) + " cache " + rs.getLong(8)
                            + (rs.getBoolean(9) ? " cycle" : "")
                            + (owner.isEmpty() ? "" : " owned by " + owner + "." + rs.getString(12));
                    add(Kind.SEQUENCE, name(rs.getString(1), rs.getString(2)), owner, def);
                });
    }

    private void triggers() throws SQLException {
        query("SELECT n.nspname, c.relname, t.tgname, pg_get_triggerdef(t.oid), t.tgenabled"
                        + " FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
                        + " WHERE NOT t.tgisinternal AND " + USER_SCHEMA + notInExtension("pg_class", "c.oid"),
                rs -> {
                    if (SchemaFingerprint.isBookkeeping(rs.getString(2))) {
                        return;
                    }
                    String table = name(rs.getString(1), rs.getString(2));
                    String disabled = "D".equals(rs.getString(5)) ? " (disabled)" : "";
                    add(Kind.TRIGGER, table + "." + rs.getString(3), table, rs.getString(4) + disabled);
                });
    }

    /** Objects in {@code public} go by their bare name, as a DBA says them; others are qualified. */
    private static String name(String schema, String object) {
        return "public".equals(schema) ? object : schema + "." + object;
    }
}
