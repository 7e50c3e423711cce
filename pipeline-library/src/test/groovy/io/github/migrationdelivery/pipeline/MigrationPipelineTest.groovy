package io.github.migrationdelivery.pipeline

import com.lesfurets.jenkins.unit.BasePipelineTest
import org.junit.jupiter.api.BeforeEach
import org.junit.jupiter.api.Test
import org.junit.jupiter.params.ParameterizedTest
import org.junit.jupiter.params.provider.CsvSource

import static org.junit.jupiter.api.Assertions.assertEquals
import static org.junit.jupiter.api.Assertions.assertFalse
import static org.junit.jupiter.api.Assertions.assertTrue

class MigrationPipelineTest extends BasePipelineTest {

    LibraryFixture library
    FakeJenkins jenkins

    @BeforeEach
    void load() {
        library = new LibraryFixture(this)
        jenkins = library.jenkins
    }

    @Test
    void stagesRunInOrderAndEachGateBeforeTheNext() {
        library.run(library.withDeploy())

        assertEquals(['Prepare', 'Test', 'Migrate', 'Deploy', 'Verify'], jenkins.stages)
        assertEquals(['stage Prepare', 'lintMigration', 'cli compat', 'cli drift',
                      'stage Test', 'dryRunOnSnapshot', 'assertLockBudget',
                      'stage Migrate', 'cli migrate',
                      'stage Deploy', 'deploy registry.example.com/orders:1.4.0',
                      'stage Verify', 'cli verify'], jenkins.trail)
        assertJobStatusSuccess()
    }

    @Test
    void withoutDeployThePipelineEndsAfterMigrate() {
        library.run(LibraryFixture.MINIMAL)

        assertEquals(['Prepare', 'Test', 'Migrate'], jenkins.stages)
        assertEquals([], jenkins.cli('verify'))
    }

    @Test
    void theOneLinerQueuesConcurrentBuildsInsteadOfAbortingThem() {
        library.run(LibraryFixture.MINIMAL)

        def properties = helper.callStack.find { it.methodName == 'properties' }
        assertEquals('[disableConcurrentBuilds]', properties.argsToString())
    }

    @ParameterizedTest(name = "a {0} plan: approval {1}, backup {2}")
    @CsvSource(['additive, 0, 0', 'backfill, 1, 0', 'destructive, 1, 1'])
    void approvalOnlyForNonAdditivePlansAndBackupOnlyForDestructiveOnes(String planClass, int approvals, int backups) {
        jenkins.classification = planClass
        library.run(LibraryFixture.MINIMAL)

        assertEquals(approvals, helper.methodCallCount('awaitHumanApproval'))
        assertEquals(backups, helper.methodCallCount('backupBeforeDestructive'))
        assertEquals(approvals, jenkins.cli('approval').size(), 'an approval request exactly when an approval is awaited')
        assertEquals(1, jenkins.cli('migrate').size())
        assertEquals(approvals, jenkins.trail.subList(0, jenkins.trail.indexOf('cli migrate')).count('awaitHumanApproval'),
                'the approval comes before migrate')
    }

    @Test
    void aDestructivePlanIsApprovedThenBackedUpAndMigratesInsideTheBackupBlock() {
        jenkins.classification = 'destructive'
        library.run(LibraryFixture.MINIMAL)

        assertEquals(['awaitHumanApproval', 'backupBeforeDestructive', 'cli migrate'],
                jenkins.trail.findAll { it in ['awaitHumanApproval', 'backupBeforeDestructive', 'cli migrate'] })
        assertTrue(jenkins.cli('migrate')[0].insideBackup)
        def backup = helper.callStack.find { it.methodName == 'backupBeforeDestructive' }.args[0]
        assertEquals([changelog: 'db/changelog.xml', target: 'jdbc:postgresql://prod-db:5432/orders',
                      credentialsId: 'prod-db', out: '.migration-delivery/backups', config: '.migration-delivery.yml'], backup)
        assertEquals("migration-delivery migrate 'db/changelog.xml' '--target' 'jdbc:postgresql://prod-db:5432/orders' "
                + "'--dialect' 'postgresql' '--config' '.migration-delivery.yml' '--backup-manifest' '.migration-delivery/backups'",
                jenkins.cli('migrate')[0].line, 'migrate finds the manifest where the backup step wrote it')
    }

