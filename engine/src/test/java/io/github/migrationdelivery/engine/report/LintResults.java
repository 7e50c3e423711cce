package io.github.migrationdelivery.engine.report;

import io.github.migrationdelivery.engine.lint.ChangeClass;
import io.github.migrationdelivery.engine.lint.ChangesetVerdict;
import io.github.migrationdelivery.engine.lint.FailLevel;
import io.github.migrationdelivery.engine.lint.Finding;
import io.github.migrationdelivery.engine.lint.LintResult;
import io.github.migrationdelivery.engine.lint.LintSettings;
import io.github.migrationdelivery.engine.lint.RuleCategory;
import io.github.migrationdelivery.engine.lint.RuleInfo;
import io.github.migrationdelivery.engine.lint.Severity;
import io.github.migrationdelivery.engine.lint.Suppression;
import io.github.migrationdelivery.engine.lock.LockImpact;
import io.github.migrationdelivery.engine.lock.PgLockMode;
import io.github.migrationdelivery.engine.plan.Changeset;
import io.github.migrationdelivery.engine.plan.ChangesetKind;
import io.github.migrationdelivery.engine.plan.Dialect;
import io.github.migrationdelivery.engine.plan.Plan;
import io.github.migrationdelivery.engine.plan.SourcePosition;
import io.github.migrationdelivery.engine.plan.Statement;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Hand-built lint results for the report tests: the linter is not needed to test its outputs. */
final class LintResults {

    static final ToolInfo TOOL = ToolInfo.of("1.2.3");

    static final String INDEX_SQL = "CREATE INDEX idx_orders_status\n    ON orders (status);";
    static final String INDEX_FIX = "CREATE INDEX CONCURRENTLY idx_orders_status\n    ON orders (status);";
    /** Markup, quotes and a BEL character: every format must carry it safely. */
    static final String NASTY_MESSAGE = "Column \"note\" <text> & 'more'\u0007 is dropped";

    static final RuleInfo CONCURRENT_INDEX = new RuleInfo("require-concurrent-index-creation", Severity.ERROR,
            Set.of(Dialect.POSTGRESQL), "CREATE INDEX without CONCURRENTLY blocks writes", false, RuleCategory.LOCKING);
    static final RuleInfo BAN_DROP_COLUMN = new RuleInfo("ban-drop-column", Severity.WARNING,
            Set.of(Dialect.POSTGRESQL, Dialect.MYSQL, Dialect.MARIADB), "Dropping a column breaks running code", false, RuleCategory.DESTRUCTIVE);
    static final RuleInfo PREFER_BIGINT = new RuleInfo("prefer-bigint", Severity.INFO,
            Set.of(Dialect.POSTGRESQL), "Prefer bigint over int for ids", true, RuleCategory.DESIGN);

    private LintResults() {
    }

    /**
     * Three changesets: an error and a warning in a Liquibase changelog, an info in a Flyway script,
     * and a clean one. The rule list is unordered on purpose, and one finding names a rule the list lacks.
     */
    static LintResult mixed() {
        Path changelog = Path.of("db", "changelog.xml");
        Path script = Path.of("db/migration/V2__backfill status.sql");
        Changeset one = changeset("1", "alice", ChangesetKind.LIQUIBASE, new SourcePosition(changelog, 3, 5),
                INDEX_SQL, "ALTER TABLE orders DROP COLUMN note;");
        Changeset two = changeset("2", "", ChangesetKind.VERSIONED_SQL, new SourcePosition(script, 1, 1),
                "ALTER TABLE orders ADD COLUMN id2 int;");
        Changeset three = changeset("3", "bob", ChangesetKind.LIQUIBASE, new SourcePosition(changelog, 20, 5),
                "CREATE TABLE audit (id bigint);");

        Finding index = new Finding(CONCURRENT_INDEX.id(), Severity.ERROR, new SourcePosition(changelog, 5, 9),
                one.displayName(), INDEX_SQL, PgLockMode.SHARE.impact(), false,
                "CREATE INDEX takes ShareLock on \"orders\" & blocks writes while it builds.", INDEX_FIX);
        Finding drop = new Finding(BAN_DROP_COLUMN.id(), Severity.WARNING, new SourcePosition(changelog, 8, 9),
                one.displayName(), "ALTER TABLE orders DROP COLUMN note;", PgLockMode.ACCESS_EXCLUSIVE.impact(), false,
                NASTY_MESSAGE, "");
        Finding bigint = new Finding(PREFER_BIGINT.id(), Severity.INFO, new SourcePosition(script, 1, 34),
                two.displayName(), "ALTER TABLE orders ADD COLUMN id2 int;",
                new LockImpact("MDL_SHARED_UPGRADABLE", false, false, true, "INSTANT"), true,
                "int ids run out at 2^31", "ALTER TABLE orders ADD COLUMN id2 bigint;");
        Finding unknown = new Finding("transaction-nesting", Severity.WARNING, SourcePosition.of(script),
                two.displayName(), "", LockImpact.NONE, false, "plan-level finding without a place", "");

        LintSettings settings = new LintSettings(Dialect.POSTGRESQL, Dialect.POSTGRESQL.defaultVersion(), FailLevel.ERROR,
                Set.of(), Set.of(PREFER_BIGINT.id()), Map.of());
        return new LintResult(new Plan(Dialect.POSTGRESQL, List.of(one, two, three)), settings,
                List.of(PREFER_BIGINT, CONCURRENT_INDEX, BAN_DROP_COLUMN),
                List.of(new ChangesetVerdict(one, ChangeClass.DESTRUCTIVE, true, List.of(index, drop), List.of()),
                        new ChangesetVerdict(two, ChangeClass.ADDITIVE, false, List.of(bigint, unknown),
                                List.of(new Suppression(drop, "table holds 12 rows; agreed with DBA team"))),
                        new ChangesetVerdict(three, ChangeClass.ADDITIVE, false, List.of(), List.of())));
    }

    /** One clean changeset. */
    static LintResult clean() {
        Changeset only = changeset("1", "alice", ChangesetKind.LIQUIBASE,
                new SourcePosition(Path.of("db/changelog.xml"), 3, 5), "CREATE TABLE t (id bigint);");
        return new LintResult(new Plan(Dialect.POSTGRESQL, List.of(only)), LintSettings.defaults(Dialect.POSTGRESQL),
                List.of(CONCURRENT_INDEX), List.of(new ChangesetVerdict(only, ChangeClass.ADDITIVE, false, List.of(), List.of())));
    }

    /** {@link #mixed()} judged with another fail level. */
    static LintResult mixed(FailLevel failLevel) {
        LintResult r = mixed();
        LintSettings s = r.settings();
        return new LintResult(r.plan(), new LintSettings(s.dialect(), s.serverVersion(), failLevel,
                s.disabledRules(), s.enabledRules(), s.severityOverrides()), r.rules(), r.changesets());
    }

    static String write(LintFormat format, LintResult result) {
        StringBuilder out = new StringBuilder();
        try {
            format.writer(TOOL).write(result, out);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return out.toString();
    }

    private static Changeset changeset(String id, String author, ChangesetKind kind, SourcePosition at, String... sql) {
        List<Statement> statements = Arrays.stream(sql).map(s -> new Statement(s, at)).toList();
        return new Changeset(id, author, "", kind, at, true, statements, Optional.empty(), Set.of(), Set.of(), "");
    }
}
