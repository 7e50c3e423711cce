import io.github.migrationdelivery.pipeline.MigrationPipeline
import io.github.migrationdelivery.pipeline.PipelineSettings

/**
 * The one-line migration pipeline: lint, compatibility and drift checks, a measured dry-run with the
 * lock budget, approval, backup, migrate, deploy and verify with automated rollback.
 * Options and defaults: migrationPipeline.txt, docs/jenkins.md.
 */
def call(Map options = [:]) {
    List<String> problems = PipelineSettings.problems(options)
    if (problems) {
        error("migrationPipeline: ${problems.join('; ')}")
    }
    new MigrationPipeline(this, PipelineSettings.resolve(options)).run()
}