    @Test
    void theApprovalRequestIsWrittenOnTheAgentFromTheDryRunReportAndArchivedThenAwaitedWithoutAnExecutor() {
        jenkins.classification = 'destructive'
        library.run(LibraryFixture.MINIMAL + [approvers: 'dba-team', lockableResources: true])

        def request = jenkins.cli('approval')[0]
        assertEquals("migration-delivery approval 'request' 'db/changelog.xml' '--target' 'jdbc:postgresql://prod-db:5432/orders' "
                + "'--dry-run-report' 'build/migration-delivery/dry-run.json' '--out' 'build/migration-delivery/approval-request.json' "
                + "'--dialect' 'postgresql' '--config' '.migration-delivery.yml' '--requested-by' 'dev-bob'", request.line)
        assertEquals(null, request.credentialsId, 'writing the request reads no database')
        assertEquals(['stage Test', 'dryRunOnSnapshot', 'assertLockBudget', 'cli approval', 'stage Migrate', 'awaitHumanApproval'],
                jenkins.trail.subList(jenkins.trail.indexOf('stage Test'), jenkins.trail.indexOf('awaitHumanApproval') + 1))
        assertTrue('build/migration-delivery/approval-request.json' in jenkins.archived, jenkins.archived.toString())
        assertEquals([[step: 'awaitHumanApproval', insideNode: false], [step: 'lock', insideNode: false]], jenkins.waits)
        def approval = helper.callStack.find { it.methodName == 'awaitHumanApproval' }.args[0]
        assertEquals([plan: 'build/migration-delivery/approval-request.json', approvers: 'dba-team', timeout: 24,
                      timeoutUnit: 'HOURS'], approval)
    }

    @Test
    void aBuildNotStartedByAPersonRequestsTheApprovalWithoutRequestedBy() {
        jenkins.classification = 'backfill'
        jenkins.startedBy = null
        library.run(LibraryFixture.MINIMAL)

        String line = jenkins.cli('approval')[0].line
        assertFalse(line.contains('--requested-by'), line)
        assertTrue(line.endsWith("'--out' 'build/migration-delivery/approval-request.json' '--dialect' 'postgresql' "
                + "'--config' '.migration-delivery.yml'"), line)
    }

    @Test
    void aFailedApprovalRequestStopsTheBuildBeforeAnyWait() {
        jenkins.classification = 'backfill'
        jenkins.exitCodes.approval = 2
        String message = library.runExpectingFailure(LibraryFixture.MINIMAL)

        assertEquals('migration-delivery approval request: bad input (or, for verify, could not judge) (exit 2)', message)
        assertEquals(0, helper.methodCallCount('awaitHumanApproval'))
        assertEquals(0, jenkins.cli('migrate').size())
    }

    @Test
    void migrateReadsTheApprovalsFromTheAuditLogOnlyWhenASharedOneIsConfigured() {
        jenkins.classification = 'backfill'
        library.run(LibraryFixture.MINIMAL + [auditLog: '/mnt/shared/migration-delivery/approvals.jsonl', serverVersion: '15.4'])

        assertEquals("migration-delivery migrate 'db/changelog.xml' '--target' 'jdbc:postgresql://prod-db:5432/orders' "
                + "'--dialect' 'postgresql' '--config' '.migration-delivery.yml' '--server-version' '15.4' "
                + "'--audit-log' '/mnt/shared/migration-delivery/approvals.jsonl'", jenkins.cli('migrate')[0].line)
    }

    @Test
    void withLockableResourcesTheMigrationHoldsALockNamedForTheDatabase() {
        library.run(LibraryFixture.MINIMAL + [lockableResources: true])

        def lock = helper.callStack.find { it.methodName == 'lock' }
        assertEquals([resource: 'migration-delivery jdbc:postgresql://prod-db:5432/orders'], lock.args[0])
        assertTrue(jenkins.trail.indexOf('lock') < jenkins.trail.indexOf('cli migrate'))
    }

