package io.github.migrationdelivery.pipeline

import com.lesfurets.jenkins.unit.BasePipelineTest

/**
 * Loads vars/migrationPipeline.groovy from the repository root as Jenkins would (its src/ classes
 * beside it) into a JenkinsPipelineUnit test, CPS-transformed or not, against {@link FakeJenkins}.
 */
class LibraryFixture {

    /** The answers MigrationPipeline offers when verify could not judge. */
    static final String KEEP = 'Keep the new version'
    static final String ROLL_BACK = 'Roll back to the previous version'

    static final Map MINIMAL = [
            changelog          : 'db/changelog.xml',
            snapshot           : 'template:jdbc:postgresql://staging-db:5432/orders_clone',
            target             : 'jdbc:postgresql://prod-db:5432/orders',
            targetCredentialsId: 'prod-db',
    ]

    final BasePipelineTest test
    final FakeJenkins jenkins
    final Application application
    private Script pipeline

    LibraryFixture(BasePipelineTest test) {
        this.test = test
        String root = new File(System.getProperty('library.root', '..')).canonicalPath
        test.scriptRoots = [root, "${root}/src".toString()] as String[]
        test.scriptExtension = 'groovy'
        test.setUp()
        jenkins = new FakeJenkins(test.helper, test.binding)
        jenkins.install()
        application = new Application(jenkins.trail)
        pipeline = test.loadScript('vars/migrationPipeline.groovy')
    }

    /** The minimal options plus a deploy with a previous version and a health endpoint, plus {@code extra}. */
    Map withDeploy(Map extra = [:]) {
        MINIMAL + [appImage     : 'registry.example.com/orders:1.4.0',
                   previousImage: 'registry.example.com/orders:1.3.2',
                   deploy       : application.deploy(),
                   healthUrls   : ['https://orders.example.com/health']] + extra
    }

    /** Runs {@code migrationPipeline(options)}; a PipelineFailure is the build stopping with error(...). */
    void run(Map options) {
        pipeline.call(options)
    }

    /** Runs it and returns the error(...) message that stopped it. */
    String runExpectingFailure(Map options) {
        try {
            run(options)
        } catch (PipelineFailure e) {
            return e.message
        }
        throw new AssertionError("the pipeline did not stop; it went through ${jenkins.trail}")
    }

    /** A class of the library's src/, as the pipeline sees it (loaded by the test's pipeline class loader). */
    Class libraryClass(String simpleName) {
        pipeline.class.classLoader.loadClass("io.github.migrationdelivery.pipeline.${simpleName}")
    }
}
