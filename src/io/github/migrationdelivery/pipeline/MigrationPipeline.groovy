package io.github.migrationdelivery.pipeline

import com.cloudbees.groovy.cps.NonCPS

/**
 * The migration pipeline behind {@code migrationPipeline}: prepare, test, migrate, deploy, verify.
 * Scripted, each stage body one method. Steps are called only from these CPS methods; the
 * {@code @NonCPS} methods only shape data. Waiting for a person (approval, the verify decision)
 * happens outside any {@code node}, so it holds no executor.
 */
class MigrationPipeline implements Serializable {

    private static final long serialVersionUID = 1L

    static final String KEEP = 'Keep the new version'
    static final String ROLL_BACK = 'Roll back to the previous version'
    static final String POLICY_RESOURCE = 'io/github/migrationdelivery/default-policy.yml'
    /** Where backupBeforeDestructive writes its backups and migrate looks for their manifests (in the workspace). */
    static final String BACKUP_DIR = '.migration-delivery/backups'
    static final String USER_CAUSE = 'hudson.model.Cause$UserIdCause'
    /** The stash that carries the baseline from the Deploy stage's agent to the Verify stage's. */
    static final String BASELINE_STASH = 'migration-delivery-baseline'

    private final def script
    private final Map settings
    private final MigrationCli cli
    /** The plan's class from lint: additive | backfill | destructive. */
    private String classification
    /** The approval request written in Test (beside the dry-run report it cites) and archived; null for an additive plan. */
    private String approvalRequest
    /** The baseline recorded before the deploy (stashed as BASELINE_STASH); null when none was taken. */
    private String baseline

    MigrationPipeline(def script, Map settings) {
        this.script = script
        this.settings = settings
        this.cli = new MigrationCli(script, settings.cli as String)
    }

    void run() {
        // Queue, never abort, a second build: aborting a running migration is how half states happen.
        script.properties([script.disableConcurrentBuilds()])
        script.stage('Prepare') { prepare() }
        script.stage('Test') { test() }
        script.stage('Migrate') { migrate() }
        if (settings.deploy) {
            script.stage('Deploy') { deploy() }
            script.stage('Verify') { verify() }
        }
    }

    /** Lint, the backward-compatibility diff and the drift check against the target. */
    void prepare() {
        onAgent {
            usePolicy()
            Map lint = script.lintMigration(withoutNulls(changelog: settings.changelog, dialect: settings.dialect,
                    serverVersion: settings.serverVersion, failOn: settings.failOn, config: settings.config,
                    reportDir: settings.reportDir))
            classification = planClass(lint.classification)
            if (!classification) {
                // Fail closed: a class this library does not know is never treated as additive.
                script.error("lint: lintMigration returned classification '${lint.classification}'; expected additive, backfill or destructive")
            }
            script.echo("lint: the plan is ${classification}; report ${lint.reportPath}")
            if (lint.blocking) {
                script.error("lint: ${settings.changelog} has findings at or above '${settings.failOn}'; see ${lint.reportPath}")
            }
            checkCompatibility()
            checkDrift()
        }
    }

    /**
     * Dry-run on the snapshot with the rollback rehearsal, the lock budget, the application's own tests,
     * and, for a non-additive plan, the approval request citing the dry-run's report (written here, where
     * that report is; the dry-run's dialect and server version come from the policy file).
     */
    void test() {
        onAgent {
            Map measured = script.dryRunOnSnapshot(withoutNulls(changelog: settings.changelog,
                    snapshot: settings.snapshot, credentialsId: settings.snapshotCredentialsId,
                    config: settings.config, rehearseRollback: settings.rehearseRollback, reportDir: settings.reportDir))
            script.assertLockBudget(withoutNulls(report: measured.reportPath, maxExclusiveMs: settings.maxExclusiveMs,
                    maxBlockedMs: settings.maxBlockedMs, onBreach: settings.onBudgetBreach))
            if (settings.appTests) {
                runApplicationTests()
            }
            if (classification != 'additive') {
                requestApproval(measured.reportPath as String)
            }
        }
    }