    @Test
    void withoutLockableResourcesTheEngineLockSerializesAndALockedDatabaseStopsTheBuild() {
        jenkins.exitCodes.migrate = 10
        String message = library.runExpectingFailure(LibraryFixture.MINIMAL + [lockableResources: false])

        assertEquals(0, helper.methodCallCount('lock'))
        assertEquals('migration-delivery migrate: another migration holds the migration lock on this database '
                + '(or a stale lock was left behind) (exit 10)', message)
    }

    @Test
    void aFailedVerificationRedeploysThePreviousImageAndRunsNoDownMigration() {
        jenkins.exitCodes.verify = 1
        String message = library.runExpectingFailure(library.withDeploy())

        assertEquals(['registry.example.com/orders:1.4.0', 'registry.example.com/orders:1.3.2'], library.application.deployed)
        assertEquals(['cli verify', 'deploy registry.example.com/orders:1.3.2'], jenkins.trail.drop(jenkins.trail.indexOf('cli verify')))
        assertEquals(['compat', 'drift', 'migrate', 'verify'], jenkins.cliRuns*.command)
        assertTrue(message.contains('rolled back to registry.example.com/orders:1.3.2'), message)
        assertTrue(message.contains('no down-migration'), message)
        assertJobStatusFailure()
    }

    @Test
    void aHealthyVerificationNeverRollsBack() {
        library.run(library.withDeploy())

        assertEquals(['registry.example.com/orders:1.4.0'], library.application.deployed)
        assertEquals(0, helper.methodCallCount('input'))
    }

    @Test
    void verifyThatCannotJudgeAsksAPersonOutsideAnyNodeAndRollsBackWhenTold() {
        jenkins.exitCodes.verify = 2
        jenkins.decision = LibraryFixture.ROLL_BACK
        String message = library.runExpectingFailure(library.withDeploy())

        assertEquals([[step: 'input', insideNode: false]], jenkins.waits)
        def input = helper.callStack.find { it.methodName == 'input' }.args[0]
        assertTrue(input.message.toString().contains('could not judge'), input.message.toString())
        assertEquals(['registry.example.com/orders:1.4.0', 'registry.example.com/orders:1.3.2'], library.application.deployed)
        assertTrue(message.contains('a person chose to roll back'), message)
    }

    @Test
    void verifyThatCannotJudgeKeepsTheNewVersionWhenTheAnswerIsKeepAndMarksTheBuildUnstable() {
        jenkins.exitCodes.verify = 2
        jenkins.decision = LibraryFixture.KEEP
        library.run(library.withDeploy())

        assertEquals(['registry.example.com/orders:1.4.0'], library.application.deployed)
        assertJobStatusUnstable()
    }

    @Test
    void credentialsReachTheCliOnlyThroughTheEnvironment() {
        jenkins.classification = 'destructive'
        library.run(library.withDeploy(snapshotCredentialsId: 'staging-db'))

        assertEquals([compat: 'staging-db', drift: 'prod-db', approval: null, migrate: 'prod-db', verify: null],
                jenkins.cliRuns.collectEntries { [it.command, it.credentialsId] })
        def binding = helper.callStack.find { it.methodName == 'usernamePassword' }.args[0]
        assertEquals('MD_DB_USER', binding.usernameVariable)
        assertEquals('MD_DB_PASSWORD', binding.passwordVariable)
        assertTrue(helper.callStack.findAll { it.methodName == 'withEnv' }.every { it.args[0] == ['PGUSER=', 'PGPASSWORD='] })
        assertTrue(jenkins.cliRuns.every { !it.line.contains('MD_DB_PASSWORD') && !it.line.contains('--password') })
    }

