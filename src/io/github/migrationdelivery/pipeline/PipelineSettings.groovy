package io.github.migrationdelivery.pipeline

import com.cloudbees.groovy.cps.NonCPS

/**
 * The options of {@code migrationPipeline}: every key with its default, and the checks that reject
 * a wrong key before anything runs. Pure data handling, no steps: the caller turns a problem into
 * {@code error(...)}. Keep vars/migrationPipeline.txt and docs/jenkins.md in step with this map.
 */
class PipelineSettings implements Serializable {

    private static final long serialVersionUID = 1L

    static final List<String> REQUIRED = ['changelog', 'snapshot', 'target', 'targetCredentialsId']
    static final List<String> CLOSURES = ['deploy', 'appTests']
    static final Map<String, List> CHOICES = [
            dialect          : ['postgresql', 'mariadb', 'mysql'],
            failOn           : ['error', 'warning', 'never'],
            onBudgetBreach   : ['FAILURE', 'UNSTABLE'],
            onBreakingChange : ['FAILURE', 'UNSTABLE'],
            lockableResources: ['auto', true, false],
            verifyBaseline   : ['auto', true, false],
    ]

    /** Every option with its default; null means "not set". */
    @NonCPS
    static Map defaults() {
        [
                // What to migrate, and where
                changelog           : null,          // required: the Liquibase changelog or SQL folder, relative to the repository root
                dialect             : null,          // postgresql | mariadb | mysql; null: from the target's URL (jdbc:mariadb: is mariadb)
                serverVersion       : null,          // the production server's version; null: the policy's, else 15 / 10.11 / 8.0
                config              : '.migration-delivery.yml', // the policy; when the repository has none, the library writes its default there
                target              : null,          // required: the production JDBC URL, without user or password
                targetCredentialsId : null,          // required: a username/password credential for the target
                // Prepare: lint, compatibility, drift
                failOn              : 'error',       // lint: the least severe finding that stops the pipeline (error | warning | never)
                onBreakingChange    : 'FAILURE',     // compat found a change the running version cannot live with: FAILURE | UNSTABLE
                usedColumns         : null,          // compat --used-columns: the columns the running version reads (a file in the repository)
                // Test: dry-run on a snapshot, lock budget, rollback rehearsal, the application's tests
                snapshot            : null,          // required: the dry-run's snapshot URI (template:, dump:, jdbc:, ...; see docs/snapshots.md)
                snapshotCredentialsId: null,         // a username/password credential for the snapshot's server; null: none
                maxExclusiveMs      : 200,           // lock budget: longest write-blocking lock per statement, ms
                maxBlockedMs        : null,          // lock budget: longest time probe traffic may wait, ms; null: the policy's
                onBudgetBreach      : 'FAILURE',     // FAILURE stops the pipeline; UNSTABLE marks the build and goes on
                rehearseRollback    : true,          // rehearse the changesets' rollbacks on the snapshot
                appTests            : null,          // { jdbcUrl, image -> ... }: the application's tests against the migrated test database
                appTestDatabase     : null,          // a throw-away JDBC URL the plan is applied to for appTests (never the target)
                appTestCredentialsId: null,          // its credential; null: snapshotCredentialsId
                // Migrate
                approvers           : null,          // who may approve a non-additive plan; null: the policy's approvers
                approvalTimeoutHours: 24,            // how long the approval waits
                lockableResources   : 'auto',        // auto: the lock step when lockable-resources is installed; true: always; false: the engine's lock only
                lockResource        : null,          // the lock's name; null: 'migration-delivery ' + target
                auditLog            : null,          // migrate --audit-log: an approvals audit log the agents can read; null: the policy's (approval.auditLog)
                // Deploy and verify
                appImage            : null,          // the application version to deploy; needs deploy
                previousImage       : null,          // the version running now: what a failed verification rolls back to
                deploy              : null,          // { image -> ... }: deploys an image; called with previousImage to roll back
                healthUrls          : [],            // HTTP health endpoints verify polls
                prometheusUrl       : null,          // a Prometheus query API for error rate and latency; null: health endpoints only
                errorRateQuery      : null,          // verify: a PromQL instant query giving the error rate as a fraction (needs prometheusUrl)
                latencyP95Query     : null,          // verify: a PromQL instant query giving the p95 latency in seconds (needs prometheusUrl)
                errorRateMax        : '1%',          // verify: highest error rate (with errorRateQuery)
                p95LatencyMax       : '250ms',       // verify: highest 95th percentile latency (with latencyP95Query)
                verifyBaseline      : 'auto',        // measure the Prometheus queries before the deploy (verify baseline) so verify judges the change:
                                                     // auto: when prometheusUrl is given, going on without one if it cannot be taken;
                                                     // true: required (needs prometheusUrl; no baseline, no deploy); false: never
                errorRateMargin     : null,          // with a baseline: percentage points above its error rate still healthy; null: verify's 0.5%
                p95LatencyMargin    : null,          // with a baseline: how far above its p95 latency is still healthy; null: verify's 20%
                verifyWindow        : '5m',          // verify: how long to watch
                verifyInterval      : '10s',         // verify: how often to look
                decisionTimeoutMinutes: 60,          // how long to wait for a person when verify could not judge
                // Where it runs
                agentLabel          : null,          // the agents' label; null: any agent
                cli                 : 'migration-delivery', // the command line on the agent (e.g. 'java -jar /opt/md/migration-delivery.jar')
                reportDir           : 'build/migration-delivery', // where the reports go (archived with the build)
        ]
    }

