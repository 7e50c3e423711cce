package io.github.migrationdelivery.engine.sql;

import io.github.migrationdelivery.engine.plan.Dialect;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class SplitterTest {

    private static List<Splitter.Chunk> pg(String sql) {
        Splitter.Result result = new Splitter(Dialect.POSTGRESQL).split(sql);
        assertThat(result.unterminated()).as("unterminated").isFalse();
        return result.chunks();
    }

    private static List<Splitter.Chunk> mysql(String sql) {
        Splitter.Result result = new Splitter(Dialect.MYSQL).split(sql);
        assertThat(result.unterminated()).as("unterminated").isFalse();
        return result.chunks();
    }

    @Test
    void splitsAtSemicolonsOutsideQuotes() {
        assertThat(pg("SELECT 'a;''b'; SELECT \"x;\"\"y\" FROM t;SELECT E'it\\'s; fine';"))
                .extracting(Splitter.Chunk::sql)
                .containsExactly("SELECT 'a;''b'", "SELECT \"x;\"\"y\" FROM t", "SELECT E'it\\'s; fine'");
    }

    @Test
    void plpgsqlBodyFullOfDdlTextIsOneStatement() {
        String function = """
                CREATE OR REPLACE FUNCTION cleanup() RETURNS void AS $body$
                BEGIN
                  EXECUTE 'ALTER TABLE a ADD COLUMN b int';
                  ALTER TABLE account DROP COLUMN legacy;
                  DROP TABLE old_stuff;
                  PERFORM $$ nested; $$;
                END;
                $body$ LANGUAGE plpgsql""";
        List<Splitter.Chunk> chunks = pg(function + ";\nDO $$ BEGIN DROP TABLE x; END $$;\nSELECT 1;");
        assertThat(chunks).extracting(Splitter.Chunk::sql).containsExactly(
                function, "DO $$ BEGIN DROP TABLE x; END $$", "SELECT 1");
    }

    @Test
    void nestedBlockAndLineCommentsHideSemicolons() {
        List<Splitter.Chunk> chunks = pg("/* a /* b */ ; */ SELECT 1 -- not; here\n + 2; SELECT 3;");
        assertThat(chunks).extracting(Splitter.Chunk::sql)
                .containsExactly("/* a /* b */ ; */ SELECT 1 -- not; here\n + 2", "SELECT 3");
        assertThat(chunks.get(0).column()).as("first token, after the comment").isEqualTo(19);
    }

    @Test
    void leadingCommentsStayWithTheirStatement() {
        List<Splitter.Chunk> chunks = pg("SELECT 1;\n-- md:allow rule-x reason\nALTER TABLE t ADD c int;");
        assertThat(chunks.get(1).sql()).isEqualTo("-- md:allow rule-x reason\nALTER TABLE t ADD c int");
        assertThat(chunks.get(1).line()).isEqualTo(3);
        assertThat(chunks.get(1).column()).isEqualTo(1);
    }

    @Test
    void trailingCommentOnTheSameLineBelongsToThePreviousStatement() {
        List<Splitter.Chunk> chunks = pg("ALTER TABLE t ADD c int; -- md:allow x because\nSELECT 2; /* two */\n-- about three\nSELECT 3;");
        assertThat(chunks).extracting(Splitter.Chunk::sql).containsExactly(
                "ALTER TABLE t ADD c int; -- md:allow x because",
                "SELECT 2; /* two */",
                "-- about three\nSELECT 3");
    }

    @Test
    void positionsCountLinesOfMultiLineStrings() {
        List<Splitter.Chunk> chunks = pg("INSERT INTO t VALUES ('line1\nline2\nline3');\n\n   UPDATE t SET a = $$x\ny$$; DELETE FROM t;");
        assertThat(chunks).extracting(Splitter.Chunk::line, Splitter.Chunk::column)
                .containsExactly(tuple(1, 1), tuple(5, 4), tuple(6, 6));
        assertThat(chunks.get(2).sql()).isEqualTo("DELETE FROM t");
    }

    @Test
    void mysqlBackticksAndHashComments() {
        assertThat(mysql("CREATE TABLE `a;b` (id int); # x; y\nSELECT \"q;\";"))
                .extracting(Splitter.Chunk::sql)
                .containsExactly("CREATE TABLE `a;b` (id int); # x; y", "SELECT \"q;\"");
    }

    @Test
    void mysqlDelimiterCommandWrapsProcedureBodies() {
        String script = """
                DELIMITER $$
                CREATE PROCEDURE fill()
                BEGIN
                  INSERT INTO t VALUES (1);
                  UPDATE t SET a = 2;
                END$$
                CREATE TRIGGER trg BEFORE INSERT ON t FOR EACH ROW BEGIN SET NEW.a = 1; END $$
                DELIMITER ;
                SELECT 1;
                """;
        List<Splitter.Chunk> chunks = mysql(script);
        assertThat(chunks).extracting(Splitter.Chunk::sql).containsExactly(
                "CREATE PROCEDURE fill()\nBEGIN\n  INSERT INTO t VALUES (1);\n  UPDATE t SET a = 2;\nEND",
                "CREATE TRIGGER trg BEFORE INSERT ON t FOR EACH ROW BEGIN SET NEW.a = 1; END",
                "SELECT 1");
        assertThat(chunks).extracting(Splitter.Chunk::line).containsExactly(2, 7, 9);
    }

    @Test
    void customDelimiterAsLiquibaseEndDelimiter() {
        List<Splitter.Chunk> chunks = new Splitter(Dialect.POSTGRESQL, "/")
                .split("UPDATE a SET x = 1; UPDATE b SET y = 2\n/\nSELECT 3\n/\n").chunks();
        assertThat(chunks).extracting(Splitter.Chunk::sql)
                .containsExactly("UPDATE a SET x = 1; UPDATE b SET y = 2", "SELECT 3");
        List<Splitter.Chunk> go = new Splitter(Dialect.POSTGRESQL, "GO")
                .split("SELECT good\nGO\nSELECT 2\nGO").chunks();
        assertThat(go).extracting(Splitter.Chunk::sql).containsExactly("SELECT good", "SELECT 2");
    }

    @Test
    void beginAtomicBodyIsOneStatement() {
        String function = """
                CREATE FUNCTION total(a int) RETURNS int LANGUAGE sql
                BEGIN ATOMIC
                  SELECT CASE WHEN a > 0 THEN a ELSE 0 END;
                  UPDATE counters SET n = n + 1;
                END""";
        assertThat(pg(function + ";\nSELECT 2;")).extracting(Splitter.Chunk::sql)
                .containsExactly(function, "SELECT 2");
    }

    @Test
    void unterminatedStringIsReportedWhereItOpens() {
        Splitter.Result result = new Splitter(Dialect.POSTGRESQL).split("SELECT 1;\nSELECT\n  'oops;\nSELECT 2;");
        assertThat(result.unterminated()).isTrue();
        assertThat(result.unterminatedLine()).isEqualTo(3);
        assertThat(result.unterminatedColumn()).isEqualTo(3);
    }

    @Test
    void unterminatedCommentAndDollarQuoteAreReported() {
        assertThat(new Splitter(Dialect.POSTGRESQL).split("SELECT 1; /* open /* nested */").unterminated()).isTrue();
        assertThat(new Splitter(Dialect.POSTGRESQL).split("DO $x$ BEGIN END $y$;").unterminated()).isTrue();
    }

    @Test
    void commentsOnlyScriptHasNoStatements() {
        assertThat(pg("-- nothing here\n/* still nothing */\n")).isEmpty();
    }
}