    @Test
    void compatBuildsOnTheSnapshotAndDriftReadsTheTargetEachWithItsJsonReport() {
        library.run(LibraryFixture.MINIMAL + [usedColumns: 'db/used-columns.txt', serverVersion: '15.4'])

        assertEquals("migration-delivery compat 'db/changelog.xml' '--before' 'template:jdbc:postgresql://staging-db:5432/orders_clone' "
                + "'--dialect' 'postgresql' '--config' '.migration-delivery.yml' '--server-version' '15.4' "
                + "'--json' 'build/migration-delivery/compat.json' '--used-columns' 'db/used-columns.txt'", jenkins.cli('compat')[0].line)
        assertEquals("migration-delivery drift 'db/changelog.xml' '--target' 'jdbc:postgresql://prod-db:5432/orders' "
                + "'--dialect' 'postgresql' '--config' '.migration-delivery.yml' '--server-version' '15.4' "
                + "'--json' 'build/migration-delivery/drift.json'", jenkins.cli('drift')[0].line)
        def lint = helper.callStack.find { it.methodName == 'lintMigration' }.args[0]
        assertEquals([changelog: 'db/changelog.xml', dialect: 'postgresql', serverVersion: '15.4', failOn: 'error',
                      config: '.migration-delivery.yml', reportDir: 'build/migration-delivery'], lint)
    }

    @Test
    void verifyPollsTheHealthEndpointsAndAsksPrometheusOnlyTheQueriesGivenEachWithItsLimit() {
        library.run(library.withDeploy(prometheusUrl: 'http://prometheus:9090',
                errorRateQuery: 'sum(rate(errors[1m])) / sum(rate(requests[1m]))', errorRateMax: '0.5%', verifyWindow: '2m',
                verifyBaseline: false))

        assertEquals("migration-delivery verify '--health-url' 'https://orders.example.com/health' "
                + "'--prometheus-url' 'http://prometheus:9090' '--error-rate-query' 'sum(rate(errors[1m])) / sum(rate(requests[1m]))' "
                + "'--window' '2m' '--interval' '10s' '--error-rate-max' '0.5%'", jenkins.cli('verify')[0].line)
        assertEquals([], jenkins.cli('verify baseline'), "verifyBaseline false: no baseline")
    }

    /** The example service's Prometheus checks, as in examples/orders-service/Jenkinsfile. */
    private Map withPrometheus(Map extra = [:]) {
        library.withDeploy([prometheusUrl  : 'http://prometheus:9090',
                            errorRateQuery : 'sum(rate(errors[1m])) / sum(rate(requests[1m]))',
                            latencyP95Query: 'histogram_quantile(0.95, sum(rate(latency_bucket[1m])) by (le))'] + extra)
    }

    @Test
    void aBaselineIsMeasuredBeforeTheDeployWithTheSameChecksAndVerifyJudgesAgainstIt() {
        library.run(withPrometheus())

        String watch = ("'--health-url' 'https://orders.example.com/health' '--prometheus-url' 'http://prometheus:9090' "
                + "'--error-rate-query' 'sum(rate(errors[1m])) / sum(rate(requests[1m]))' "
                + "'--latency-p95-query' 'histogram_quantile(0.95, sum(rate(latency_bucket[1m])) by (le))' "
                + "'--window' '5m' '--interval' '10s'")
        assertEquals("migration-delivery verify baseline '--out' 'build/migration-delivery/verify-baseline.json' " + watch,
                jenkins.cli('verify baseline')[0].line, 'the baseline takes no limits: verify baseline refuses them')
        assertEquals("migration-delivery verify " + watch + " '--error-rate-max' '1%' '--p95-latency-max' '250ms' "
                + "'--baseline' 'build/migration-delivery/verify-baseline.json'", jenkins.cli('verify')[0].line)
        assertEquals(['stage Deploy', 'cli verify baseline', 'stash migration-delivery-baseline',
                      'deploy registry.example.com/orders:1.4.0',
                      'stage Verify', 'unstash migration-delivery-baseline', 'cli verify'],
                jenkins.trail.drop(jenkins.trail.indexOf('stage Deploy')))
        assertEquals(['migration-delivery-baseline': 'build/migration-delivery/verify-baseline.json'], jenkins.stashes,
                'the file verify reads is the one stashed')
        assertEquals(null, jenkins.cli('verify baseline')[0].credentialsId)
        assertJobStatusSuccess()
    }

