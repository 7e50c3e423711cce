package io.github.migrationdelivery.cli;

import io.github.migrationdelivery.engine.config.ProjectConfig;
import io.github.migrationdelivery.engine.migrate.SafeDown;
import io.github.migrationdelivery.engine.plan.Dialect;
import io.github.migrationdelivery.engine.plan.Plan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code assert-safe-down}: the gate that keeps automated rollbacks from losing data. */
@Command(name = "assert-safe-down", mixinStandardHelpOptions = true,
        description = "Fail when a rollback (Liquibase <rollback> or generated inverse, Flyway U__ script) would drop,"
                + " truncate or delete data (docs/migrate.md).")
final class AssertSafeDownCommand implements Callable<Integer> {

    @Mixin
    PlanOptions plan;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        ProjectConfig project = plan.project();
        Dialect dialect = plan.dialect(project);
        Plan p = plan.read(dialect, plan.serverVersion(project, dialect));
        List<SafeDown.Destructive> found = SafeDown.check(p);
        for (SafeDown.Destructive d : found) {
            out.println(d.position() + ": rollback of " + d.changeset() + " " + d.why() + ": " + d.statement());
        }
        long withRollback = p.changesets().stream().filter(c -> c.rollback().isPresent()).count();
        if (found.isEmpty()) {
            out.println("safe down: passed: the rollbacks of " + withRollback + " of " + p.changesets().size()
                    + " changesets keep all data");
        } else {
            out.println("safe down: FAILED: " + found.size() + (found.size() == 1 ? " rollback statement loses" : " rollback statements lose")
                    + " data; give those changesets a rollback that keeps it, or none, so only a human can undo them");
        }
        out.flush();
        return found.isEmpty() ? ExitCode.OK.code() : ExitCode.GATE_FAILED.code();
    }
}
