package io.github.migrationdelivery.engine.drift;

import io.github.migrationdelivery.engine.plan.Dialect;
import io.github.migrationdelivery.engine.schema.SchemaDifference;
import io.github.migrationdelivery.engine.schema.SchemaFingerprint;
import io.github.migrationdelivery.engine.schema.SchemaObject;
import io.github.migrationdelivery.engine.schema.SchemaObject.Detail;
import io.github.migrationdelivery.engine.schema.SchemaObject.Kind;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The SQL that would bring the live database back to the schema the migrations describe, one
 * difference at a time. Online forms where the server has them (CREATE INDEX CONCURRENTLY,
 * constraints added NOT VALID then validated); a comment where no statement can be derived from
 * the catalogs (a view's or function's body). Meant for a DBA to review, never run by us.
 */
final class Reconciliation {

    private final Dialect dialect;
    private final SchemaFingerprint expected;
    private final SchemaFingerprint live;

    Reconciliation(SchemaFingerprint expected, SchemaFingerprint live) {
        this.dialect = expected.dialect();
        this.expected = expected;
        this.live = live;
    }

    /** Statements for each difference of {@code expected.diff(live)}, in the same order. */
    List<String> statements(List<SchemaDifference> differences) {
        List<String> out = new ArrayList<>();
        for (SchemaDifference d : differences) {
            SchemaObject want = expected.objects().get(d.object());
            SchemaObject have = live.objects().get(d.object());
            out.addAll(reconcile(want, have));
        }
        return List.copyOf(out);
    }

    private List<String> reconcile(SchemaObject want, SchemaObject have) {
        SchemaObject any = want != null ? want : have;
        return switch (any.kind()) {
            case COLUMN -> column(want, have);
            case INDEX -> index(want, have);
            case CONSTRAINT -> constraint(want, have);
            case ENUM -> enumType(want, have);
            case TABLE, VIEW, FUNCTION, PROCEDURE, SEQUENCE, TRIGGER, DOMAIN -> want == null
                    ? List.of(drop(have))
                    : List.of("-- " + any.kind().word() + " " + any.name() + ": " + (have == null ? "missing" : "differs")
                            + "; re-create it from the migration that defines it");
            case SCHEMA, EXTENSION -> want == null
                    ? List.of("DROP " + any.kind().word().toUpperCase(Locale.ROOT) + " " + any.name() + ";")
                    : List.of("-- " + any.kind().word() + " " + any.name() + ": create it as its migration does");
        };
    }

    private List<String> column(SchemaObject want, SchemaObject have) {
        String table = (want != null ? want : have).table();
        String column = (want != null ? want : have).shortName();
        String alter = "ALTER TABLE " + table + " ";
        if (want == null) {
            return List.of("-- drops the data of " + have.name() + " (not made by any migration)",
                    alter + "DROP COLUMN " + column + ";");
        }
        if (have == null) {
            return List.of(alter + "ADD COLUMN " + column + " " + want.definition() + ";");
        }
        if (dialect.isMysqlFamily()) {
            return List.of(alter + "MODIFY COLUMN " + column + " " + want.definition() + ";");
        }
        List<String> out = new ArrayList<>();
        String col = alter + "ALTER COLUMN " + column + " ";
        if (!want.detail(Detail.TYPE).equals(have.detail(Detail.TYPE))) {
            out.add(col + "TYPE " + want.detail(Detail.TYPE) + ";");
        }
        if (!want.detail(Detail.DEFAULT).equals(have.detail(Detail.DEFAULT))) {
            out.add(col + (want.detail(Detail.DEFAULT).isEmpty() ? "DROP DEFAULT;" : "SET DEFAULT " + want.detail(Detail.DEFAULT) + ";"));
        }
        if (!want.detail(Detail.NOT_NULL).equals(have.detail(Detail.NOT_NULL))) {
            out.add(col + ("true".equals(want.detail(Detail.NOT_NULL)) ? "SET NOT NULL;" : "DROP NOT NULL;"));
        }
        if (out.isEmpty()) {
            out.add("-- column " + want.name() + ": " + have.definition() + " -> " + want.definition()
                    + "; no single ALTER for this, re-create it as its migration does");
        }
        return out;
    }

