package io.github.migrationdelivery.engine.brief;

import io.github.migrationdelivery.engine.dryrun.ChangesetRun;
import io.github.migrationdelivery.engine.dryrun.DryRunReport;
import io.github.migrationdelivery.engine.dryrun.LockHeld;
import io.github.migrationdelivery.engine.dryrun.Outcome;
import io.github.migrationdelivery.engine.dryrun.RollbackRehearsal;
import io.github.migrationdelivery.engine.dryrun.StatementRun;
import io.github.migrationdelivery.engine.lint.ChangeClass;
import io.github.migrationdelivery.engine.lint.ChangesetVerdict;
import io.github.migrationdelivery.engine.lint.LintResult;
import io.github.migrationdelivery.engine.lint.Severity;
import io.github.migrationdelivery.engine.lock.LockImpact;
import io.github.migrationdelivery.engine.lock.MysqlLocks;
import io.github.migrationdelivery.engine.lock.PgLockMode;
import io.github.migrationdelivery.engine.lock.PostgresLocks;
import io.github.migrationdelivery.engine.plan.Changeset;
import io.github.migrationdelivery.engine.plan.Dialect;
import io.github.migrationdelivery.engine.plan.Plan;
import io.github.migrationdelivery.engine.plan.Statement;
import io.github.migrationdelivery.engine.sql.Lexer;
import io.github.migrationdelivery.engine.sql.QualifiedName;
import io.github.migrationdelivery.engine.sql.Recognizer;
import io.github.migrationdelivery.engine.sql.SqlText;
import io.github.migrationdelivery.engine.sql.StatementShape;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Puts a {@link RiskBrief} together; one per brief. */
final class BriefComposer {

    private static final int EXCERPT = 120;

    private final LintResult lint;
    private final Plan plan;
    private final Optional<DryRunReport> dryRun;
    private final Optional<BackupReference> backup;
    private final Recognizer recognizer;
    private final MysqlLocks mysqlLocks;
    private final Map<String, ChangesetRun> runs = new HashMap<>();
    private final Map<String, List<String>> tableFacts = new LinkedHashMap<>();
    private int unmatched;

    BriefComposer(LintResult lint, Optional<DryRunReport> dryRun, Optional<BackupReference> backup) {
        this.lint = lint;
        this.plan = lint.plan();
        this.dryRun = dryRun;
        this.backup = backup;
        this.recognizer = new Recognizer(plan.dialect());
        this.mysqlLocks = new MysqlLocks(plan.dialect(), lint.settings().serverVersion());
        dryRun.ifPresent(r -> r.changesets().forEach(c -> runs.put(c.name(), c)));
    }

    RiskBrief compose() {
        RollbackAssessment rollback = RollbackAssessment.of(plan);
        List<RiskBrief.ChangesetBrief> changesets = new ArrayList<>();
        for (int i = 0; i < lint.changesets().size(); i++) {
            changesets.add(changeset(lint.changesets().get(i), rollback.changesets().get(i)));
        }
        boolean breaks = changesets.stream().anyMatch(c -> !c.oldVersion().isEmpty());
        boolean losesData = changesets.stream().anyMatch(RiskBrief.ChangesetBrief::undoLosesData);
        List<RiskBrief.TableNote> tables = new ArrayList<>();
        tableFacts.forEach((t, facts) -> tables.add(new RiskBrief.TableNote(t, facts)));
        return new RiskBrief(plan.checksum(), lint.changeClass(), summary(changesets, breaks, losesData), tables,
                changesets, dryRun.isPresent(), breaks, losesData);
    }

