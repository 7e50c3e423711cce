package io.github.migrationdelivery.engine.brief;

import io.github.migrationdelivery.engine.plan.Changeset;
import io.github.migrationdelivery.engine.plan.Plan;
import io.github.migrationdelivery.engine.plan.Statement;
import io.github.migrationdelivery.engine.sql.Lexer;
import io.github.migrationdelivery.engine.sql.Recognizer;

import java.util.ArrayList;
import java.util.List;

/**
 * The way back, judged from the plan alone: which changesets have a rollback, and which rollback
 * statements would drop, truncate or delete data (read from their recognised shapes, so it holds
 * without a database; the dry-run's rehearsal says which of them met real rows).
 */
public record RollbackAssessment(List<ChangesetUndo> changesets) {

    /**
     * @param losses what the rollback's statements destroy, e.g. "drops column orders.status with its values"
     */
    public record ChangesetUndo(String changeset, boolean hasRollback, List<String> losses) {
        public ChangesetUndo {
            losses = List.copyOf(losses);
        }
    }

    public RollbackAssessment {
        changesets = List.copyOf(changesets);
    }

    public static RollbackAssessment of(Plan plan) {
        Recognizer recognizer = new Recognizer(plan.dialect());
        List<ChangesetUndo> out = new ArrayList<>();
        for (Changeset c : plan.changesets()) {
            List<String> losses = new ArrayList<>();
            for (Statement s : c.rollback().map(r -> r.statements()).orElse(List.of())) {
                losses.addAll(StatementWords.destroys(recognizer.recognize(Lexer.significant(s.sql(), plan.dialect()))));
            }
            out.add(new ChangesetUndo(c.displayName(), c.rollback().isPresent(), losses));
        }
        return new RollbackAssessment(out);
    }

    public boolean everyChangesetHasRollback() {
        return changesets.stream().allMatch(ChangesetUndo::hasRollback);
    }

    /** Changesets without a rollback, by name. */
    public List<String> missing() {
        return changesets.stream().filter(c -> !c.hasRollback()).map(ChangesetUndo::changeset).toList();
    }

    public boolean destroysData() {
        return changesets.stream().anyMatch(c -> !c.losses().isEmpty());
    }

    /** "changeset: what its rollback destroys", in plan order. */
    public List<String> losses() {
        List<String> out = new ArrayList<>();
        for (ChangesetUndo c : changesets) {
            c.losses().forEach(l -> out.add(c.changeset() + ": " + l));
        }
        return out;
    }
}
