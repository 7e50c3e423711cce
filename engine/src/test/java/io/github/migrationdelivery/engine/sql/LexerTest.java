package io.github.migrationdelivery.engine.sql;

import io.github.migrationdelivery.engine.plan.Dialect;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class LexerTest {

    private static List<Token> pg(String sql) {
        return Lexer.tokenize(sql, Dialect.POSTGRESQL);
    }

    private static List<Token> mysql(String sql) {
        return Lexer.tokenize(sql, Dialect.MYSQL);
    }

    @Test
    void doubledQuotesStayInsideOneString() {
        List<Token> tokens = pg("SELECT 'it''s; fine', \"a \"\"b\"\"\"");
        assertThat(tokens).extracting(Token::type, Token::text).containsExactly(
                tuple(TokenType.WORD, "SELECT"),
                tuple(TokenType.STRING, "'it''s; fine'"),
                tuple(TokenType.SYMBOL, ","),
                tuple(TokenType.QUOTED_IDENTIFIER, "\"a \"\"b\"\"\""));
        assertThat(tokens.get(1).stringValue()).isEqualTo("it's; fine");
        assertThat(tokens.get(3).identifier()).isEqualTo("a \"b\"");
    }

    @Test
    void postgresEscapeStringAllowsBackslashQuote() {
        List<Token> tokens = pg("SELECT E'it\\'s; fine' ;");
        assertThat(tokens).extracting(Token::text).containsExactly("SELECT", "E'it\\'s; fine'", ";");
        assertThat(tokens.get(1).type()).isEqualTo(TokenType.STRING);
    }

    @Test
    void plainPostgresStringTreatsBackslashLiterally() {
        // standard_conforming_strings: 'a\' is a complete string.
        assertThat(pg("SELECT 'a\\'; SELECT 1")).extracting(Token::text)
                .containsExactly("SELECT", "'a\\'", ";", "SELECT", "1");
    }

    @Test
    void dollarQuotesWithAndWithoutTag() {
        List<Token> tokens = pg("$$a; b$$ $body$ x $$ y; $body$ $1");
        assertThat(tokens).extracting(Token::type, Token::text).containsExactly(
                tuple(TokenType.STRING, "$$a; b$$"),
                tuple(TokenType.STRING, "$body$ x $$ y; $body$"),
                tuple(TokenType.PARAMETER, "$1"));
        assertThat(tokens.get(1).stringValue()).isEqualTo(" x $$ y; ");
    }

    @Test
    void postgresBlockCommentsNestButMysqlOnesDoNot() {
        assertThat(pg("/* a /* b */ ; */ SELECT")).extracting(Token::type)
                .containsExactly(TokenType.BLOCK_COMMENT, TokenType.WORD);
        assertThat(mysql("/* a /* b */ ; */ SELECT")).extracting(Token::text)
                .containsExactly("/* a /* b */", ";", "*", "/", "SELECT");
    }

    @Test
    void mysqlBackticksHashCommentsAndDoubleQuotedStrings() {
        List<Token> tokens = mysql("SELECT `a;b`, \"x\\\"y\" # c;\nFROM t");
        assertThat(tokens).extracting(Token::type, Token::text).containsExactly(
                tuple(TokenType.WORD, "SELECT"),
                tuple(TokenType.QUOTED_IDENTIFIER, "`a;b`"),
                tuple(TokenType.SYMBOL, ","),
                tuple(TokenType.STRING, "\"x\\\"y\""),
                tuple(TokenType.LINE_COMMENT, "# c;"),
                tuple(TokenType.WORD, "FROM"),
                tuple(TokenType.WORD, "t"));
        assertThat(tokens.get(1).identifier()).isEqualTo("a;b");
    }

    @Test
    void linesAndColumnsCountInsideMultiLineStrings() {
        List<Token> tokens = pg("SELECT 'a\nb\nc',\n  x");
        Token x = tokens.get(tokens.size() - 1);
        assertThat(x.text()).isEqualTo("x");
        assertThat(x.line()).isEqualTo(4);
        assertThat(x.column()).isEqualTo(3);
    }

    @Test
    void unterminatedStringIsSeenAndRunsToTheEnd() {
        Lexer lexer = new Lexer("SELECT 'abc; SELECT 2", Dialect.POSTGRESQL);
        lexer.next();
        Token s = lexer.next();
        assertThat(s.text()).isEqualTo("'abc; SELECT 2");
        assertThat(lexer.sawUnterminated()).isTrue();
    }

    @Test
    void castOperatorIsNotAParameter() {
        assertThat(pg("x::int, :name")).extracting(Token::type, Token::text).containsExactly(
                tuple(TokenType.WORD, "x"),
                tuple(TokenType.SYMBOL, "::"),
                tuple(TokenType.WORD, "int"),
                tuple(TokenType.SYMBOL, ","),
                tuple(TokenType.PARAMETER, ":name"));
    }
}