    /** Approval for a non-additive plan, then, one build per database at a time, backup (destructive only) and migrate. */
    void migrate() {
        if (classification != 'additive') {
            approve()
        }
        withDatabaseLock {
            onAgent {
                if (classification == 'destructive') {
                    script.backupBeforeDestructive(changelog: settings.changelog, target: settings.target,
                            credentialsId: settings.targetCredentialsId, out: BACKUP_DIR, config: settings.config) {
                        applyPlan(['--backup-manifest', BACKUP_DIR])
                    }
                } else {
                    applyPlan([])
                }
            }
        }
    }

    void deploy() {
        onAgent {
            if (takesBaseline(settings)) {
                recordBaseline()
            }
            settings.deploy.call(settings.appImage)
        }
    }

    /**
     * The Prometheus queries measured before the deploy, so verify judges what the deploy changed rather than
     * the level the service already ran at (docs/verify.md). With verifyBaseline 'auto' a baseline that cannot
     * be taken (no traffic, no data) leaves verify with the thresholds alone; with true it stops the build
     * before anything is deployed.
     */
    void recordBaseline() {
        String file = report('verify-baseline.json')
        int code = cli.run('verify baseline', ['--out', file] + watchArguments(settings), null)
        if (code == 0) {
            // Verify may run on another agent: the file travels with the build.
            script.stash(name: BASELINE_STASH, includes: file)
            baseline = file
        } else if (settings.verifyBaseline == true) {
            cli.fail('verify baseline', code, "nothing was deployed; 'verifyBaseline' is true")
        } else {
            script.echo("verify baseline: ${MigrationCli.meaning(code)} (exit ${code}); "
                    + "verify judges ${settings.appImage} against errorRateMax / p95LatencyMax alone")
        }
    }

    /** Health checks; unhealthy rolls the application back, "could not judge" asks a person. Never a down-migration. */
    void verify() {
        int code = 0
        onAgent {
            if (baseline) {
                script.unstash(BASELINE_STASH)
            }
            code = cli.run('verify', verifyArguments(settings, baseline), null)
        }
        if (code == 0) {
            script.echo("verify: ${settings.appImage} is healthy")
        } else if (code == 1) {
            rollBack("verify: ${settings.appImage} is unhealthy (the evidence is in verify's output above)")
        } else if (code == 2) {
            decideRollBack()
        } else {
            cli.fail('verify', code)
        }
    }

    void checkCompatibility() {
        // --before: the pending migrations are applied to a throw-away copy of the snapshot, never to the target.
        List<String> arguments = [settings.changelog, '--before', settings.snapshot] + common() +
                ['--json', report('compat.json')]
        if (settings.usedColumns) {
            arguments += ['--used-columns', settings.usedColumns]
        }
        int code = cli.run('compat', arguments, settings.snapshotCredentialsId)
        if (code == 1) {
            String message = "compat: the plan breaks the application version still running; see ${settings.reportDir}/compat.json"
            if (settings.onBreakingChange == 'UNSTABLE') {
                script.unstable(message)
            } else {
                script.error(message)
            }
        } else if (code != 0) {
            cli.fail('compat', code)
        }
    }

    void checkDrift() {
        int code = cli.run('drift', [settings.changelog, '--target', settings.target] + common() +
                ['--json', report('drift.json')], settings.targetCredentialsId)
        if (code == 1) {
            script.error("drift: ${settings.target} differs from what its changelog history says; see ${settings.reportDir}/drift.json")
        } else if (code != 0) {
            cli.fail('drift', code)
        }
    }

    /** Applies the plan in place to the throw-away test database, then runs the tests for the previous and the new version. */
    void runApplicationTests() {
        int code = cli.run('dry-run', [settings.changelog, '--snapshot', settings.appTestDatabase, '--in-place',
                '--no-rollback-rehearsal'] + common() + ['--report', report('app-test-database.json')],
                settings.appTestCredentialsId)
        if (code != 0) {
            cli.fail('dry-run', code, "applying the plan to appTestDatabase ${settings.appTestDatabase}")
        }
        cli.withLogin(settings.appTestCredentialsId) {
            // The version still running must work on the new schema too: that is what makes a rollback safe.
            List<String> images = imagesToTest(settings)
            // An index loop: a for-in loop's list iterator does not serialize (a restart would lose it).
            for (int i = 0; i < images.size(); i++) {
                script.echo("application tests: ${images[i]} against the migrated ${settings.appTestDatabase}")
                settings.appTests.call(settings.appTestDatabase, images[i])
            }
        }
    }

