package io.github.migrationdelivery.engine.lint.rules.postgres;

import io.github.migrationdelivery.engine.sql.Token;
import io.github.migrationdelivery.engine.sql.TokenType;

import java.util.ArrayList;
import java.util.List;

/** The enum labels an ALTER TYPE statement names, as written (with quotes), in order. */
final class EnumValues {

    private EnumValues() {
    }

    static List<String> in(List<Token> tokens) {
        List<String> labels = new ArrayList<>();
        for (Token t : tokens) {
            if (t.type() == TokenType.STRING) {
                labels.add(t.text());
            }
        }
        return labels;
    }
}
