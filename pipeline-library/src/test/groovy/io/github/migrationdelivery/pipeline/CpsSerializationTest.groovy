package io.github.migrationdelivery.pipeline

import com.lesfurets.jenkins.unit.cps.BasePipelineTestCPS
import org.junit.jupiter.api.BeforeEach
import org.junit.jupiter.api.Test

import static org.junit.jupiter.api.Assertions.assertEquals
import static org.junit.jupiter.api.Assertions.assertTrue

/**
 * The library CPS-transformed as Jenkins runs it: every block body is run step by step and its
 * whole state (the pipeline object, its settings, the user's closures) serialized and read back at
 * each step, as a controller restart would. A field that does not serialize fails here.
 */
class CpsSerializationTest extends BasePipelineTestCPS {

    LibraryFixture library
    FakeJenkins jenkins

    @BeforeEach
    void load() {
        library = new LibraryFixture(this)
        jenkins = library.jenkins
    }

    /** Every stage, approval, lock, backup, application tests, the baseline, the person's decision and the rollback: one run (CPS runs are slow). */
    @Test
    void theLongestPathSerializesAtEveryStep() {
        jenkins.classification = 'destructive'
        jenkins.exitCodes.verify = 2
        jenkins.decision = LibraryFixture.ROLL_BACK
        String message = library.runExpectingFailure(library.withDeploy(lockableResources: true,
                appTests: library.application.tests(), appTestDatabase: 'jdbc:postgresql://ci-db:5432/orders_ci',
                snapshotCredentialsId: 'ci-db', prometheusUrl: 'http://prometheus:9090', errorRateQuery: 'sum(rate(errors[1m]))'))

        assertEquals(['stage Prepare', 'lintMigration', 'cli compat', 'cli drift',
                      'stage Test', 'dryRunOnSnapshot', 'assertLockBudget', 'cli dry-run', 'cli approval',
                      'stage Migrate', 'awaitHumanApproval', 'lock', 'backupBeforeDestructive', 'cli migrate',
                      'stage Deploy', 'cli verify baseline', 'stash migration-delivery-baseline', 'deploy registry.example.com/orders:1.4.0',
                      'stage Verify', 'unstash migration-delivery-baseline', 'cli verify', 'input',
                      'deploy registry.example.com/orders:1.3.2'], jenkins.trail)
        assertEquals([false, false, false], jenkins.waits*.insideNode)
        assertTrue(jenkins.cli('migrate')[0].insideBackup)
        assertEquals(2, library.application.tested.size())
        assertTrue(message.contains('rolled back to registry.example.com/orders:1.3.2'), message)
    }
}
