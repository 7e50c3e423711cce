package io.github.migrationdelivery.engine.sql;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SqlTextTest {

    @Test
    void commentsAboveTheStatementAreLeftOut() {
        assertThat(SqlText.excerpt("-- md:allow ban-drop-column reason\n/* header\n */\n# mysql\nALTER TABLE t\n   DROP COLUMN c", 100))
                .isEqualTo("ALTER TABLE t DROP COLUMN c");
    }

    @Test
    void whiteSpaceIsFoldedAndLongStatementsCut() {
        assertThat(SqlText.excerpt("SELECT  1,\n\t2", 100)).isEqualTo("SELECT 1, 2");
        assertThat(SqlText.excerpt("UPDATE customers SET a = 1", 10)).isEqualTo("UPDATE ...").hasSizeLessThanOrEqualTo(10);
        assertThat(SqlText.excerpt("UPDATE t SET a = 1", 18)).as("fits exactly").isEqualTo("UPDATE t SET a = 1");
        assertThat(SqlText.excerpt("SELECT 1 -- trailing comment stays", 100)).isEqualTo("SELECT 1 -- trailing comment stays");
    }

    @Test
    void onlyCommentsGiveNothing() {
        assertThat(SqlText.excerpt("-- just a comment\n/* and another */", 100)).isEmpty();
    }
}