    /** What is wrong with the options, one line per problem, each naming its key; empty when all is well. */
    @NonCPS
    static List<String> problems(Map options) {
        Map known = defaults()
        List<String> found = []
        options.keySet().findAll { !known.containsKey(it) }.each {
            found << "unknown option '${it}'${suggestion(it as String, known.keySet())}".toString()
        }
        Map s = known + options.findAll { known.containsKey(it.key) }
        REQUIRED.findAll { blank(s[it]) }.each { found << "'${it}' is required".toString() }
        s.each { key, value ->
            String wrong = typeProblem(key as String, value, known[key])
            if (wrong) {
                found << "'${key}' ${wrong}".toString()
            }
        }
        CHOICES.each { key, allowed ->
            if (s[key] != null && !allowed.contains(s[key])) {
                found << "'${key}' must be one of ${allowed.join(', ')}, not '${s[key]}'".toString()
            }
        }
        found.addAll(conflicts(s))
        found
    }

    /** The options over the defaults, with the derived defaults filled in. Call only when {@link #problems} is empty. */
    @NonCPS
    static Map resolve(Map options) {
        Map s = defaults() + options
        s.dialect = s.dialect ?: dialectOf(s.target as String)
        s.lockResource = s.lockResource ?: "migration-delivery ${s.target}".toString()
        s.appTestCredentialsId = s.appTestCredentialsId ?: s.snapshotCredentialsId
        s.healthUrls = s.healthUrls instanceof String ? [s.healthUrls] : s.healthUrls
        s
    }

    /** The library's default policy for this target: the resource's text with the production URL filled in. */
    @NonCPS
    static String defaultPolicy(String resourceText, Map settings) {
        // The dry-run step takes the server version only from here: a serverVersion option goes into the policy.
        String version = settings.serverVersion ? "\nserverVersion: \"${settings.serverVersion}\"" : ''
        resourceText.replace('@TARGET@', settings.target as String).replace('@DIALECT@', "${settings.dialect}${version}")
    }

    /** The JDBC URL's database family, as the engine's Credentials reads it. */
    @NonCPS
    static String dialectOf(String jdbcUrl) {
        def family = (jdbcUrl =~ /^jdbc:(postgresql|mariadb|mysql):/)
        family ? family[0][1] : 'postgresql'
    }

