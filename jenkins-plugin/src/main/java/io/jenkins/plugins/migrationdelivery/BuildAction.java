package io.jenkins.plugins.migrationdelivery;

import hudson.model.Run;
import jenkins.model.RunAction2;

/** What every result this plugin leaves on a build shares: the build it belongs to, for its pages. */
abstract class BuildAction implements RunAction2 {

    private transient Run<?, ?> run;

    public Run<?, ?> getRun() {
        return run;
    }

    @Override
    public void onAttached(Run<?, ?> r) {
        this.run = r;
    }

    @Override
    public void onLoad(Run<?, ?> r) {
        this.run = r;
    }
}