    /** Writes the approval request awaitHumanApproval shows and binds to (the plan's checksum, this target) and archives it. */
    void requestApproval(String dryRunReport) {
        String request = report('approval-request.json')
        List<String> arguments = [settings.changelog, '--target', settings.target, '--dry-run-report', dryRunReport,
                                  '--out', request] + common()
        String user = buildUser()
        if (user) {
            // Who started the build may not approve it: the request says so to the approvers.
            arguments += ['--requested-by', user]
        }
        int code = cli.run('approval', ['request'] + arguments, null)
        if (code != 0) {
            cli.fail('approval request', code)
        }
        script.archiveArtifacts(artifacts: request)
        approvalRequest = request
    }

    /** Waits, outside any node, for the approvals the policy requires; the step reads the request from the archived artifacts. */
    void approve() {
        def approvers = script.awaitHumanApproval(withoutNulls(plan: approvalRequest, approvers: settings.approvers,
                timeout: settings.approvalTimeoutHours, timeoutUnit: 'HOURS'))
        script.echo("approval: the ${classification} plan for ${settings.target} was approved by ${approvers}")
    }

    /** The id of the user who started the build, or null (started by SCM, a timer, another build). */
    @NonCPS
    String buildUser() {
        def causes = script.currentBuild.getBuildCauses(USER_CAUSE)
        causes ? causes[0].userId as String : null
    }

    /** migrate, forward only; {@code backup}: where a destructive plan's manifest is, else empty. */
    void applyPlan(List<String> backup) {
        List<String> arguments = [settings.changelog, '--target', settings.target] + common()
        if (settings.auditLog) {
            // Only a shared path: the plugin's approvals are in the controller's audit log, which an agent cannot read.
            arguments += ['--audit-log', settings.auditLog as String]
        }
        int code = cli.run('migrate', arguments + backup, settings.targetCredentialsId)
        if (code != 0) {
            cli.fail('migrate', code)
        }
    }

    /** Serializes migrations per database: the lock step when there is one, else the engine's own migration lock. */
    void withDatabaseLock(Closure body) {
        boolean lockStep = settings.lockableResources == 'auto' ? lockableResourcesInstalled() : settings.lockableResources
        if (lockStep) {
            script.lock(resource: settings.lockResource) {
                body()
            }
        } else {
            script.echo("migrate: no lock step (lockable-resources); the engine's migration lock on ${settings.target} keeps builds apart")
            body()
        }
    }

    void rollBack(String reason) {
        if (!settings.previousImage) {
            script.error("${reason}; no previousImage to roll back to")
        }
        script.echo("${reason}: rolling back to ${settings.previousImage}; the schema stays as migrated (expanded)")
        onAgent {
            settings.deploy.call(settings.previousImage)
        }
        script.error("${reason}: rolled back to ${settings.previousImage}; the schema was left expanded, no down-migration ran")
    }

    void decideRollBack() {
        String reason = "verify: could not judge the health of ${settings.appImage} (the samples are in verify's output above)"
        if (!settings.previousImage) {
            script.error("${reason}; no previousImage to roll back to: check the service by hand")
        }
        def decision = null
        script.timeout(time: settings.decisionTimeoutMinutes, unit: 'MINUTES') {
            decision = script.input(message: "${reason}. Keep ${settings.appImage} or roll back to ${settings.previousImage}?",
                    ok: 'Decide', parameters: [script.choice(name: 'decision', choices: [KEEP, ROLL_BACK].join('\n'),
                    description: 'A rollback redeploys the previous version; the schema stays as migrated.')])
        }
        if (decision == ROLL_BACK) {
            rollBack("${reason}; a person chose to roll back")
        } else {
            script.unstable("${reason}; a person chose to keep ${settings.appImage}")
        }
    }

