package io.github.migrationdelivery.engine.lint;

import io.github.migrationdelivery.engine.plan.Plan;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The linter's verdict on a whole plan.
 *
 * @param rules the rules that ran (for reports that describe them, such as SARIF)
 */
public record LintResult(Plan plan, LintSettings settings, List<RuleInfo> rules, List<ChangesetVerdict> changesets) {

    public LintResult {
        rules = List.copyOf(rules);
        changesets = List.copyOf(changesets);
    }

    /** All findings in plan order. */
    public List<Finding> findings() {
        List<Finding> all = new ArrayList<>();
        for (ChangesetVerdict v : changesets) {
            all.addAll(v.findings());
        }
        return Collections.unmodifiableList(all);
    }

    public ChangeClass changeClass() {
        ChangeClass c = ChangeClass.ADDITIVE;
        for (ChangesetVerdict v : changesets) {
            c = c.max(v.changeClass());
        }
        return c;
    }

    public boolean blocking() {
        for (ChangesetVerdict v : changesets) {
            if (v.blocking()) {
                return true;
            }
        }
        return false;
    }

    public long count(Severity severity) {
        return findings().stream().filter(f -> f.severity() == severity).count();
    }

    /** True when a finding is at or above the configured fail level. */
    public boolean failed() {
        return findings().stream().anyMatch(f -> settings.failLevel().fails(f.severity()));
    }

    /** One line for a log: counts, the plan's class, whether it blocks, the gate's verdict. */
    public String summary() {
        return String.format("lint: %d changesets, %d statements: %d errors, %d warnings, %d infos; plan is %s%s; gate %s",
                plan().changesets().size(), plan().statementCount(), count(Severity.ERROR),
                count(Severity.WARNING), count(Severity.INFO), changeClass().id(),
                blocking() ? ", blocking" : "", failed() ? "FAILED" : "passed");
    }
}
