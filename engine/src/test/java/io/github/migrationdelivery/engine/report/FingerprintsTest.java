package io.github.migrationdelivery.engine.report;

import io.github.migrationdelivery.engine.lint.ChangesetVerdict;
import io.github.migrationdelivery.engine.lint.Finding;
import io.github.migrationdelivery.engine.lint.LintResult;
import io.github.migrationdelivery.engine.plan.SourcePosition;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

class FingerprintsTest {

    /** {@link LintResults#mixed()} with every finding of the first changeset changed by {@code change}. */
    private static LintResult withFirstChangesetFindings(UnaryOperator<Finding> change) {
        LintResult r = LintResults.mixed();
        ChangesetVerdict first = r.changesets().get(0);
        List<Finding> changed = first.findings().stream().map(change).toList();
        List<ChangesetVerdict> verdicts = new ArrayList<>(r.changesets());
        verdicts.set(0, new ChangesetVerdict(first.changeset(), first.changeClass(), first.blocking(), changed, first.suppressed()));
        return new LintResult(r.plan(), r.settings(), r.rules(), verdicts);
    }

    @Test
    void survivesLineMovesAndReformatting() {
        LintResult moved = withFirstChangesetFindings(f -> new Finding(f.ruleId(), f.severity(),
                new SourcePosition(f.position().file(), f.position().line() + 40, 1), f.changeset(),
                "  " + f.statement().toLowerCase(Locale.ROOT).replace(" ", "\n\t"), f.lock(), f.rewritesTable(),
                f.message() + " (reworded)", f.safeRewrite()));
        assertThat(Fingerprints.of(moved)).isEqualTo(Fingerprints.of(LintResults.mixed()));
    }

    @Test
    void changesWithRuleFileOrStatement() {
        List<String> base = Fingerprints.of(LintResults.mixed());
        LintResult otherFile = withFirstChangesetFindings(f -> new Finding(f.ruleId(), f.severity(),
                new SourcePosition(Path.of("db/other.xml"), f.position().line(), f.position().column()),
                f.changeset(), f.statement(), f.lock(), f.rewritesTable(), f.message(), f.safeRewrite()));
        assertThat(Fingerprints.of(otherFile).get(0)).isNotEqualTo(base.get(0));
        LintResult otherStatement = withFirstChangesetFindings(f -> new Finding(f.ruleId(), f.severity(), f.position(),
                f.changeset(), f.statement() + " -- v2", f.lock(), f.rewritesTable(), f.message(), f.safeRewrite()));
        assertThat(Fingerprints.of(otherStatement).get(0)).isNotEqualTo(base.get(0));
    }

    @Test
    void identicalFindingsInOneFileStayDistinct() {
        LintResult twins = withFirstChangesetFindings(f -> new Finding("same-rule", f.severity(), f.position(),
                f.changeset(), "UPDATE t SET a = 1", f.lock(), false, "m", ""));
        List<String> prints = Fingerprints.of(twins);
        assertThat(prints.get(0)).isNotEqualTo(prints.get(1));
    }
}