    /** Uses the repository's policy, or writes the library's default one for this target. */
    void usePolicy() {
        if (!script.fileExists(settings.config)) {
            script.echo("policy: no ${settings.config} in the repository; using the library's default policy")
            script.writeFile(file: settings.config,
                    text: PipelineSettings.defaultPolicy(script.libraryResource(POLICY_RESOURCE) as String, settings))
        }
    }

    /** On an agent with the repository checked out; the reports are archived also when the body fails. */
    void onAgent(Closure body) {
        Closure work = {
            script.checkout(script.scm)
            try {
                body()
            } finally {
                script.archiveArtifacts(artifacts: "${settings.reportDir}/**", allowEmptyArchive: true)
            }
        }
        if (settings.agentLabel) {
            script.node(settings.agentLabel, work)
        } else {
            script.node(work)
        }
    }

    private List<String> common() {
        commonArguments(settings)
    }

    private String report(String name) {
        "${settings.reportDir}/${name}".toString()
    }

    /** The options compat, drift, dry-run, migrate and approval request all take. */
    @NonCPS
    static List<String> commonArguments(Map settings) {
        List<String> arguments = ['--dialect', settings.dialect as String, '--config', settings.config as String]
        if (settings.serverVersion) {
            arguments += ['--server-version', settings.serverVersion as String]
        }
        arguments
    }

    /** What verify and verify baseline both watch: the same checks, window and interval. */
    @NonCPS
    static List<String> watchArguments(Map settings) {
        List<String> arguments = []
        settings.healthUrls.each { arguments += ['--health-url', it as String] }
        if (settings.prometheusUrl) {
            // verify refuses a Prometheus URL without a query.
            arguments += ['--prometheus-url', settings.prometheusUrl as String]
            if (settings.errorRateQuery) {
                arguments += ['--error-rate-query', settings.errorRateQuery as String]
            }
            if (settings.latencyP95Query) {
                arguments += ['--latency-p95-query', settings.latencyP95Query as String]
            }
        }
        arguments + ['--window', settings.verifyWindow as String, '--interval', settings.verifyInterval as String]
    }

    /** verify's: what it watches, each query's limit, and the baseline with its margins when one was taken. */
    @NonCPS
    static List<String> verifyArguments(Map settings, String baseline) {
        List<String> arguments = watchArguments(settings)
        if (settings.errorRateQuery) {
            arguments += ['--error-rate-max', settings.errorRateMax as String]
        }
        if (settings.latencyP95Query) {
            arguments += ['--p95-latency-max', settings.p95LatencyMax as String]
        }
        if (baseline) {
            arguments += ['--baseline', baseline]
            if (settings.errorRateMargin) {
                arguments += ['--error-rate-margin', settings.errorRateMargin as String]
            }
            if (settings.p95LatencyMargin) {
                arguments += ['--p95-latency-margin', settings.p95LatencyMargin as String]
            }
        }
        arguments
    }

    /** Whether the Deploy stage measures a baseline first: only Prometheus's numbers have one to compare with. */
    @NonCPS
    static boolean takesBaseline(Map settings) {
        settings.prometheusUrl && (settings.verifyBaseline == true || settings.verifyBaseline == 'auto')
    }

    @NonCPS
    static List<String> imagesToTest(Map settings) {
        [settings.previousImage, settings.appImage].findAll { it }*.toString()
    }

    /** The plan's class, or null for one this library does not know. */
    @NonCPS
    static String planClass(Object value) {
        String name = value as String
        name in ['additive', 'backfill', 'destructive'] ? name : null
    }

    @NonCPS
    static Map withoutNulls(Map arguments) {
        arguments.findAll { it.value != null }
    }

    /** Whether the lockable-resources plugin (and so the lock step) is installed on this controller. */
    @NonCPS
    static boolean lockableResourcesInstalled() {
        try {
            def jenkins = Class.forName('jenkins.model.Jenkins').getMethod('get').invoke(null)
            return jenkins.pluginManager.getPlugin('lockable-resources')?.isActive() ?: false
        } catch (ClassNotFoundException ignored) {
            return false // not inside Jenkins (the library's tests)
        }
    }
}
