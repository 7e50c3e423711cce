package io.github.migrationdelivery.cli;

import io.github.migrationdelivery.engine.approval.ApprovalDecision;
import io.github.migrationdelivery.engine.approval.ApprovalRequest;
import io.github.migrationdelivery.engine.approval.Approvals;
import io.github.migrationdelivery.engine.approval.AuditEntry;
import io.github.migrationdelivery.engine.approval.AuditLog;
import io.github.migrationdelivery.engine.approval.Evidence;
import io.github.migrationdelivery.engine.approval.RequestJson;
import io.github.migrationdelivery.engine.approval.Target;
import io.github.migrationdelivery.engine.brief.BackupReference;
import io.github.migrationdelivery.engine.brief.BriefMarkdown;
import io.github.migrationdelivery.engine.brief.RiskBrief;
import io.github.migrationdelivery.engine.config.ConfigLoader;
import io.github.migrationdelivery.engine.config.ProjectConfig;
import io.github.migrationdelivery.engine.dryrun.DryRunReport;
import io.github.migrationdelivery.engine.lint.FailLevel;
import io.github.migrationdelivery.engine.lint.LintResult;
import io.github.migrationdelivery.engine.plan.Changeset;
import io.github.migrationdelivery.engine.plan.Dialect;
import io.github.migrationdelivery.engine.plan.Plan;
import io.github.migrationdelivery.engine.plan.ServerVersion;
import io.github.migrationdelivery.engine.source.PlanReader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code approval request|record|check}: who may say yes to exactly which plan on which database. */
@Command(name = "approval", mixinStandardHelpOptions = true,
        description = "Request, record and check approvals of a plan for a target database (docs/approval.md).",
        subcommands = {ApprovalCommand.Request.class, ApprovalCommand.Record.class, ApprovalCommand.Check.class})
