package io.github.migrationdelivery.pipeline

import com.lesfurets.jenkins.unit.PipelineTestHelper

/**
 * The Jenkins a pipeline test runs against: every step the library calls, with canned results the
 * test sets (the plan's class, each CLI command's exit code, a person's answer), and a record of
 * where each waiting step was called (inside a node or not). Block steps run their body through
 * {@code helper.callClosure}: under the CPS helper that runs a CPS body to its end (checking at each
 * step that its state serializes) before the fake's own bookkeeping goes on.
 */
class FakeJenkins {

    final PipelineTestHelper helper
    final Binding binding
    final File libraryRoot

    String classification = 'additive'
    boolean lintBlocking = false
    boolean policyInRepository = true
    /** CLI command (compat, drift, migrate, verify baseline, verify, dry-run) to its exit code; 0 when absent. */
    Map<String, Integer> exitCodes = [:]
    /** What a person answers when verify could not judge. */
    String decision = LibraryFixture.KEEP

    /** Each CLI run: [command: 'migrate', line: '...', credentialsId: 'prod-db' or null, insideBackup: bool]. */
    final List<Map> cliRuns = []
    /** Steps that wait or serialize, with whether a node (an executor) was held: [step: 'input', insideNode: false]. */
    final List<Map> waits = []
    final List<String> stages = []
    final List<Map> writtenFiles = []
    /** The artifacts patterns archived, in order. */
    final List<String> archived = []
    /** Stash name to the files it holds (its includes); unstash checks the stash exists, as Jenkins does. */
    final Map<String, String> stashes = [:]
    /** The order things happened in, by name: stages, plugin steps, CLI commands, deploys. */
    final List<String> trail = []

    private int nodeDepth = 0
    private int backupDepth = 0
    private final List<String> credentialsInScope = []

    FakeJenkins(PipelineTestHelper helper, Binding binding) {
        this.helper = helper
        this.binding = binding
        this.libraryRoot = new File(System.getProperty('library.root', '..')).canonicalFile
    }

