package io.github.migrationdelivery.engine.lint;

import io.github.migrationdelivery.engine.EngineException;
import io.github.migrationdelivery.engine.lock.LockImpact;
import io.github.migrationdelivery.engine.lock.MysqlLocks;
import io.github.migrationdelivery.engine.lock.PgLockMode;
import io.github.migrationdelivery.engine.lock.PostgresLocks;
import io.github.migrationdelivery.engine.plan.Changeset;
import io.github.migrationdelivery.engine.plan.Plan;
import io.github.migrationdelivery.engine.plan.Statement;
import io.github.migrationdelivery.engine.sql.Lexer;
import io.github.migrationdelivery.engine.sql.QualifiedName;
import io.github.migrationdelivery.engine.sql.Recognizer;
import io.github.migrationdelivery.engine.sql.StatementShape;
import io.github.migrationdelivery.engine.sql.Token;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.statement.UnsupportedStatement;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.IntStream;

/**
 * Lints a plan. What a statement means depends on what came before it (a table created earlier
 * in the plan, a timeout set earlier in the changeset), so the facts that cross changesets are
 * recorded in plan order first ({@link PlanHistory}); then changesets are linted independently,
 * in parallel, and their verdicts kept in plan order.
 */
public final class Linter {

    private static final int SLICE_STATEMENTS = 4096;

    private final LintSettings settings;
    private final RuleCatalogue catalogue;
    private final List<Rule> active;
    private final Recognizer recognizer;
    private final MysqlLocks mysqlLocks;

    public Linter(LintSettings settings, RuleCatalogue catalogue) {
        this.settings = settings;
        this.catalogue = catalogue;
        checkRuleIds(settings.disabledRules(), "disabled rules");
        checkRuleIds(settings.enabledRules(), "enabled rules");
        checkRuleIds(settings.severityOverrides().keySet(), "severity overrides");
        List<Rule> rules = new ArrayList<>();
        for (Rule r : catalogue.rules()) {
            RuleInfo info = r.info();
            boolean wanted = info.optIn() ? settings.enables(info.id()) : !settings.disabledRules().contains(info.id());
            if (wanted && info.dialects().contains(settings.dialect())) {
                rules.add(r);
            }
        }
        this.active = List.copyOf(rules);
        this.recognizer = new Recognizer(settings.dialect());
        this.mysqlLocks = new MysqlLocks(settings.dialect(), settings.serverVersion());
    }

    private void checkRuleIds(Set<String> ids, String setting) {
        for (String id : ids) {
            if (catalogue.info(id).isEmpty()) {
                throw EngineException.badInput(setting + ": unknown rule '" + id + "'");
            }
        }
    }

    public LintResult lint(Plan plan) {
        return lint(plan, true);
    }

    /**
     * Works through the plan in slices of about {@link #SLICE_STATEMENTS} statements, three passes
     * each: lex and recognise the slice's changesets (in parallel), record their plan-wide facts
     * in plan order (one cheap sequential pass over the shapes), then run the rules per changeset
     * (in parallel: each changeset asks the history for what earlier changesets did). Slicing
     * keeps the tokens of only one slice alive, so they die young instead of being copied by the
     * garbage collector. {@code parallel} exists so tests can check both ways give the same result.
     */
    LintResult lint(Plan plan, boolean parallel) {
        List<Changeset> changesets = plan.changesets();
        List<Linted> linted = new ArrayList<>(changesets.size());
        PlanHistory history = new PlanHistory();
        int ordinal = 0;
        int from = 0;
        while (from < changesets.size()) {
            int to = from;
            for (int statements = 0; to < changesets.size() && statements < SLICE_STATEMENTS; to++) {
                statements += changesets.get(to).statements().size();
            }
            List<Changeset> slice = changesets.subList(from, to);
            List<Analysed> analysed = (parallel ? slice.parallelStream() : slice.stream()).map(this::analyse).toList();
            int[] firstOrdinal = new int[slice.size()];
            for (int i = 0; i < slice.size(); i++) {
                firstOrdinal[i] = ordinal;
                history.record(analysed.get(i).shapes(), ordinal);
                ordinal += analysed.get(i).shapes().size();
            }
            IntStream indexes = IntStream.range(0, slice.size());
            linted.addAll((parallel ? indexes.parallel() : indexes)
                    .mapToObj(i -> lintChangeset(analysed.get(i), new ChangesetTracker(settings.dialect(), history,
                            slice.get(i), firstOrdinal[i])))
                    .toList());
            from = to;
        }
        PlanState end = ChangesetTracker.afterPlan(settings.dialect(), history, ordinal);
        List<ChangesetVerdict> verdicts = new ArrayList<>(linted.size());
        linted.forEach(l -> verdicts.add(verdict(l, end)));
        List<RuleInfo> ran = new ArrayList<>();
        active.forEach(r -> ran.add(r.info()));
        ran.add(RuleCatalogue.UNPARSED_STATEMENT);
        ran.add(RuleCatalogue.ALLOW_WITHOUT_REASON);
        ran.add(RuleCatalogue.UNUSED_ALLOW);
        return new LintResult(plan, settings, ran, verdicts);
    }