    private List<String> index(SchemaObject want, SchemaObject have) {
        List<String> out = new ArrayList<>();
        if (have != null) {
            out.add(dialect == Dialect.POSTGRESQL
                    ? "DROP INDEX CONCURRENTLY IF EXISTS " + have.name() + ";"
                    : "DROP INDEX " + have.shortName() + " ON " + have.table() + ";");
        }
        if (want != null) {
            String create = want.detail(Detail.SQL);
            if (dialect == Dialect.POSTGRESQL) {
                create = create.replaceFirst("^CREATE (UNIQUE )?INDEX ", "CREATE $1INDEX CONCURRENTLY ");
            }
            out.add(create + ";");
        }
        return out;
    }

    private List<String> constraint(SchemaObject want, SchemaObject have) {
        List<String> out = new ArrayList<>();
        String table = (want != null ? want : have).table();
        if (have != null) {
            out.add("ALTER TABLE " + table + " " + dropConstraint(have) + ";");
        }
        if (want != null) {
            String type = want.detail(Detail.CONSTRAINT_TYPE);
            String sql = want.detail(Detail.SQL);
            String name = want.shortName();
            if (dialect.isMysqlFamily() && type.equals("PRIMARY KEY")) {
                out.add("ALTER TABLE " + table + " ADD " + sql + ";");
            } else if (dialect == Dialect.POSTGRESQL && (type.equals("FOREIGN KEY") || type.equals("CHECK"))
                    && !sql.endsWith("NOT VALID")) {
                // Added NOT VALID, existing rows are checked by VALIDATE under a lock that lets writes through.
                out.add("ALTER TABLE " + table + " ADD CONSTRAINT " + name + " " + sql + " NOT VALID;");
                out.add("ALTER TABLE " + table + " VALIDATE CONSTRAINT " + name + ";");
            } else {
                out.add("ALTER TABLE " + table + " ADD CONSTRAINT " + name + " " + sql + ";");
            }
        }
        return out;
    }

    private String dropConstraint(SchemaObject c) {
        if (dialect == Dialect.POSTGRESQL) {
            return "DROP CONSTRAINT " + c.shortName();
        }
        return switch (c.detail(Detail.CONSTRAINT_TYPE)) {
            case "PRIMARY KEY" -> "DROP PRIMARY KEY";
            case "FOREIGN KEY" -> "DROP FOREIGN KEY " + c.shortName();
            case "UNIQUE" -> "DROP INDEX " + c.shortName();
            default -> "DROP CONSTRAINT " + c.shortName();
        };
    }

    private List<String> enumType(SchemaObject want, SchemaObject have) {
        if (want == null) {
            return List.of(drop(have));
        }
        if (have == null) {
            return List.of("CREATE TYPE " + want.name() + " AS ENUM " + want.definition() + ";");
        }
        List<String> out = new ArrayList<>();
        List<String> wanted = want.labels();
        for (int i = 0; i < wanted.size(); i++) {
            String label = wanted.get(i);
            if (!have.labels().contains(label)) {
                String place = i + 1 < wanted.size() && have.labels().contains(wanted.get(i + 1))
                        ? " BEFORE " + literal(wanted.get(i + 1)) : "";
                out.add("ALTER TYPE " + want.name() + " ADD VALUE IF NOT EXISTS " + literal(label) + place + ";");
            }
        }
        for (String label : have.labels()) {
            if (!wanted.contains(label)) {
                out.add("-- enum " + want.name() + ": value " + literal(label)
                        + " is not in the migrations; PostgreSQL cannot drop an enum value (re-create the type)");
            }
        }
        return out;
    }

    private static String drop(SchemaObject o) {
        if (o.kind() == Kind.TRIGGER) {
            return "DROP TRIGGER " + o.shortName() + (o.table().isEmpty() || o.name().equals(o.shortName()) ? "" : " ON " + o.table()) + ";";
        }
        String what = o.kind() == Kind.ENUM ? "TYPE" : o.kind().word().toUpperCase(Locale.ROOT);
        return "DROP " + what + " " + o.name() + ";";
    }

    private static String literal(String s) {
        return "'" + s.replace("'", "''") + "'";
    }
}
