package io.github.migrationdelivery.engine.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** A position in a statement's significant tokens, with the small moves the recogniser needs. */
public final class Cursor {

    private final List<Token> tokens;
    private final int end;
    private int index;

    Cursor(List<Token> tokens) {
        this(tokens, 0, tokens.size());
    }

    Cursor(List<Token> tokens, int start, int end) {
        this.tokens = tokens;
        this.index = start;
        this.end = end;
    }

    boolean done() {
        return index >= end;
    }

    Token peek() {
        return peek(0);
    }

    Token peek(int ahead) {
        int i = index + ahead;
        return i < end ? tokens.get(i) : null;
    }

    Token next() {
        return index < end ? tokens.get(index++) : null;
    }

    int index() {
        return index;
    }

    /**
     * True when the next token is this keyword or symbol. Most checks test one word; this
     * overload spares them a varargs array per call, which the C1 compiler of a short CLI run
     * does not optimise away.
     */
    boolean at(String word) {
        Token t = peek();
        return t != null && matches(t, word);
    }

    /** Consumes the keyword or symbol when it is next (one word, without a varargs array). */
    boolean accept(String word) {
        if (at(word)) {
            index++;
            return true;
        }
        return false;
    }

    /** True when the next tokens are these keywords (a single word may be a symbol such as "("). */
    boolean at(String... words) {
        for (int k = 0; k < words.length; k++) {
            Token t = peek(k);
            if (t == null || !matches(t, words[k])) {
                return false;
            }
        }
        return true;
    }

    /** Consumes the keywords when they are next. */
    boolean accept(String... words) {
        if (at(words)) {
            index += words.length;
            return true;
        }
        return false;
    }

    /** Consumes the first of the given single keywords that is next and returns it upper-cased, or null. */
    String acceptAny(String... words) {
        Token t = peek();
        if (t == null) {
            return null;
        }
        for (String w : words) {
            if (matches(t, w)) {
                index++;
                return w;
            }
        }
        return null;
    }

    private static boolean matches(Token t, String word) {
        if (t.type() == TokenType.WORD) {
            return t.text().equalsIgnoreCase(word);
        }
        return t.type() == TokenType.SYMBOL && t.text().equals(word);
    }

    /** Reads [db.]schema.name; null when no identifier is next. */
    QualifiedName name() {
        Token first = peek();
        if (first == null || !first.isIdentifier()) {
            return null;
        }
        index++;
        String a = first.identifier();
        if (at(".") && peek(1) != null && peek(1).isIdentifier()) {
            index++;
            String b = next().identifier();
            if (at(".") && peek(1) != null && peek(1).isIdentifier()) {
                index++;
                return new QualifiedName(b, next().identifier());
            }
            return new QualifiedName(a, b);
        }
        return QualifiedName.of(a);
    }

    /** Reads a comma-separated list of names (DROP TABLE a, b). */
    List<QualifiedName> names() {
        List<QualifiedName> names = new ArrayList<>();
        QualifiedName n = name();
        while (n != null) {
            names.add(n);
            if (at("(")) {
                skipBalanced(); // DROP FUNCTION f(int)
            }
            if (!accept(",")) {
                break;
            }
            n = name();
        }
        return names;
    }

    /** At "(": moves past the matching ")". Returns the index of the first token inside. */
    int skipBalanced() {
        int inside = index + 1;
        int depth = 0;
        while (index < end) {
            Token t = tokens.get(index++);
            if (t.isSymbol("(")) {
                depth++;
            } else if (t.isSymbol(")")) {
                depth--;
                if (depth == 0) {
                    break;
                }
            }
        }
        return inside;
    }

    /** At "(": the tokens inside the parentheses, consumed. */
    List<Token> parenthesized() {
        int inside = skipBalanced();
        int close = Math.max(inside, index - 1);
        return tokens.subList(inside, close);
    }

    /** At "(": the folded names of a column list, skipping ASC/DESC, opclasses and expressions' details. */
    List<String> columnList() {
        List<String> columns = new ArrayList<>();
        for (List<Token> item : splitTopLevel(parenthesized())) {
            if (!item.isEmpty()) {
                Token t = item.get(0);
                columns.add(t.isIdentifier() && (item.size() == 1 || !item.get(1).isSymbol("("))
                        ? t.identifier() : text(item));
            }
        }
        return columns;
    }

    /** Tokens from here up to (not including) the first token at depth 0 matching {@code stop}; consumed. */
    List<Token> until(Predicate<Token> stop) {
        int start = index;
        int depth = 0;
        while (index < end) {
            Token t = tokens.get(index);
            if (depth == 0 && stop.test(t)) {
                break;
            }
            if (t.isSymbol("(") || t.isSymbol("[")) {
                depth++;
            } else if (t.isSymbol(")") || t.isSymbol("]")) {
                depth--;
            }
            index++;
        }
        return tokens.subList(start, index);
    }

    /** The tokens from {@code start} up to the current position. */
    List<Token> since(int start) {
        return tokens.subList(start, index);
    }

    /** The rest of the tokens, consumed. */
    List<Token> rest() {
        List<Token> rest = tokens.subList(index, end);
        index = end;
        return rest;
    }

    /** True when a word appears at parenthesis depth 0 anywhere from here on (nothing consumed). */
    boolean containsAtTopLevel(String word) {
        int depth = 0;
        for (int i = index; i < end; i++) {
            Token t = tokens.get(i);
            if (t.isSymbol("(")) {
                depth++;
            } else if (t.isSymbol(")")) {
                depth--;
            } else if (depth == 0 && t.is(word)) {
                return true;
            }
        }
        return false;
    }

    /** Splits tokens at commas of depth 0. */
    public static List<List<Token>> splitTopLevel(List<Token> tokens) {
        List<List<Token>> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.isSymbol("(") || t.isSymbol("[")) {
                depth++;
            } else if (t.isSymbol(")") || t.isSymbol("]")) {
                depth--;
            } else if (depth == 0 && t.isSymbol(",")) {
                parts.add(tokens.subList(start, i));
                start = i + 1;
            }
        }
        if (start < tokens.size()) {
            parts.add(tokens.subList(start, tokens.size()));
        }
        return parts;
    }

    /** Tokens joined with single spaces where the source had space (good enough for messages). */
    static String text(List<Token> tokens) {
        StringBuilder sb = new StringBuilder();
        Token previous = null;
        for (Token t : tokens) {
            if (previous != null && t.offset() > previous.endOffset()) {
                sb.append(' ');
            }
            sb.append(t.text());
            previous = t;
        }
        return sb.toString();
    }
}
