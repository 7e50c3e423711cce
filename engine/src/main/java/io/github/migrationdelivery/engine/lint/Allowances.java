package io.github.migrationdelivery.engine.lint;

import io.github.migrationdelivery.engine.plan.Dialect;
import io.github.migrationdelivery.engine.plan.SourcePosition;
import io.github.migrationdelivery.engine.sql.Lexer;
import io.github.migrationdelivery.engine.sql.Token;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code -- md:allow <rule-id>[,<rule-id>] <reason>} comments: on or above a statement they
 * allow that statement's findings of those rules; in a Liquibase changeset's comment they allow
 * them for the whole changeset. A reason is required, and an allowance that allows nothing is
 * reported, so suppressions stay accountable.
 */
final class Allowances {

    private static final Pattern ALLOW = Pattern.compile("md:allow\\s+([A-Za-z0-9_,-]+)[ \\t]*([^\\r\\n]*)");

    /** One allowance; {@code used} is set when it suppressed a finding. */
    static final class Allow {
        final Set<String> rules;
        final String reason;
        final SourcePosition position;
        boolean used;

        Allow(Set<String> rules, String reason, SourcePosition position) {
            this.rules = rules;
            this.reason = reason;
            this.position = position;
        }
    }

    private Allowances() {
    }

    /** Allowances in the comments of a statement's text; positions are in the statement's file. */
    static List<Allow> inStatement(String sql, SourcePosition statementPosition, Dialect dialect) {
        if (!sql.contains("md:allow")) {
            return List.of();
        }
        List<Allow> found = new ArrayList<>();
        List<Token> tokens = Lexer.tokenize(sql, dialect);
        int statementLine = firstSignificantLine(tokens);
        for (Token t : tokens) {
            if (t.type().isComment()) {
                // The statement's position is its first significant token's; comments sit above or beside it.
                SourcePosition at = statementPosition.line() == 0 ? statementPosition
                        : new SourcePosition(statementPosition.file(), statementPosition.line() + t.line() - statementLine, t.column());
                parse(t.text(), at, found);
            }
        }
        return found;
    }

    private static int firstSignificantLine(List<Token> tokens) {
        for (Token t : tokens) {
            if (!t.type().isComment()) {
                return t.line();
            }
        }
        return 1;
    }

    /** Allowances in free text, such as a Liquibase changeset comment. */
    static List<Allow> inText(String text, SourcePosition position) {
        if (text == null || !text.contains("md:allow")) {
            return List.of();
        }
        List<Allow> found = new ArrayList<>();
        parse(text, position, found);
        return found;
    }

    private static void parse(String text, SourcePosition position, List<Allow> into) {
        Matcher m = ALLOW.matcher(text);
        while (m.find()) {
            String reason = m.group(2).replaceAll("\\*/\\s*$", "").strip();
            Set<String> rules = new LinkedHashSet<>(Arrays.asList(m.group(1).split(",")));
            rules.remove("");
            into.add(new Allow(Set.copyOf(rules), reason, position));
        }
    }
}