    /** An option given makes these options required. */
    static final Map<String, List<String>> NEEDS = [
            appImage     : ['deploy'],
            deploy       : ['appImage'],
            previousImage: ['appImage'],
            appTests     : ['appTestDatabase', 'appImage'],
            errorRateQuery : ['prometheusUrl'],
            latencyP95Query: ['prometheusUrl'],
            errorRateMargin : ['errorRateQuery'],
            p95LatencyMargin: ['latencyP95Query'],
    ]
    /** A URL option and the credential option its login belongs in. */
    static final Map<String, String> LOGINS = [target: 'targetCredentialsId', appTestDatabase: 'appTestCredentialsId']

    @NonCPS
    private static List<String> conflicts(Map s) {
        List<String> found = []
        NEEDS.each { given, needed ->
            if (s[given]) {
                needed.findAll { !s[it] }.each { found << "'${it}' is required when '${given}' is given" }
            }
        }
        if (s.previousImage && s.previousImage == s.appImage) {
            found << "'previousImage' is the same as 'appImage' ('${s.appImage}'): a rollback would change nothing"
        }
        if (s.deploy && !s.healthUrls && !s.prometheusUrl) {
            found << "'healthUrls' (or 'prometheusUrl') is required when 'deploy' is given: verify needs something to watch"
        }
        if (s.prometheusUrl && !s.errorRateQuery && !s.latencyP95Query) {
            found << "'errorRateQuery' or 'latencyP95Query' is required when 'prometheusUrl' is given: verify needs a query to ask it"
        }
        if (s.verifyBaseline == true && !s.prometheusUrl) {
            found << "'prometheusUrl' is required when 'verifyBaseline' is true: the baseline is the service's error rate and latency before the deploy"
        }
        if (s.verifyBaseline == false) {
            ['errorRateMargin', 'p95LatencyMargin'].findAll { s[it] }.each {
                found << "'${it}' applies only to a baseline, and 'verifyBaseline' is false"
            }
        }
        if (s.appTestDatabase && s.appTestDatabase == s.target) {
            found << "'appTestDatabase' is the target: the application's tests need a throw-away database"
        }
        LOGINS.each { url, credential ->
            if (s[url] instanceof String && carriesPassword(s[url] as String)) {
                found << "'${url}' contains a password: give the URL without it and the login in '${credential}'"
            }
        }
        found*.toString()
    }

    @NonCPS
    private static String typeProblem(String key, Object value, Object byDefault) {
        if (value == null) {
            return null
        }
        if (key in CLOSURES) {
            return value instanceof Closure ? null : 'must be a closure'
        }
        if (key == 'healthUrls') {
            return value instanceof String || (value instanceof List && value.every { it instanceof CharSequence }) ? null
                    : 'must be a URL or a list of URLs'
        }
        if (CHOICES[key]?.any { it instanceof Boolean }) {
            return null // a string or a boolean: CHOICES names the values allowed
        }
        if (byDefault instanceof Number) {
            return value instanceof Number && value > 0 ? null : "must be a number greater than 0, not '${value}'"
        }
        if (byDefault instanceof Boolean) {
            return value instanceof Boolean ? null : "must be true or false, not '${value}'"
        }
        return value instanceof CharSequence ? null : "must be a string, not a ${value.getClass().simpleName}"
    }

    @NonCPS
    private static boolean carriesPassword(String url) {
        // user:password@host, or a password= parameter
        url ==~ /(?i)^[a-z:]*\/\/[^\/@]*:[^\/@]*@.*/ || url =~ /(?i)[?&;]password=/
    }

    @NonCPS
    private static boolean blank(Object value) {
        value == null || (value instanceof CharSequence && value.toString().trim().isEmpty())
    }

    @NonCPS
    private static String suggestion(String key, Collection<String> known) {
        String close = known.find { it.equalsIgnoreCase(key) || it.toLowerCase().startsWith(key.toLowerCase()) }
        close ? " (did you mean '${close}'?)" : ''
    }
}
