package io.jenkins.plugins.migrationdelivery;

import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TaskListener;
import org.jenkinsci.plugins.workflow.actions.WarningAction;
import org.jenkinsci.plugins.workflow.graph.FlowNode;

/**
 * Marks the stage (a {@link WarningAction} on the step's node, as {@code unstable} and the junit
 * step do) and the build, never better than they already are.
 */
final class StageResult {

    private StageResult() {
    }

    static void mark(Run<?, ?> run, FlowNode node, TaskListener listener, Result result, String message) {
        WarningAction existing = node.getPersistentAction(WarningAction.class);
        if (existing == null || result.isWorseThan(existing.getResult())) {
            node.addOrReplaceAction(new WarningAction(result).withMessage(message));
        }
        run.setResult(result); // Run.setResult only ever makes a result worse
        listener.getLogger().println((result == Result.FAILURE ? "ERROR: " : "WARNING: ") + message);
    }

    /** {@code FAILURE} or {@code UNSTABLE}, the values a step's {@code onBreach}-like option accepts. */
    static Result parse(String value, String parameter) {
        if ("FAILURE".equals(value)) {
            return Result.FAILURE;
        }
        if ("UNSTABLE".equals(value)) {
            return Result.UNSTABLE;
        }
        throw new IllegalArgumentException(Messages.StageResult_BadValue(parameter, value));
    }
}