    @Test
    void theMarginsGoToVerifyOnlyWithABaseline() {
        library.run(withPrometheus(errorRateMargin: '0.2%', p95LatencyMargin: '10%', reportDir: 'out/md'))

        assertTrue(jenkins.cli('verify')[0].line.endsWith("'--baseline' 'out/md/verify-baseline.json' "
                + "'--error-rate-margin' '0.2%' '--p95-latency-margin' '10%'"), jenkins.cli('verify')[0].line)

        load()
        jenkins.exitCodes['verify baseline'] = 2
        library.run(withPrometheus(errorRateMargin: '0.2%'))
        assertFalse(jenkins.cli('verify')[0].line.contains('margin'), jenkins.cli('verify')[0].line)
    }

    @Test
    void healthEndpointsAloneTakeNoBaseline() {
        library.run(library.withDeploy())

        assertEquals(['cli verify'], jenkins.trail.findAll { it.startsWith('cli verify') })
        assertEquals(0, helper.methodCallCount('stash') + helper.methodCallCount('unstash'))
        assertFalse(jenkins.cli('verify')[0].line.contains('--baseline'), jenkins.cli('verify')[0].line)
    }

    @Test
    void verifyBaselineFalseTakesNoneEvenWithPrometheus() {
        library.run(withPrometheus(verifyBaseline: false))

        assertEquals([], jenkins.cli('verify baseline'))
        assertFalse(jenkins.cli('verify')[0].line.contains('--baseline'), jenkins.cli('verify')[0].line)
    }

    @Test
    void aBaselineThatCannotBeTakenLeavesVerifyWithItsThresholdsUnlessItIsRequired() {
        jenkins.exitCodes['verify baseline'] = 2
        library.run(withPrometheus())

        assertEquals(['registry.example.com/orders:1.4.0'], library.application.deployed)
        assertEquals(0, helper.methodCallCount('stash') + helper.methodCallCount('unstash'))
        assertTrue(jenkins.cli('verify')[0].line.endsWith("'--error-rate-max' '1%' '--p95-latency-max' '250ms'"),
                jenkins.cli('verify')[0].line)
        assertJobStatusSuccess()

        load()
        jenkins.exitCodes['verify baseline'] = 2
        String message = library.runExpectingFailure(withPrometheus(verifyBaseline: true))
        assertEquals("migration-delivery verify baseline: bad input (or, for verify, could not judge) (exit 2); "
                + "nothing was deployed; 'verifyBaseline' is true", message)
        assertEquals([], library.application.deployed)
        assertEquals([], jenkins.cli('verify'))
    }

    @Test
    void anUnhealthyVerdictAgainstTheBaselineStillRollsBackToThePreviousImage() {
        jenkins.exitCodes.verify = 1
        String message = library.runExpectingFailure(withPrometheus())

        assertEquals(['cli verify baseline', 'stash migration-delivery-baseline', 'deploy registry.example.com/orders:1.4.0',
                      'stage Verify', 'unstash migration-delivery-baseline', 'cli verify', 'deploy registry.example.com/orders:1.3.2'],
                jenkins.trail.drop(jenkins.trail.indexOf('cli verify baseline')))
        assertTrue(message.contains('rolled back to registry.example.com/orders:1.3.2'), message)
        assertJobStatusFailure()
    }

    @Test
    void applicationTestsRunAgainstTheMigratedTestDatabaseForThePreviousAndTheNewVersion() {
        library.run(library.withDeploy(appTests: library.application.tests(),
                appTestDatabase: 'jdbc:postgresql://ci-db:5432/orders_ci', snapshotCredentialsId: 'ci-db'))

        def apply = jenkins.cli('dry-run')[0]
        assertEquals("migration-delivery dry-run 'db/changelog.xml' '--snapshot' 'jdbc:postgresql://ci-db:5432/orders_ci' "
                + "'--in-place' '--no-rollback-rehearsal' '--dialect' 'postgresql' '--config' '.migration-delivery.yml' "
                + "'--report' 'build/migration-delivery/app-test-database.json'", apply.line)
        assertEquals('ci-db', apply.credentialsId)
        assertEquals([['jdbc:postgresql://ci-db:5432/orders_ci', 'registry.example.com/orders:1.3.2'],
                      ['jdbc:postgresql://ci-db:5432/orders_ci', 'registry.example.com/orders:1.4.0']], library.application.tested)
    }

