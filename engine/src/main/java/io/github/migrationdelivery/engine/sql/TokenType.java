package io.github.migrationdelivery.engine.sql;

/** Lexical classes; whitespace is not a token. */
public enum TokenType {
    /** An unquoted identifier or keyword. */
    WORD,
    /** {@code "name"} (PostgreSQL, ANSI) or {@code `name`} (MySQL). */
    QUOTED_IDENTIFIER,
    /** {@code 'text'}, {@code E'text'}, {@code $tag$text$tag$}, and MySQL {@code "text"}. */
    STRING,
    NUMBER,
    /** {@code $1}, {@code :name}, {@code ?}. */
    PARAMETER,
    /** Punctuation and operators, including {@code ;}. */
    SYMBOL,
    LINE_COMMENT,
    BLOCK_COMMENT;

    public boolean isComment() {
        return this == LINE_COMMENT || this == BLOCK_COMMENT;
    }
}