final class ApprovalCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "approval needs a command: request, record or check");
    }

    /** Lints the plan the options name with the project's rule settings (for its classification and findings). */
    static LintResult lint(PlanOptions planOptions) {
        ProjectConfig project = planOptions.project();
        Dialect dialect = planOptions.dialect(project);
        ServerVersion version = planOptions.serverVersion(project, dialect);
        Plan plan = planOptions.read(dialect, version);
        return project.lint(plan, version, project.failOn().orElse(FailLevel.ERROR));
    }

    static AuditLog auditLog(Path flag, ProjectConfig project) {
        return AuditLog.open(flag != null ? flag : project.approval().auditLog());
    }

    @Command(name = "request", mixinStandardHelpOptions = true,
            description = "Write an approval request: the evidence (checksum, classification, lint, measured dry-run,"
                    + " backup, rollback) and the risk brief, for one target.")
    static final class Request implements Callable<Integer> {

        @Mixin
        PlanOptions planOptions;

        @Mixin
        BriefOptions briefOptions;

        @Option(names = "--target", required = true, paramLabel = "JDBC-URL",
                description = "The database the approval is for; only host, port and database are kept.")
        String target;

        @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the request (JSON).")
        Path out;

        @Option(names = "--author", paramLabel = "NAME", description = "The change's commit author (repeatable); may not approve it.")
        List<String> authors = new ArrayList<>();

        @Option(names = "--requested-by", paramLabel = "NAME", description = "Who started the build asking for approval; may not approve it.")
        List<String> requestedBy = new ArrayList<>();

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            ProjectConfig project = planOptions.project();
            Target t = Target.of(target);
            LintResult lint = lint(planOptions);
            Plan plan = lint.plan();
            Optional<DryRunReport> dryRun = briefOptions.dryRun();
            Optional<BackupReference> backup = briefOptions.backup(plan.checksum());
            RiskBrief brief = RiskBrief.of(lint, dryRun, backup);
            Set<String> everyAuthor = new LinkedHashSet<>(authors);
            plan.changesets().stream().map(Changeset::author).filter(a -> !a.isBlank()).forEach(everyAuthor::add);
            ApprovalRequest.PlanSource source = new ApprovalRequest.PlanSource(
                    planOptions.paths.stream().map(Path::toString).toList(), plan.dialect().id(),
                    lint.settings().serverVersion().toString(), planOptions.contexts, planOptions.labels);
            ApprovalRequest request = new ApprovalRequest(Instant.now().truncatedTo(ChronoUnit.SECONDS), t, source,
                    Evidence.of(lint, dryRun, backup), List.copyOf(everyAuthor), requestedBy, BriefMarkdown.render(brief));
            ExplainCommand.write(out, RequestJson.write(request), "the approval request");
            int needed = project.approval().required(lint.changeClass());
            PrintWriter o = spec.commandLine().getOut();
            o.println("approval request: " + lint.changeClass().id() + " plan " + plan.checksum() + " for " + t + " needs "
                    + needed + (needed == 1 ? " approval" : " approvals") + " (request: " + out + ")");
            o.flush();
            return ExitCode.OK.code();
        }
    }

    @Command(name = "record", mixinStandardHelpOptions = true,
            description = "Record an approval (or, with --reject, a rejection) of a request in the audit log, after"
                    + " checking the approver against the policy and the plan against the request.")
    static final class Record implements Callable<Integer> {

        @Parameters(arity = "0..*", paramLabel = "PATH",
                description = "The plan's changelog or SQL paths (default: the paths in the request).")
        List<Path> paths = new ArrayList<>();

        @Option(names = "--request", required = true, paramLabel = "FILE", description = "The request written by 'approval request'.")
        Path request;

        @Option(names = "--approver", required = true, paramLabel = "NAME", description = "Who decides.")
        String approver;

        @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why; kept in the audit log.")
        String reason;

        @Option(names = "--reject", description = "Record a rejection instead of an approval.")
        boolean reject;

        @Option(names = "--approver-groups", split = ",", paramLabel = "GROUP",
                description = "Groups CI vouches the approver belongs to (for group:<name> approvers).")
        List<String> approverGroups = new ArrayList<>();

        @Option(names = "--author", paramLabel = "NAME", description = "A commit author of the change, besides those in the request.")
        List<String> authors = new ArrayList<>();

        @Option(names = "--requested-by", paramLabel = "NAME", description = "Who started the build, besides the request's.")
        List<String> requestedBy = new ArrayList<>();

        @Option(names = "--audit-log", paramLabel = "FILE",
                description = "The audit log (default: approval.auditLog, else .migration-delivery/approvals.jsonl).")
        Path auditLog;

        @Option(names = "--config", paramLabel = "FILE",
                description = "Configuration file (default: ./" + ConfigLoader.FILE_NAME + " when present).")
        Path config;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            ProjectConfig project = ConfigLoader.load(Optional.ofNullable(config), Path.of(""));
            ApprovalRequest.Filed filed = RequestJson.read(request);
            ApprovalRequest.PlanSource source = filed.plan();
            List<Path> planPaths = paths.isEmpty() ? source.paths().stream().map(Path::of).toList() : paths;
            Dialect dialect = Dialect.parse(source.dialect(), request + ": plan.dialect");
            Plan plan = new PlanReader(dialect, ServerVersion.parse(source.serverVersion()), source.contexts(),
                    source.labels()).read(planPaths);
            List<String> more = new ArrayList<>(authors);
            more.addAll(requestedBy);
            AuditLog log = auditLog(auditLog, project);
            AuditEntry entry = Approvals.record(project.approval(), log, filed, plan.checksum(), more,
                    new Approvals.Vote(approver, approverGroups, reject ? AuditEntry.Decision.REJECT : AuditEntry.Decision.APPROVE,
                            reason), Instant.now());
            PrintWriter out = spec.commandLine().getOut();
            out.println("approval: " + entry.approver() + " " + (reject ? "rejected" : "approved") + " plan "
                    + entry.planChecksum() + " for " + entry.target() + " (as " + entry.grant() + "; audit log "
                    + log.file() + " line " + entry.line() + ")");
            out.flush();
            return ExitCode.OK.code();
        }
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Exit 0 only when the audit log is intact and holds enough distinct approvals for exactly this"
                    + " plan and target, and no standing rejection; otherwise exit 5 saying what is missing.")
    static final class Check implements Callable<Integer> {

        @Mixin
        PlanOptions planOptions;

        @Option(names = "--target", required = true, paramLabel = "JDBC-URL", description = "The database the plan is about to run on.")
        String target;

        @Option(names = "--audit-log", paramLabel = "FILE",
                description = "The audit log (default: approval.auditLog, else .migration-delivery/approvals.jsonl).")
        Path auditLog;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            ProjectConfig project = planOptions.project();
            LintResult lint = lint(planOptions);
            ApprovalDecision decision = Approvals.check(project.approval(), auditLog(auditLog, project),
                    lint.plan().checksum(), lint.changeClass(), Target.of(target));
            PrintWriter out = spec.commandLine().getOut();
            out.println("approval: " + decision.summary());
            out.flush();
            return ExitCode.OK.code();
        }
    }
}