    private RiskBrief.ChangesetBrief changeset(ChangesetVerdict verdict, RollbackAssessment.ChangesetUndo undo) {
        Changeset cs = verdict.changeset();
        List<String> does = new ArrayList<>();
        List<RiskBrief.LockNote> locks = new ArrayList<>();
        List<String> oldVersion = new ArrayList<>();
        List<String> destroyed = new ArrayList<>();
        ChangesetRun run = runs.get(cs.displayName());
        int searchFrom = 0;
        for (Statement s : cs.statements()) {
            StatementShape shape = recognizer.recognize(Lexer.significant(s.sql(), plan.dialect()));
            Optional<StatementRun> measured = Optional.empty();
            if (run != null) {
                String text = SqlText.excerpt(s.sql(), 400);
                for (int j = searchFrom; j < run.statements().size(); j++) {
                    if (run.statements().get(j).statement().equals(text)) {
                        measured = Optional.of(run.statements().get(j));
                        searchFrom = j + 1;
                        break;
                    }
                }
            }
            if (StatementWords.housekeeping(shape)) {
                continue;
            }
            does.addAll(StatementWords.does(shape, s.sql()));
            oldVersion.addAll(StatementWords.oldVersion(shape));
            destroyed.addAll(StatementWords.destroys(shape));
            lockNote(shape, s, measured).ifPresent(locks::add);
            noteTables(shape, measured);
        }
        List<String> findings = verdict.findings().stream()
                .map(f -> f.severity().id() + " " + f.ruleId() + ": " + f.message()).collect(Collectors.toList());
        verdict.suppressed().forEach(sup -> findings.add("allowed " + sup.finding().ruleId() + ": " + sup.reason()));
        boolean losesData = !destroyed.isEmpty() || !undo.losses().isEmpty();
        return new RiskBrief.ChangesetBrief(cs.displayName(), verdict.changeClass(), does, locks, oldVersion, findings,
                undo(cs, destroyed, undo), losesData);
    }

    private String undo(Changeset cs, List<String> destroyed, RollbackAssessment.ChangesetUndo undo) {
        StringBuilder sb = new StringBuilder();
        if (!destroyed.isEmpty()) {
            sb.append("Undo cannot bring the data back: this changeset ").append(String.join("; ", destroyed)).append(". ")
                    .append(backup.map(b -> "Only backup " + b.id() + " holds it. ")
                            .orElse("No backup manifest was given, so that data would be lost for good. "));
        }
        if (!undo.hasRollback()) {
            sb.append("No rollback is defined: undoing it means writing a fix-forward change");
            sb.append(backup.map(b -> " or restoring backup " + b.id()).orElse("")).append('.');
        } else if (!undo.losses().isEmpty()) {
            sb.append("The rollback ").append(String.join("; ", undo.losses()))
                    .append(": whatever was written there after the migration is lost.");
        } else if (cs.rollback().get().statements().isEmpty()) {
            sb.append("The rollback is an explicit no-op.");
        } else {
            sb.append("The rollback (").append(cs.rollback().get().statements().size())
                    .append(cs.rollback().get().statements().size() == 1 ? " statement" : " statements")
                    .append(") destroys no data.");
        }
        return sb.toString().trim();
    }

    private Optional<RiskBrief.LockNote> lockNote(StatementShape shape, Statement s, Optional<StatementRun> measured) {
        String excerpt = SqlText.excerpt(s.sql(), EXCERPT);
        if (measured.isPresent() && measured.get().outcome() != Outcome.SKIPPED) {
            StatementRun r = measured.get();
            Optional<LockImpact> expected = staticLock(shape).filter(LockImpact::blocksTraffic);
            if ("none".equals(r.strongestLock()) && expected.isPresent()) {
                // The lock was taken by an earlier statement of the same transaction, whose hold counts it.
                return Optional.of(new RiskBrief.LockNote(excerpt, "needs " + expected.get().lockMode()
                        + ", which an earlier statement of the same transaction already holds (its measured hold"
                        + " lasts to the commit and includes this statement's " + r.durationMs() + " ms)", true));
            }
            if ("none".equals(r.strongestLock()) && r.maxBlockedMs() == 0 && r.rewrittenTables().isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new RiskBrief.LockNote(excerpt, measuredText(r), true));
        }
        Optional<LockImpact> impact = staticLock(shape);
        if (impact.isEmpty() || !impact.get().blocksTraffic() && !impact.get().blocksDdl()) {
            return Optional.empty();
        }
        String why;
        if (dryRun.isEmpty()) {
            why = "not measured (no dry-run report given)";
        } else if (measured.isPresent()) {
            why = "not measured (the dry-run skipped it)";
        } else {
            unmatched++;
            why = "not measured (the dry-run report has no run of this statement: is it a report of this plan?)";
        }
        String tables = shape.tables().stream().map(QualifiedName::toString).collect(Collectors.joining(", "));
        return Optional.of(new RiskBrief.LockNote(excerpt, "takes " + impact.get().lockMode()
                + (tables.isEmpty() ? "" : " on " + tables) + ", which blocks " + impact.get().blockedSummary()
                + " for as long as it runs; " + why, false));
    }