    /** A changeset's statements with their tokens and shapes, computed once. */
    private record Analysed(Changeset changeset, List<AnalysedStatement> statements, List<StatementShape> shapes) {
    }

    private record AnalysedStatement(Statement statement, List<Token> tokens, StatementShape shape, boolean parserAccepted) {
    }

    private Analysed analyse(Changeset changeset) {
        List<AnalysedStatement> out = new ArrayList<>(changeset.statements().size());
        List<StatementShape> shapes = new ArrayList<>(changeset.statements().size());
        for (Statement s : changeset.statements()) {
            List<Token> tokens = Lexer.significant(s.sql(), settings.dialect());
            StatementShape shape = recognizer.recognize(tokens);
            boolean accepted = !(shape instanceof StatementShape.Unrecognized) || fullParserAccepts(s.sql());
            out.add(new AnalysedStatement(s, tokens, shape, accepted));
            shapes.add(shape);
        }
        return new Analysed(changeset, out, Collections.unmodifiableList(shapes));
    }

    /** The full parser's opinion on a statement the recogniser does not know. */
    private static boolean fullParserAccepts(String sql) {
        try {
            return !(CCJSqlParserUtil.parse(sql) instanceof UnsupportedStatement);
        } catch (JSQLParserException | RuntimeException e) {
            return false;
        }
    }

    /**
     * A changeset linted before the end of the plan is known: its findings (severity overrides not
     * yet applied) and, among them, those the end of the plan may settle, with their conditions.
     */
    private record Linted(Changeset changeset, ChangeClass changeClass, boolean blocking, List<Finding> kept,
                          List<Suppression> suppressed, Map<Finding, Predicate<PlanState>> provisional) {

        boolean settled(Finding f, PlanState end) {
            Predicate<PlanState> condition = provisional.get(f);
            return condition != null && condition.test(end);
        }
    }

    /** The changeset's verdict once {@code end}, the state after the plan's last statement, is known. */
    private ChangesetVerdict verdict(Linted linted, PlanState end) {
        List<Finding> findings = linted.kept();
        List<Suppression> suppressions = linted.suppressed();
        if (!linted.provisional().isEmpty()) {
            findings = findings.stream().filter(f -> !linted.settled(f, end)).toList();
            suppressions = suppressions.stream().filter(s -> !linted.settled(s.finding(), end)).toList();
        }
        return new ChangesetVerdict(linted.changeset(), linted.changeClass(), linted.blocking(), overridden(findings),
                suppressions);
    }

    private Linted lintChangeset(Analysed analysed, ChangesetTracker tracker) {
        Changeset changeset = analysed.changeset();
        List<AnalysedStatement> statements = analysed.statements();
        List<StatementShape> shapes = analysed.shapes();
        List<Finding> kept = new ArrayList<>();
        List<Suppression> suppressed = new ArrayList<>();
        Map<Finding, Predicate<PlanState>> provisional = new IdentityHashMap<>(1); // rarely used: the smallest table
        List<Allowances.Allow> changesetAllows = Allowances.inText(changeset.description(), changeset.position());
        ChangeClass changeClass = ChangeClass.ADDITIVE;
        boolean blocking = false;
        for (int i = 0; i < statements.size(); i++) {
            AnalysedStatement a = statements.get(i);
            List<Finding> raw = new ArrayList<>();
            StatementContext ctx = new StatementContext(a.statement(), a.tokens(), a.shape(), changeset, settings, tracker,
                    lockOf(a.shape(), tracker), shapes, raw::add, provisional);
            for (Rule rule : active) {
                rule.check(ctx.forRule(rule.info()));
            }
            if (!a.parserAccepted()) {
                raw.add(builtIn(RuleCatalogue.UNPARSED_STATEMENT, ctx,
                        "neither the migration recogniser nor the SQL parser understands this statement"
                                + " (it starts with '" + ((StatementShape.Unrecognized) a.shape()).head()
                                + "'), so no rule could check it; review it by hand or run the dry-run to measure it"));
            }
            if (i == statements.size() - 1) {
                for (Rule rule : active) {
                    rule.atChangesetEnd(ctx.forRule(rule.info()));
                }
            }
            changeClass = changeClass.max(Classifier.classify(a.shape(), tracker));
            for (Finding f : raw) {
                blocking |= f.lock().blocksTraffic() && catalogue.info(f.ruleId())
                        .map(r -> r.category() == RuleCategory.LOCKING && r.defaultSeverity() == Severity.ERROR).orElse(false);
            }
            List<Allowances.Allow> allows = new ArrayList<>(Allowances.inStatement(a.statement().sql(),
                    a.statement().position(), settings.dialect()));
            suppress(raw, allows, changesetAllows, kept, suppressed);
            reportAllowProblems(allows, ctx, kept);
            tracker.after(a.shape());
        }
        if (statements.isEmpty() && !changeset.uninspectable().isEmpty()) {
            // Only an executeCommand: no statement, but the end-of-changeset checks must still see it.
            List<Finding> raw = new ArrayList<>();
            StatementContext ctx = new StatementContext(new Statement("", changeset.position()), List.of(),
                    recognizer.recognize(List.of()), changeset, settings, tracker, LockImpact.NONE, shapes, raw::add,
                    provisional);
            for (Rule rule : active) {
                rule.atChangesetEnd(ctx.forRule(rule.info()));
            }
            suppress(raw, List.of(), changesetAllows, kept, suppressed);
        }
        reportAllowProblems(changesetAllows, null, kept);
        return new Linted(changeset, changeClass, blocking, kept, suppressed, provisional);
    }