    @Test
    void theDryRunAndTheLockBudgetGetTheirOptions() {
        library.run(LibraryFixture.MINIMAL + [maxExclusiveMs: 50, onBudgetBreach: 'UNSTABLE', rehearseRollback: false])

        def dryRun = helper.callStack.find { it.methodName == 'dryRunOnSnapshot' }.args[0]
        assertEquals([changelog: 'db/changelog.xml', snapshot: 'template:jdbc:postgresql://staging-db:5432/orders_clone',
                      config: '.migration-delivery.yml', rehearseRollback: false, reportDir: 'build/migration-delivery'], dryRun,
                'the dry-run step has no dialect or server version: the policy file gives them')
        def budget = helper.callStack.find { it.methodName == 'assertLockBudget' }.args[0]
        assertEquals([report: 'build/migration-delivery/dry-run.json', maxExclusiveMs: 50, onBreach: 'UNSTABLE'], budget)
    }

    @Test
    void blockingLintFindingsStopThePipelineBeforeAnyDatabaseWork() {
        jenkins.lintBlocking = true
        String message = library.runExpectingFailure(LibraryFixture.MINIMAL)

        assertEquals(['stage Prepare', 'lintMigration'], jenkins.trail)
        assertTrue(message.startsWith("lint: db/changelog.xml has findings at or above 'error'"), message)
    }

    @Test
    void anUnknownPlanClassIsNotTreatedAsAdditive() {
        jenkins.classification = 'harmless'
        String message = library.runExpectingFailure(LibraryFixture.MINIMAL)

        assertTrue(message.contains("classification 'harmless'"), message)
        assertEquals(0, jenkins.cli('migrate').size())
    }

    @Test
    void aBreakingChangeStopsThePipelineOrOnlyMarksItUnstableWhenSoConfigured() {
        jenkins.exitCodes.compat = 1
        String message = library.runExpectingFailure(LibraryFixture.MINIMAL)
        assertTrue(message.startsWith('compat: the plan breaks the application version still running'), message)
        assertEquals(0, jenkins.cli('migrate').size())

        load()
        jenkins.exitCodes.compat = 1
        library.run(LibraryFixture.MINIMAL + [onBreakingChange: 'UNSTABLE'])
        assertEquals(1, jenkins.cli('migrate').size())
        assertJobStatusUnstable()
    }

    @Test
    void driftOnTheTargetStopsThePipeline() {
        jenkins.exitCodes.drift = 1
        String message = library.runExpectingFailure(LibraryFixture.MINIMAL)

        assertTrue(message.startsWith('drift: jdbc:postgresql://prod-db:5432/orders differs'), message)
        assertEquals(0, helper.methodCallCount('dryRunOnSnapshot'))
    }

    @Test
    void withoutAPolicyInTheRepositoryTheDefaultPolicyIsWrittenForThisTarget() {
        jenkins.policyInRepository = false
        library.run(LibraryFixture.MINIMAL)

        assertEquals(1, jenkins.writtenFiles.size())
        assertEquals('.migration-delivery.yml', jenkins.writtenFiles[0].file)
        String text = jenkins.writtenFiles[0].text
        assertTrue(text.contains('url: jdbc:postgresql://prod-db:5432/orders'), text)
        assertTrue(text.contains('dialect: postgresql'), text)
        assertFalse(text.contains('@'), text)
        assertFalse(text.contains('serverVersion'), text)
    }

    @Test
    void aServerVersionOptionGoesIntoTheDefaultPolicyWhereTheDryRunStepReadsIt() {
        jenkins.policyInRepository = false
        library.run(LibraryFixture.MINIMAL + [serverVersion: '15.4'])

        assertTrue(jenkins.writtenFiles[0].text.contains('dialect: postgresql\nserverVersion: "15.4"\n'), jenkins.writtenFiles[0].text)
    }

    @Test
    void aPolicyInTheRepositoryIsLeftAlone() {
        library.run(LibraryFixture.MINIMAL)

        assertEquals([], jenkins.writtenFiles)
    }
}
