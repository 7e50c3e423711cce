package io.github.migrationdelivery.engine.lint.rules.postgres;

import io.github.migrationdelivery.engine.lint.Finding;
import io.github.migrationdelivery.engine.lint.LintFixture;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PreferAlignedColumnOrderTest {

    private static List<Finding> findings(String sql) {
        return LintFixture.lint("-- md:test enable=prefer-aligned-column-order\n" + sql).findings().stream()
                .filter(f -> f.ruleId().equals("prefer-aligned-column-order")).toList();
    }

    @Test
    void countsThePaddingTheDeclaredOrderWastesAndReordersWideToNarrow() {
        // active 0-1, 7 bytes gap, id 8-16, flag 16-17, 7 bytes gap, created_at 24-32, qty 32-36, small 36-38: 14 bytes
        List<Finding> found = findings("""
                CREATE TABLE IF NOT EXISTS orders (
                    active boolean NOT NULL,
                    id bigint PRIMARY KEY,
                    flag boolean,
                    created_at timestamptz NOT NULL DEFAULT now(),
                    qty integer,
                    note text,
                    small smallint,
                    CONSTRAINT qty_positive CHECK (qty > 0)
                ) WITH (fillfactor = 90);
                """);
        assertThat(found).hasSize(1);
        assertThat(found.get(0).message()).contains("pad every row with 14 bytes more than needed");
        assertThat(found.get(0).safeRewrite()).isEqualTo("""
                CREATE TABLE IF NOT EXISTS orders (
                    id bigint PRIMARY KEY,
                    created_at timestamptz NOT NULL DEFAULT now(),
                    qty integer,
                    small smallint,
                    active boolean NOT NULL,
                    flag boolean,
                    note text,
                    CONSTRAINT qty_positive CHECK (qty > 0)
                ) WITH (fillfactor = 90);""");
    }

    @Test
    void firesFromEightBytesSaved() {
        // a 0-2, 2 bytes gap, b 4-8, c 8-10, 6 bytes gap, d 16-24: 8 bytes; d, b, a, c: none
        assertThat(findings("CREATE TABLE t (a smallint, b integer, c smallint, d bigint);"))
                .singleElement().satisfies(f -> assertThat(f.message()).contains("with 8 bytes more"));
        // id 0-8, active 8-9, 7 bytes gap, created_at 16-24: 7 bytes, under the threshold
        assertThat(findings("CREATE TABLE t (id bigint, active boolean, created_at timestamptz);")).isEmpty();
    }

    @Test
    void uuidIsSixteenBytesAlignedOnOneAndVariableLengthColumnsAreLeftOut() {
        // flag 0-1, token 1-17 (uuid needs no alignment), 7 bytes gap, id 24-32: 7 bytes
        assertThat(findings("CREATE TABLE t (flag boolean, token uuid, id bigint);")).isEmpty();
        // the text columns between do not count: a 0-1, 7 bytes gap, b 8-16, c 16-17, 7 bytes gap, d 24-32
        assertThat(findings("CREATE TABLE t (a boolean, x text, b bigint, y jsonb, c boolean, z numeric(10,2), d bigint);"))
                .singleElement().satisfies(f -> assertThat(f.message()).contains("with 14 bytes more"));
    }
}
