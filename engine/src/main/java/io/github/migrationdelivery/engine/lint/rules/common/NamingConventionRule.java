package io.github.migrationdelivery.engine.lint.rules.common;

import io.github.migrationdelivery.engine.lint.NamingConvention;
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

import java.util.EnumSet;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * PG-NAME-03: names of new or renamed tables, columns, indexes, constraints, sequences and types
 * that do not match the team's {@code lint.naming} expressions. Opt-in: on when enabled by name or
 * when {@code lint.naming} is configured. A name is checked where it is given, so a table that
 * predates the convention is not reported until it is renamed.
 */
public final class NamingConventionRule implements Rule {

    private static final RuleInfo INFO = new RuleInfo(NamingConvention.RULE_ID, Severity.WARNING,
            EnumSet.allOf(Dialect.class), "A new or renamed object whose name does not match lint.naming", true,
            RuleCategory.DESIGN);

    private static final Pattern CAMEL_HUMP = Pattern.compile("([a-z0-9])([A-Z])");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public void check(StatementContext ctx) {
        StatementShape shape = ctx.shape();
        if (shape instanceof StatementShape.CreateTable ct) {
            name(ctx, NamingConvention.Kind.TABLE, ct.table().name());
            ct.columns().forEach(c -> name(ctx, NamingConvention.Kind.COLUMN, c.name()));
            ct.constraints().forEach(c -> constraint(ctx, c));
        } else if (shape instanceof StatementShape.AlterTable at) {
            at.actions().forEach(a -> action(ctx, a));
        } else if (shape instanceof StatementShape.CreateIndex ci) {
            name(ctx, NamingConvention.Kind.INDEX, ci.name());
        } else if (shape instanceof StatementShape.CreateType ct) {
            name(ctx, NamingConvention.Kind.TYPE, ct.type().name());
        } else if (shape instanceof StatementShape.OtherDdl o && "CREATE".equals(o.verb())
                && "SEQUENCE".equals(o.objectType()) && o.name() != null) {
            name(ctx, NamingConvention.Kind.SEQUENCE, o.name().name());
        }
    }

    private static void action(StatementContext ctx, AlterAction a) {
        switch (a.kind()) {
            case ADD_COLUMN, MODIFY_COLUMN -> {
                ColumnDef d = a.definition();
                if (d != null && !d.name().equals(a.column())) {
                    name(ctx, NamingConvention.Kind.COLUMN, d.name());
                }
            }
            case ADD_CONSTRAINT, ADD_INDEX -> constraint(ctx, a.constraint());
            case RENAME_COLUMN -> name(ctx, NamingConvention.Kind.COLUMN, a.name());
            case RENAME_TABLE -> name(ctx, NamingConvention.Kind.TABLE, QualifiedName.of(a.name()).name());
            case RENAME_CONSTRAINT -> name(ctx, NamingConvention.Kind.CONSTRAINT, a.name());
            case RENAME_INDEX -> name(ctx, NamingConvention.Kind.INDEX, a.name());
            default -> {
            }
        }
    }

    private static void constraint(StatementContext ctx, ConstraintDef c) {
        if (c != null) {
            name(ctx, c.type() == ConstraintDef.Type.INDEX ? NamingConvention.Kind.INDEX : NamingConvention.Kind.CONSTRAINT,
                    c.name());
        }
    }

    /** Reports {@code name} when it is given and the kind's pattern does not match all of it. */
    private static void name(StatementContext ctx, NamingConvention.Kind kind, String name) {
        if (name == null || name.isEmpty()) {
            return; // the server names it: its own convention
        }
        Pattern pattern = ctx.settings().naming().pattern(kind).orElse(null);
        if (pattern == null || pattern.matcher(name).matches()) {
            return;
        }
        String snake = CAMEL_HUMP.matcher(name).replaceAll("$1_$2").toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]+", "_");
        ctx.report(Severity.WARNING, LockImpact.NONE, false, "The " + kind.setting() + " name " + name
                        + " does not match lint.naming." + kind.setting() + " (" + pattern.pattern() + "). Names are"
                        + " cheap to choose now and expensive to change once code and queries use them.",
                pattern.matcher(snake).matches() && !snake.equals(name)
                        ? "-- name it " + snake + " instead"
                        : "-- choose a " + kind.setting() + " name that matches " + pattern.pattern());
    }
}
