package io.github.migrationdelivery.engine.lint;

import io.github.migrationdelivery.engine.plan.Plan;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Changesets are linted in parallel, each asking {@link PlanHistory} what the changesets before
 * it did. These plans reuse table names across changesets (create, index, drop, re-create,
 * rename, validate), so any answer taken from the wrong point of the plan changes the findings.
 */
class ParallelLintTest {

    /** One round of order-dependent changesets; the comments give the finding each index must (not) get. */
    private static final String ROUND = """
            -- md:changeset
            CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint NOT NULL, note varchar(20));
            -- md:changeset
            CREATE INDEX orders_customer ON orders (customer_id);
            -- md:changeset
            DROP TABLE orders;
            -- md:changeset
            CREATE INDEX orders_customer ON orders (customer_id);
            -- md:changeset
            CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint NOT NULL, note varchar(20));
            -- md:changeset
            CREATE INDEX orders_customer ON orders (customer_id);
            -- md:changeset
            ALTER TABLE orders RENAME TO orders_old;
            -- md:changeset
            CREATE INDEX orders_old_customer ON orders_old (customer_id);
            CREATE INDEX orders_customer ON orders (customer_id);
            -- md:changeset
            ALTER TABLE accounts ADD CONSTRAINT accounts_email_nn CHECK (email IS NOT NULL) NOT VALID;
            -- md:changeset
            ALTER TABLE accounts ALTER COLUMN email SET NOT NULL;
            -- md:changeset
            ALTER TABLE accounts VALIDATE CONSTRAINT accounts_email_nn;
            -- md:changeset
            ALTER TABLE accounts ALTER COLUMN email SET NOT NULL;
            -- md:changeset
            DROP TABLE orders_old;
            """;

    private static final String INDEX = "require-concurrent-index-creation";
    private static final String NOT_NULL = "adding-not-nullable-field";

    @Test
    void eachChangesetSeesThePlanBeforeIt() {
        LintResult result = LintFixture.lint(ROUND);
        List<List<String>> perChangeset = result.changesets().stream()
                .map(v -> v.findings().stream().map(Finding::ruleId)
                        .filter(id -> id.equals(INDEX) || id.equals(NOT_NULL)).toList())
                .toList();
        assertThat(perChangeset).containsExactly(
                List.of(),
                List.of(),              // orders was created in the plan
                List.of(),
                List.of(INDEX),         // ... but dropped since
                List.of(),
                List.of(),              // re-created
                List.of(),
                List.of(INDEX),         // orders_old is the new table; orders is gone again
                List.of(),
                List.of(NOT_NULL),      // the NOT NULL check is not validated yet
                List.of(),
                List.of(),              // now it is
                List.of());
    }

    @Test
    void parallelAndSequentialRunsAgree() {
        // Enough rounds (14 statements each) that the plan spans several of the linter's slices
        // and each slice is split across threads.
        int rounds = 350;
        String text = ROUND.repeat(rounds);
        LintSettings settings = LintFixture.settings(text);
        Plan plan = LintFixture.plan(text, Path.of("case.sql"));
        Linter linter = new Linter(settings, RuleCatalogue.load());

        LintResult sequential = linter.lint(plan, false);
        LintResult parallel = linter.lint(plan, true);

        assertThat(parallel.changesets()).isEqualTo(sequential.changesets());
        assertThat(sequential.findings().stream().filter(f -> f.ruleId().equals(INDEX))).hasSize(2 * rounds);
        // A validated check stays valid for later rounds, so only the first round's early SET NOT NULL fires.
        assertThat(sequential.findings().stream().filter(f -> f.ruleId().equals(NOT_NULL))).hasSize(1);
    }
}
