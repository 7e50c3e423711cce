package io.github.migrationdelivery.engine.lint.rules.postgres;

import io.github.migrationdelivery.engine.lint.Rule;
import io.github.migrationdelivery.engine.lint.RuleCategory;
import io.github.migrationdelivery.engine.lint.RuleInfo;
import io.github.migrationdelivery.engine.lint.Severity;
import io.github.migrationdelivery.engine.lint.StatementContext;
import io.github.migrationdelivery.engine.lock.LockImpact;
import io.github.migrationdelivery.engine.plan.Dialect;
import io.github.migrationdelivery.engine.sql.AlterAction;
import io.github.migrationdelivery.engine.sql.ColumnDef;
import io.github.migrationdelivery.engine.sql.ConstraintDef;
import io.github.migrationdelivery.engine.sql.QualifiedName;
import io.github.migrationdelivery.engine.sql.StatementShape;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Names longer than 63 bytes (NAMEDATALEN - 1) given to new objects: PostgreSQL truncates them with only a NOTICE. */
public final class IdentifierTooLong implements Rule {

    static final int MAX_BYTES = 63;

    private static final RuleInfo INFO = new RuleInfo("identifier-too-long", Severity.ERROR, Set.of(Dialect.POSTGRESQL),
            "Identifier longer than 63 bytes: PostgreSQL silently truncates it", false, RuleCategory.DESIGN);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public void check(StatementContext ctx) {
        for (String name : names(ctx.shape())) {
            int bytes = name.getBytes(StandardCharsets.UTF_8).length;
            if (bytes > MAX_BYTES) {
                String truncated = truncate(name);
                ctx.report(LockImpact.NONE, false, "\"" + name + "\" is " + bytes + " bytes; PostgreSQL keeps only the "
                                + "first 63 and creates \"" + truncated + "\" with just a NOTICE. Later migrations and "
                                + "the application still use the long name (and match it, since PostgreSQL truncates "
                                + "those too), but two long names with the same first 63 bytes collide, and tools "
                                + "comparing schemas see a different name.",
                        "-- Choose a name of at most 63 bytes, e.g. \"" + truncated + "\" shortened to read well.");
            }
        }
    }

    /** Truncates as PostgreSQL does: at 63 bytes, never inside a multi-byte character. */
    static String truncate(String name) {
        StringBuilder sb = new StringBuilder();
        int bytes = 0;
        for (int i = 0; i < name.length(); ) {
            int cp = name.codePointAt(i);
            int len = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (bytes + len > MAX_BYTES) {
                break;
            }
            sb.appendCodePoint(cp);
            bytes += len;
            i += Character.charCount(cp);
        }
        return sb.toString();
    }

    private static List<String> names(StatementShape shape) {
        List<String> names = new ArrayList<>();
        if (shape instanceof StatementShape.CreateTable ct) {
            add(names, ct.table());
            ct.columns().stream().map(ColumnDef::name).forEach(names::add);
            ct.constraints().stream().map(ConstraintDef::name).forEach(names::add);
        } else if (shape instanceof StatementShape.AlterTable at) {
            for (AlterAction a : at.actions()) {
                switch (a.kind()) {
                    case ADD_COLUMN:
                        if (a.definition() != null) {
                            names.add(a.definition().name());
                        }
                        break;
                    case ADD_CONSTRAINT:
                    case ADD_INDEX:
                    case RENAME_COLUMN:
                    case RENAME_CONSTRAINT:
                    case RENAME_INDEX:
                        names.add(a.name());
                        break;
                    case RENAME_TABLE:
                        names.add(a.name().substring(a.name().lastIndexOf('.') + 1));
                        break;
                    default:
                        break;
                }
            }
        } else if (shape instanceof StatementShape.CreateIndex ci) {
            names.add(ci.name());
        } else if (shape instanceof StatementShape.CreateType ct) {
            add(names, ct.type());
        } else if (shape instanceof StatementShape.Domain d && d.create()) {
            add(names, d.domain());
        } else if (shape instanceof StatementShape.OtherDdl o && "CREATE".equals(o.verb())) {
            add(names, o.name());
        }
        return names;
    }

    private static void add(List<String> names, QualifiedName name) {
        if (name != null) {
            names.add(name.schema());
            names.add(name.name());
        }
    }
}