    void install() {
        binding.setVariable('scm', [$class: 'GitSCM'])
        binding.setVariable('env', [BUILD_URL: 'https://jenkins.example.com/job/orders/7/'])
        setStartedBy('dev-bob')

        helper.registerAllowedMethod('stage', [String, Closure]) { String name, Closure body ->
            stages << name
            trail << "stage ${name}".toString()
            helper.callClosure(body)
        }
        helper.registerAllowedMethod('node', [Closure]) { Closure body -> onNode(body) }
        helper.registerAllowedMethod('node', [String, Closure]) { String label, Closure body -> onNode(body) }
        helper.registerAllowedMethod('checkout', [Map], null)
        helper.registerAllowedMethod('archiveArtifacts', [Map]) { Map args -> archived << (args.artifacts as String) }
        helper.registerAllowedMethod('stash', [Map]) { Map args ->
            assert nodeDepth > 0: 'stash needs a workspace'
            trail << "stash ${args.name}".toString()
            stashes[args.name as String] = args.includes as String
        }
        helper.registerAllowedMethod('unstash', [String]) { String name ->
            assert nodeDepth > 0: 'unstash needs a workspace'
            assert stashes.containsKey(name): "no such saved stash '${name}'"
            trail << "unstash ${name}".toString()
        }
        helper.registerAllowedMethod('properties', [List], null)
        helper.registerAllowedMethod('disableConcurrentBuilds', [], { 'disableConcurrentBuilds' })
        helper.registerAllowedMethod('echo', [String], null)
        helper.registerAllowedMethod('error', [String]) { String message ->
            binding.getVariable('currentBuild').result = 'FAILURE'
            throw new PipelineFailure(message)
        }
        helper.registerAllowedMethod('unstable', [String]) { String message ->
            binding.getVariable('currentBuild').result = 'UNSTABLE'
        }
        helper.registerAllowedMethod('fileExists', [String]) { String path -> policyInRepository }
        helper.registerAllowedMethod('writeFile', [Map]) { Map args -> writtenFiles << args }
        helper.registerAllowedMethod('libraryResource', [String]) { String path ->
            new File(libraryRoot, "resources/${path}").getText('UTF-8')
        }
        helper.registerAllowedMethod('usernamePassword', [Map]) { Map args -> args }
        helper.registerAllowedMethod('withCredentials', [List, Closure]) { List bindings, Closure body ->
            bindings.each { credentialsInScope << it.credentialsId }
            try {
                helper.callClosure(body)
            } finally {
                bindings.each { credentialsInScope.remove(credentialsInScope.size() - 1) }
            }
        }
        helper.registerAllowedMethod('withEnv', [List, Closure]) { List vars, Closure body -> helper.callClosure(body) }
        helper.registerAllowedMethod('timeout', [Map, Closure]) { Map args, Closure body -> helper.callClosure(body) }
        helper.registerAllowedMethod('choice', [Map]) { Map args -> args }
        helper.registerAllowedMethod('input', [Map]) { Map args ->
            waited('input')
            decision
        }
        helper.registerAllowedMethod('lock', [Map, Closure]) { Map args, Closure body ->
            waited('lock')
            helper.callClosure(body)
        }
        helper.registerAllowedMethod('sh', [Map]) { Map args -> runCli(args) }

        // The plugin's steps (jenkins-plugin/src/main/java/.../*Step.java): their parameters and what they return.
        helper.registerAllowedMethod('lintMigration', [Map]) { Map args ->
            trail << 'lintMigration'
            String dir = args.reportDir ?: 'migration-delivery'
            List findings = lintBlocking ? [[rule: 'ban-drop-column', severity: 'error', file: args.changelog, line: 12,
                                             message: 'drops column orders.note']] : []
            [findings: findings, classification: classification, blocking: lintBlocking, failed: lintBlocking,
             reportPath: "${dir}/lint.json".toString(), sarifPath: "${dir}/lint.sarif".toString(),
             junitPath: "${dir}/lint-junit.xml".toString()]
        }
        helper.registerAllowedMethod('dryRunOnSnapshot', [Map]) { Map args ->
            trail << 'dryRunOnSnapshot'
            String dir = args.reportDir ?: 'migration-delivery'
            [totalMs: 812L, maxWriteBlockingMs: 4L, maxReadBlockingMs: 0L, maxBlockedMs: 6L, rewrites: 0, statements: 19,
             rollbackRehearsal: 'passed', overBudget: false,
             reportPath: "${dir}/dry-run.json".toString(), htmlPath: "${dir}/dry-run.html".toString()]
        }
        helper.registerAllowedMethod('assertLockBudget', [Map]) { Map args ->
            trail << 'assertLockBudget'
            [passed: true, breaches: []]
        }
        helper.registerAllowedMethod('awaitHumanApproval', [Map]) { Map args ->
            waited('awaitHumanApproval')
            assert args.plan in archived: "awaitHumanApproval outside a node reads the request from the artifacts; ${args.plan} was not archived"
            'dba-alice,dba-carol'
        }
        helper.registerAllowedMethod('backupBeforeDestructive', [Map, Closure]) { Map args, Closure body ->
            trail << 'backupBeforeDestructive'
            backupDepth++
            try {
                helper.callClosure(body)
            } finally {
                backupDepth--
            }
        }
    }

    /**
     * Who started the build (a UserIdCause), or null for a build started by SCM or a timer: what
     * RunWrapper.getBuildCauses(className) answers, as maps (a UserIdCause's has userId). The closure
     * lives in currentBuild, which the CPS test serializes, so it holds nothing but the user.
     */
    void setStartedBy(String user) {
        binding.getVariable('currentBuild').getBuildCauses = buildCauses(user)
    }

    private static Closure buildCauses(String user) {
        Closure causes = { String type ->
            type == 'hudson.model.Cause$UserIdCause' && user
                    ? [[_class: type, shortDescription: "Started by user ${user}".toString(), userId: user]] : []
        }
        causes.dehydrate()
    }

    /** The CLI runs whose command is {@code command}. */
    List<Map> cli(String command) {
        cliRuns.findAll { it.command == command }
    }

    private Object onNode(Closure body) {
        nodeDepth++
        try {
            return helper.callClosure(body)
        } finally {
            nodeDepth--
        }
    }

    private void waited(String step) {
        trail << step
        waits << [step: step, insideNode: nodeDepth > 0]
    }

    private int runCli(Map args) {
        assert args.returnStatus == true: 'the library reads exit codes itself'
        String line = args.script as String
        assert nodeDepth > 0: "'${line}' ran outside a node"
        // The command as the library names it in the step's label: 'verify baseline', 'migrate', ...
        String command = (args.label as String) - 'migration-delivery '
        trail << "cli ${command}".toString()
        cliRuns << [command: command, line: line,
                    credentialsId: credentialsInScope ? credentialsInScope.last() : null,
                    insideBackup: backupDepth > 0]
        exitCodes[command] ?: 0
    }
}

/** What error(...) throws here, as it does in Jenkins: the build stops. */
class PipelineFailure extends RuntimeException {
    PipelineFailure(String message) {
        super(message)
    }
}