    private static void suppress(List<Finding> raw, List<Allowances.Allow> statementAllows,
                                 List<Allowances.Allow> changesetAllows, List<Finding> kept, List<Suppression> suppressed) {
        for (Finding f : raw) {
            Allowances.Allow allow = matching(f, statementAllows);
            if (allow == null) {
                allow = matching(f, changesetAllows);
            }
            if (allow == null) {
                kept.add(f);
            } else {
                allow.used = true;
                suppressed.add(new Suppression(f, allow.reason));
            }
        }
    }

    private static Allowances.Allow matching(Finding f, List<Allowances.Allow> allows) {
        for (Allowances.Allow a : allows) {
            if (!a.reason.isEmpty() && a.rules.contains(f.ruleId())) {
                return a;
            }
        }
        return null;
    }

    private void reportAllowProblems(List<Allowances.Allow> allows, StatementContext ctx, List<Finding> kept) {
        for (Allowances.Allow a : allows) {
            String rules = String.join(",", a.rules);
            if (a.reason.isEmpty()) {
                kept.add(new Finding(RuleCatalogue.ALLOW_WITHOUT_REASON.id(), RuleCatalogue.ALLOW_WITHOUT_REASON.defaultSeverity(),
                        a.position, ctx == null ? "" : ctx.changeset().displayName(), ctx == null ? "" : ctx.excerpt(),
                        LockImpact.NONE, false, "md:allow " + rules + " gives no reason, so it suppresses nothing;"
                        + " write why the finding is acceptable here",
                        "-- md:allow " + rules + " <why this is safe here, e.g. table has 200 rows>"));
            } else if (!a.used) {
                List<String> unknown = a.rules.stream().filter(id -> catalogue.info(id).isEmpty()).sorted().toList();
                String why = unknown.isEmpty() ? "md:allow " + rules + " suppresses nothing: no such finding here"
                        : "md:allow names unknown rule(s) " + String.join(", ", unknown);
                kept.add(new Finding(RuleCatalogue.UNUSED_ALLOW.id(), RuleCatalogue.UNUSED_ALLOW.defaultSeverity(), a.position,
                        ctx == null ? "" : ctx.changeset().displayName(), ctx == null ? "" : ctx.excerpt(), LockImpact.NONE, false,
                        why + "; remove it so it cannot hide a future finding", ""));
            }
        }
    }

    private Finding builtIn(RuleInfo info, StatementContext ctx, String message) {
        return new Finding(info.id(), info.defaultSeverity(), ctx.statement().position(), ctx.changeset().displayName(),
                ctx.excerpt(), LockImpact.NONE, false, message, "");
    }

    private List<Finding> overridden(List<Finding> findings) {
        Map<String, Severity> overrides = settings.severityOverrides();
        List<Finding> out = new ArrayList<>(findings.size());
        for (Finding f : findings) {
            if (settings.disabledRules().contains(f.ruleId())) {
                continue; // built-in checks can be disabled like any rule
            }
            Severity s = overrides.get(f.ruleId());
            out.add(s == null ? f : f.withSeverity(s));
        }
        return out;
    }

    private LockImpact lockOf(StatementShape shape, PlanState state) {
        if (settings.dialect().isMysqlFamily()) {
            List<QualifiedName> tables = shape.tables();
            return mysqlLocks.impact(shape, column -> tables.isEmpty() ? Optional.empty()
                    : state.columnType(tables.get(0), column)).orElse(LockImpact.NONE);
        }
        return PostgresLocks.of(shape).map(PgLockMode::impact).orElse(LockImpact.NONE);
    }
}
