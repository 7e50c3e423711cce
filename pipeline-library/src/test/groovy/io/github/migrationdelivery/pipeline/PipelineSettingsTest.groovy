package io.github.migrationdelivery.pipeline

import com.lesfurets.jenkins.unit.BasePipelineTest
import org.junit.jupiter.api.BeforeEach
import org.junit.jupiter.api.Test

import static org.junit.jupiter.api.Assertions.assertEquals

/** Bad options stop the one-liner with error(...) naming the key, before any stage runs. */
class PipelineSettingsTest extends BasePipelineTest {

    LibraryFixture library

    @BeforeEach
    void load() {
        library = new LibraryFixture(this)
    }

    private String rejected(Map options) {
        String message = library.runExpectingFailure(options)
        assertEquals([], library.jenkins.stages, 'no stage may run with bad options')
        assertJobStatusFailure()
        message
    }

    @Test
    void anUnknownKeyIsNamed() {
        assertEquals("migrationPipeline: unknown option 'changelg'",
                rejected(LibraryFixture.MINIMAL + [changelg: 'db/x.xml']))
    }

    @Test
    void aMisspeltCaseGetsASuggestion() {
        assertEquals("migrationPipeline: unknown option 'targetcredentialsid' (did you mean 'targetCredentialsId'?)",
                rejected(LibraryFixture.MINIMAL + [targetcredentialsid: 'x']))
    }

    @Test
    void everyMissingRequiredKeyIsNamed() {
        assertEquals("migrationPipeline: 'snapshot' is required; 'target' is required; 'targetCredentialsId' is required",
                rejected([changelog: 'db/changelog.xml']))
    }

    @Test
    void aBlankRequiredKeyCountsAsMissing() {
        assertEquals("migrationPipeline: 'changelog' is required", rejected(LibraryFixture.MINIMAL + [changelog: '  ']))
    }

    @Test
    void anImageWithoutADeployIsAConflict() {
        assertEquals("migrationPipeline: 'deploy' is required when 'appImage' is given",
                rejected(LibraryFixture.MINIMAL + [appImage: 'registry/app:1.4.0']))
    }

    @Test
    void aDeployNeedsSomethingToVerify() {
        assertEquals("migrationPipeline: 'healthUrls' (or 'prometheusUrl') is required when 'deploy' is given: verify needs something to watch",
                rejected(library.withDeploy(healthUrls: [])))
    }

    @Test
    void prometheusNeedsAQueryAndAQueryNeedsPrometheus() {
        assertEquals("migrationPipeline: 'errorRateQuery' or 'latencyP95Query' is required when 'prometheusUrl' is given: verify needs a query to ask it",
                rejected(library.withDeploy(prometheusUrl: 'http://prometheus:9090')))
        assertEquals("migrationPipeline: 'prometheusUrl' is required when 'latencyP95Query' is given",
                rejected(library.withDeploy(latencyP95Query: 'histogram_quantile(0.95, sum(rate(b[1m])) by (le))')))
    }

    @Test
    void aBaselineSettingOtherThanAutoTrueOrFalseIsNamed() {
        assertEquals("migrationPipeline: 'verifyBaseline' must be one of auto, true, false, not 'yes'",
                rejected(library.withDeploy(verifyBaseline: 'yes')))
    }

    @Test
    void aRequiredBaselineNeedsPrometheusAndMarginsNeedABaseline() {
        assertEquals("migrationPipeline: 'prometheusUrl' is required when 'verifyBaseline' is true: "
                + "the baseline is the service's error rate and latency before the deploy",
                rejected(library.withDeploy(verifyBaseline: true)))
        load()
        assertEquals("migrationPipeline: 'p95LatencyMargin' applies only to a baseline, and 'verifyBaseline' is false",
                rejected(library.withDeploy(prometheusUrl: 'http://prometheus:9090', latencyP95Query: 'q',
                        verifyBaseline: false, p95LatencyMargin: '10%')))
        load()
        assertEquals("migrationPipeline: 'errorRateQuery' is required when 'errorRateMargin' is given",
                rejected(library.withDeploy(prometheusUrl: 'http://prometheus:9090', latencyP95Query: 'q', errorRateMargin: '1%')))
    }

    @Test
    void rollingBackToTheSameImageIsAConflict() {
        assertEquals("migrationPipeline: 'previousImage' is the same as 'appImage' ('registry.example.com/orders:1.4.0'): a rollback would change nothing",
                rejected(library.withDeploy(previousImage: 'registry.example.com/orders:1.4.0')))
    }

    @Test
    void aPasswordInTheTargetUrlIsRefused() {
        assertEquals("migrationPipeline: 'target' contains a password: give the URL without it and the login in 'targetCredentialsId'",
                rejected(LibraryFixture.MINIMAL + [target: 'jdbc:postgresql://app:s3cret@prod-db:5432/orders']))
        load()
        assertEquals("migrationPipeline: 'target' contains a password: give the URL without it and the login in 'targetCredentialsId'",
                rejected(LibraryFixture.MINIMAL + [target: 'jdbc:postgresql://prod-db:5432/orders?user=app&password=s3cret']))
    }

    @Test
    void appTestsNeedAThrowAwayDatabaseThatIsNotTheTarget() {
        assertEquals("migrationPipeline: 'appTestDatabase' is the target: the application's tests need a throw-away database",
                rejected(library.withDeploy(appTests: library.application.tests(),
                        appTestDatabase: 'jdbc:postgresql://prod-db:5432/orders')))
    }

    @Test
    void wrongTypesAndValuesAreNamed() {
        assertEquals("migrationPipeline: 'maxExclusiveMs' must be a number greater than 0, not '-5'; "
                + "'deploy' must be a closure; 'failOn' must be one of error, warning, never, not 'fatal'",
                rejected(LibraryFixture.MINIMAL + [maxExclusiveMs: -5, deploy: 'kubectl apply', appImage: 'a:1',
                                                   healthUrls: ['http://h'], failOn: 'fatal']))
    }

    @Test
    void theDefaultsAreWhatTheHelpPageSays() {
        Map defaults = library.libraryClass('PipelineSettings').defaults()
        String help = new File(library.jenkins.libraryRoot, 'vars/migrationPipeline.txt').getText('UTF-8')
        defaults.each { key, value ->
            assert help.contains("<code>${key}</code>"): "vars/migrationPipeline.txt does not describe '${key}'"
        }
        assertEquals(200, defaults.maxExclusiveMs)
        assertEquals('auto', defaults.lockableResources)
        assertEquals('auto', defaults.verifyBaseline)
    }
}
