package io.github.migrationdelivery.pipeline

import com.lesfurets.jenkins.unit.BasePipelineTest
import org.junit.jupiter.api.BeforeEach
import org.junit.jupiter.api.Test

import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.Paths

import static com.lesfurets.jenkins.unit.global.lib.LibraryConfiguration.library
import static com.lesfurets.jenkins.unit.global.lib.LocalSource.localSource
import static org.junit.jupiter.api.Assertions.assertEquals
import static org.junit.jupiter.api.Assertions.assertTrue

/**
 * The Jenkinsfiles users copy, run as Jenkins runs them: {@code @Library('migration-delivery') _}
 * loads the repository root as a global library (vars/, src/, resources/), then the one-liner.
 */
class OneLinerTest extends BasePipelineTest {

    LibraryFixture library
    FakeJenkins jenkins
    List<String> shell = []

    @BeforeEach
    void load() {
        library = new LibraryFixture(this)
        jenkins = library.jenkins
        // LocalSource finds a library at <dir>/<name>@<version>: point one at the repository root.
        Path libraries = Paths.get('target', 'libraries').toAbsolutePath()
        Path link = libraries.resolve('migration-delivery@master')
        Files.createDirectories(libraries)
        if (!Files.exists(link)) {
            Files.createSymbolicLink(link, jenkins.libraryRoot.toPath())
        }
        helper.registerSharedLibrary(library().name('migration-delivery').defaultVersion('master')
                .retriever(localSource(libraries.toString())).targetPath(libraries.toString())
                .allowOverride(true).implicit(false).build())
        helper.registerAllowedMethod('sh', [String]) { String line -> shell << line }
    }

    @Test
    void theExampleServicesJenkinsfileRunsEveryStageAndTestsBothVersions() {
        jenkins.classification = 'destructive'
        runScript('examples/orders-service/Jenkinsfile')

        assertEquals(['Prepare', 'Test', 'Migrate', 'Deploy', 'Verify'], jenkins.stages)
        assertEquals(['compat', 'drift', 'dry-run', 'approval', 'migrate', 'verify baseline', 'verify'], jenkins.cliRuns*.command)
        assertEquals([
                'docker run --rm -e MD_DB_USER -e MD_DB_PASSWORD -e ORDERS_DB_URL=jdbc:postgresql://ci-db:5432/orders_ci registry.example.com/orders:1.3.2 ./contract-tests',
                'docker run --rm -e MD_DB_USER -e MD_DB_PASSWORD -e ORDERS_DB_URL=jdbc:postgresql://ci-db:5432/orders_ci registry.example.com/orders:1.4.0 ./contract-tests',
                'kubectl set image deployment/orders orders=registry.example.com/orders:1.4.0 && kubectl rollout status deployment/orders --timeout=5m'],
                shell)
        String verify = jenkins.cli('verify')[0].line
        assertTrue(verify.startsWith("migration-delivery verify '--health-url' 'https://orders.example.com/health' "
                + "'--prometheus-url' 'http://prometheus.monitoring:9090' '--error-rate-query' "), verify)
        assertTrue(verify.endsWith("'--window' '5m' '--interval' '10s' '--error-rate-max' '1%' '--p95-latency-max' '250ms' "
                + "'--baseline' 'build/migration-delivery/verify-baseline.json'"), verify)
        assertJobStatusSuccess()
    }

    @Test
    void theOrganizationTemplateTakesEachServicesValuesFromTheEnvironment() {
        binding.getVariable('env').putAll(MD_TARGET: 'jdbc:mariadb://db-7:3306/billing', MD_TARGET_CREDENTIALS_ID: 'billing-db',
                MD_SNAPSHOT: 'dump:/backups/billing.sql?server=jdbc:mariadb://ci-db:3306/')
        runScript('resources/io/github/migrationdelivery/Jenkinsfile.template')

        assertEquals(['Prepare', 'Test', 'Migrate'], jenkins.stages)
        def lint = helper.callStack.find { it.methodName == 'lintMigration' }.args[0]
        assertEquals('db/changelog.xml', lint.changelog)
        assertEquals('mariadb', lint.dialect, 'the dialect follows the target URL')
        assertEquals([compat: null, drift: 'billing-db', migrate: 'billing-db'],
                jenkins.cliRuns.collectEntries { [it.command, it.credentialsId] })
        assertTrue(jenkins.cli('migrate')[0].line.contains("'--target' 'jdbc:mariadb://db-7:3306/billing'"))
    }

    @Test
    void theOrganizationTemplateWithoutItsVariablesNamesWhatIsMissing() {
        try {
            runScript('resources/io/github/migrationdelivery/Jenkinsfile.template')
            throw new AssertionError('the template ran without a target')
        } catch (PipelineFailure e) {
            assertEquals("migrationPipeline: 'snapshot' is required; 'target' is required; 'targetCredentialsId' is required", e.message)
        }
    }
}
