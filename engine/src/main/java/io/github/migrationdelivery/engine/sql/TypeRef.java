package io.github.migrationdelivery.engine.sql;

import java.util.List;

/**
 * A column type, with its name canonicalised ({@code int4}, {@code int} and {@code integer} are
 * all {@code integer}; {@code character varying} is {@code varchar}; {@code timestamp with time
 * zone} is {@code timestamptz}) so rules compare names, not spellings.
 *
 * @param args  the modifiers in parentheses as written: {@code varchar(20)} has ["20"]
 * @param array true for {@code text[]}
 * @param text  the type as written
 */
public record TypeRef(String name, List<String> args, boolean array, String text) {

    public TypeRef {
        args = List.copyOf(args);
    }

    /** The first modifier as a number, or -1 (varchar without length, text). */
    public int length() {
        if (args.isEmpty()) {
            return -1;
        }
        try {
            return Integer.parseInt(args.get(0).trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    @Override
    public String toString() {
        return text;
    }
}
