package io.github.migrationdelivery.engine.snapshot;

import io.github.migrationdelivery.engine.plan.Dialect;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fails a test that leaves a throw-away database (md_dryrun_*) behind on the server. Those there
 * before the test are another build's runs on the shared server, and do not count.
 */
final class NothingLeftBehind implements BeforeEachCallback, AfterEachCallback {

    private final Dialect dialect;
    private List<String> before;

    NothingLeftBehind(Dialect dialect) {
        this.dialect = dialect;
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        before = Databases.throwAway(dialect);
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        assertThat(Databases.throwAway(dialect)).as("throw-away databases left behind").isSubsetOf(before);
    }
}