    private static String measuredText(StatementRun r) {
        List<String> relations = r.locks().stream().map(LockHeld::relation).distinct().toList();
        StringBuilder sb = new StringBuilder();
        if ("none".equals(r.strongestLock())) {
            sb.append("held no table lock beyond what reads and writes take");
        } else {
            sb.append("held ").append(r.strongestLock());
            if (!relations.isEmpty()) {
                sb.append(" on ").append(String.join(", ", relations));
            }
        }
        long held = Math.max(r.writeBlockingHeldMs(), r.readBlockingHeldMs());
        if (r.blocksReads() || r.blocksWrites()) {
            sb.append(" for ").append(held).append(" ms, blocking ")
                    .append(r.blocksReads() ? "reads and writes" : "writes");
        } else {
            sb.append(", which blocks no reads or writes; the statement ran ").append(r.durationMs()).append(" ms");
        }
        sb.append(" (measured");
        if (!r.lockCapture().isEmpty()) {
            sb.append(", ").append(r.lockCapture());
        }
        sb.append("); probes waited up to ").append(r.maxReadBlockedMs()).append(" ms to read and ")
                .append(r.maxWriteBlockedMs()).append(" ms to write");
        if (!r.rewrittenTables().isEmpty()) {
            sb.append("; rewrote ").append(String.join(", ", r.rewrittenTables()));
        }
        if (!r.onlineDdl().isEmpty()) {
            sb.append("; ALGORITHM=").append(r.onlineDdl());
        }
        return sb.toString();
    }

    /** The lock from the one lock table per dialect, as lint names it. */
    private Optional<LockImpact> staticLock(StatementShape shape) {
        if (plan.dialect().isMysqlFamily()) {
            return mysqlLocks.impact(shape);
        }
        return PostgresLocks.of(shape).map(PgLockMode::impact);
    }

    private void noteTables(StatementShape shape, Optional<StatementRun> measured) {
        List<QualifiedName> tables = new ArrayList<>(shape.tables());
        if (shape instanceof StatementShape.CreateTable ct) {
            tables.add(ct.table());
        }
        for (QualifiedName t : tables) {
            List<String> facts = tableFacts.computeIfAbsent(tableKey(t), k -> new ArrayList<>());
            if (shape instanceof StatementShape.CreateTable) {
                facts.add("created by this plan");
            }
            if (measured.isEmpty()) {
                continue;
            }
            StatementRun r = measured.get();
            if (shape instanceof StatementShape.Dml && r.rowsAffected() >= 0) {
                facts.add(r.rowsAffected() + " rows changed in the dry-run (" + SqlText.excerpt(r.statement(), 60) + ")");
            }
            if (r.rewrittenTables().stream().anyMatch(rt -> tableKey(QualifiedName.of(rt.substring(rt.indexOf('.') + 1)))
                    .equals(tableKey(QualifiedName.of(t.name()))))) {
                facts.add("rewritten in the dry-run, which copies every row (" + r.durationMs() + " ms)");
            }
        }
    }

