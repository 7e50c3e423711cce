package io.github.migrationdelivery.cli;

import io.github.migrationdelivery.engine.EngineException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/** {@code migration-delivery}: the command-line face of the engine, for any CI. */
@Command(name = "migration-delivery",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Makes database schema changes safe to ship: lint, measure, gate.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            " 0:the gate passed",
            " 1:the gate failed (lint findings at or above --fail-on, lock budget breaches, a failed rollback rehearsal, a rollback that loses data, drift, a breaking change); verify: unhealthy",
            " 2:bad usage or bad input (missing file, malformed changelog, unknown option); verify: could not judge",
            " 3:the database refused or could not be reached",
            " 4:a statement waited longer than its lock timeout for a lock another session holds",
            " 5:no valid approval for this plan and target",
            " 6:a destructive plan without a fresh, verified backup manifest for it",
            " 7:a backup could not be taken or verified",
            " 8:the database refused the login (user or password)",
            " 9:a migration or backfill stopped part-way (the message names what is applied or checkpointed)",
            "10:another migration holds the migration lock, or left a stale one",
            "70:internal error (rerun with --debug and report it)",
            "130:interrupted by Ctrl-C (SIGINT); a dry-run's throw-away snapshot is removed first",
            "143:interrupted by SIGTERM (a CI runner's cancel); likewise"})
public final class Main implements Runnable {

    /** The commands, in the order help lists them. */
    private static final List<Class<?>> COMMANDS = List.of(LintCommand.class, DryRunCommand.class,
            AssertLockBudgetCommand.class, CheckCommand.class, VerifyCommand.class, MigrateCommand.class,
            AssertSafeDownCommand.class, ExplainCommand.class, ApprovalCommand.class, BackupCommand.class,
            DriftCommand.class, CompatCommand.class, BackfillCommand.class);

    @Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT,
            description = "Print stack traces for errors.")
    boolean debug;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required (try --help)");
    }

    /**
     * Liquibase logs through java.util.logging, with stack traces when cleaning up after a lost
     * connection; our own one-line errors already say what happened, so it speaks only with
     * --debug. Held so the configured logger is not collected.
     */
    private static final Logger LIQUIBASE_LOG = Logger.getLogger("liquibase");

    public static void main(String[] args) {
        LIQUIBASE_LOG.setLevel(Arrays.asList(args).contains("--debug") ? Level.INFO : Level.OFF);
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line and returns the exit code (tests call this). */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new Main());
        commandsFor(args).forEach(cl::addSubcommand);
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler((ex, a) -> {
            String hint = ex instanceof CommandLine.UnmatchedArgumentException u && !u.getSuggestions().isEmpty()
                    ? " (did you mean " + String.join(" or ", u.getSuggestions()) + "?)" : "";
            err.println("migration-delivery: " + ex.getMessage() + hint);
            return ExitCode.BAD_INPUT.code();
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            boolean debug = parseResult.hasMatchedOption("--debug")
                    || parseResult.subcommands().stream().anyMatch(p -> p.hasMatchedOption("--debug"));
            if (ex instanceof EngineException ee) {
                err.println("migration-delivery: " + ee.oneLine());
                if (debug) {
                    ee.printStackTrace(err);
                }
                return ExitCode.of(ee.kind()).code();
            }
            err.println("migration-delivery: internal error: " + ex + (debug ? "" : " (rerun with --debug for details)"));
            if (debug) {
                ex.printStackTrace(err);
            }
            return ExitCode.INTERNAL.code();
        });
        return cl.execute(args);
    }

    /**
     * Only the command the arguments name: picocli reads every option of every command it is
     * given, which costs a short run (a lint of a few files) a quarter of a second. Help, a
     * missing or a mistyped command get them all, so the listing and suggestions stay complete.
     */
    static List<Class<?>> commandsFor(String[] args) {
        String first = Arrays.stream(args).filter(a -> !a.startsWith("-")).findFirst().orElse("");
        return COMMANDS.stream().filter(c -> c.getAnnotation(Command.class).name().equals(first)).findFirst()
                .<List<Class<?>>>map(List::of).orElse(COMMANDS);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"migration-delivery " + io.github.migrationdelivery.engine.report.ToolInfo.current().version()};
        }
    }
}
