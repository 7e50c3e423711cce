package io.github.migrationdelivery.pipeline

import com.cloudbees.groovy.cps.NonCPS

/**
 * Runs the engine's commands that have no Pipeline step ({@code compat}, {@code drift}, {@code migrate},
 * {@code verify}, and the in-place apply for the application's tests) as the CLI on the agent.
 * A database login reaches the CLI only through the environment ({@code MD_DB_USER}/{@code MD_DB_PASSWORD},
 * read by the engine's Credentials), never through the command line.
 */
class MigrationCli implements Serializable {

    private static final long serialVersionUID = 1L

    /** docs/cli.md "Exit codes", in the words a build log should use. */
    private static final Map<Integer, String> MEANINGS = [
            1 : 'the gate failed',
            2 : 'bad input (or, for verify, could not judge)',
            3 : 'the database refused or could not be reached',
            4 : 'a statement waited longer than its lock timeout',
            5 : 'no valid approval for this plan and target',
            6 : 'a destructive plan without a fresh, verified backup for exactly this plan',
            7 : 'the backup could not be taken or verified',
            8 : 'the database refused the login: check the credential',
            9 : 'the migration stopped part-way: the next run resumes after the changesets applied',
            10: 'another migration holds the migration lock on this database (or a stale lock was left behind)',
            70: 'an internal error: rerun the command with --debug and report it',
    ]

    private final def script
    private final String executable

    MigrationCli(def script, String executable) {
        this.script = script
        this.executable = executable
    }

    /** Runs {@code <cli> <command> <arguments>} on the agent with the credential's login in the environment; the exit code. */
    int run(String command, List<String> arguments, String credentialsId) {
        String line = commandLine(executable, command, arguments)
        int code = 0
        withLogin(credentialsId) {
            code = script.sh(script: line, returnStatus: true, label: "migration-delivery ${command}") as int
        }
        return code
    }

    /** Runs the body with the credential's user and password in MD_DB_USER / MD_DB_PASSWORD (no credential: as it is). */
    void withLogin(String credentialsId, Closure body) {
        if (!credentialsId) {
            body()
            return
        }
        script.withCredentials([script.usernamePassword(credentialsId: credentialsId,
                usernameVariable: 'MD_DB_USER', passwordVariable: 'MD_DB_PASSWORD')]) {
            // An agent's own PGUSER/PGPASSWORD would win over MD_DB_*: blank them so the credential decides.
            script.withEnv(['PGUSER=', 'PGPASSWORD=']) {
                body()
            }
        }
    }

    /** Stops the build with the command's exit code explained in one line. */
    void fail(String command, int code, String detail = null) {
        script.error("migration-delivery ${command}: ${meaning(code)} (exit ${code})${detail ? '; ' + detail : ''}")
    }

    @NonCPS
    static String meaning(int code) {
        MEANINGS[code] ?: 'failed'
    }

    @NonCPS
    static String commandLine(String executable, String command, List<String> arguments) {
        ([executable, command] + arguments.collect { quote(it as String) }).join(' ')
    }

    /** Single-quoted for sh: nothing in a path or URL is expanded by the shell. */
    @NonCPS
    static String quote(String word) {
        "'" + word.replace("'", "'\"'\"'") + "'"
    }
}