    /** "public.orders" and "orders" are one table to a reader. */
    private String tableKey(QualifiedName t) {
        boolean defaultSchema = t.schema().isEmpty() || plan.dialect() == Dialect.POSTGRESQL && "public".equals(t.schema());
        return defaultSchema ? t.name() : t.toString();
    }

    private List<String> summary(List<RiskBrief.ChangesetBrief> changesets, boolean breaks, boolean losesData) {
        List<String> out = new ArrayList<>();
        Map<ChangeClass, Integer> counts = new EnumMap<>(ChangeClass.class);
        changesets.forEach(c -> counts.merge(c.classification(), 1, Integer::sum));
        out.add("Risk class: " + lint.changeClass().id() + " (" + counts.getOrDefault(ChangeClass.DESTRUCTIVE, 0)
                + " destructive, " + counts.getOrDefault(ChangeClass.BACKFILL, 0) + " backfill, "
                + counts.getOrDefault(ChangeClass.ADDITIVE, 0) + " additive changesets; " + plan.statementCount()
                + " statements, " + plan.dialect().id() + ").");
        out.add("Plan checksum " + plan.checksum() + ": an approval holds for exactly this plan.");
        long suppressed = lint.changesets().stream().mapToLong(v -> v.suppressed().size()).sum();
        out.add("Lint: " + lint.count(Severity.ERROR) + " errors, " + lint.count(Severity.WARNING) + " warnings, "
                + lint.count(Severity.INFO) + " infos" + (suppressed > 0 ? ", " + suppressed + " allowed with a reason" : "")
                + (lint.blocking() ? "; a statement blocks traffic on a live table" : "") + ".");
        if (dryRun.isPresent()) {
            out.add(measuredSummary(dryRun.get()));
            if (unmatched > 0) {
                out.add("Warning: " + unmatched + " locking statements have no run in the dry-run report;"
                        + " it may be a report of another version of this plan.");
            }
        } else {
            out.add("Lock times are not measured: no dry-run report was given, so the locks below are the ones the"
                    + " lock tables name, and how long they are held depends on the table's size and on waiting queries.");
        }
        out.add(breaks ? "The application version still running breaks: see \"Old application version\" below."
                : "The application version still running keeps working: nothing it uses is removed or tightened.");
        out.add(backup.map(b -> "Backup: manifest " + b.id() + " protects this plan.")
                .orElse(lint.changeClass() == ChangeClass.DESTRUCTIVE
                        ? "Backup: none given, and this plan destroys data." : "Backup: none given."));
        out.add(losesData ? "Undo loses data: see each changeset's undo." : "Undo loses no data.");
        return out;
    }

    private static String measuredSummary(DryRunReport r) {
        StringBuilder sb = new StringBuilder("Measured by a dry-run on ").append(r.snapshot()).append(" (server ")
                .append(r.serverVersion()).append("): ").append(r.outcome().id()).append(" in ").append(r.totalMs())
                .append(" ms");
        r.statements().stream().max((a, b) -> Long.compare(a.writeBlockingHeldMs(), b.writeBlockingHeldMs()))
                .filter(s -> s.writeBlockingHeldMs() > 0)
                .ifPresent(s -> sb.append("; longest write-blocking lock ").append(s.writeBlockingHeldMs()).append(" ms (")
                        .append(SqlText.excerpt(s.statement(), 60)).append(")"));
        long blocked = r.statements().stream().mapToLong(StatementRun::maxBlockedMs).max().orElse(0);
        sb.append("; longest blocked probe ").append(blocked).append(" ms");
        RollbackRehearsal rb = r.rollback();
        if (rb != null) {
            sb.append("; rollback rehearsal ").append(rb.status().id());
            if (!rb.dataLoss().isEmpty()) {
                sb.append(" (its rollback ").append(String.join("; ", rb.dataLoss())).append(")");
            }
        }
        if (!r.failure().isEmpty()) {
            sb.append("; failed: ").append(r.failure());
        }
        return sb.append('.').toString();
    }
}
