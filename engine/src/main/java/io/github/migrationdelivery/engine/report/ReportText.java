package io.github.migrationdelivery.engine.report;

import io.github.migrationdelivery.engine.lint.FailLevel;
import io.github.migrationdelivery.engine.plan.SourcePosition;

import java.util.Locale;

/** Text shaping that several formats share, so they show the same path and statement. */
final class ReportText {

    static final int STATEMENT_WIDTH = 100;

    private ReportText() {
    }

    /** The fail level as users write it in settings: {@code error}, {@code warning}, {@code never}. */
    static String id(FailLevel level) {
        return level.name().toLowerCase(Locale.ROOT);
    }

    /** The file as the user gave it, with forward slashes on every platform. */
    static String path(SourcePosition position) {
        return position.file().toString().replace('\\', '/');
    }

    /**
     * Replaces characters that must not reach a terminal or an XML document: C0 controls other
     * than tab, newline and carriage return, DEL, U+FFFE/U+FFFF and unpaired surrogates become a
     * visible {@code \\uXXXX}. The text stays readable and the original code point stays known.
     */
    static String visible(String s) {
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean bad;
            if (Character.isHighSurrogate(c)) {
                bad = i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1));
                if (!bad) {
                    if (b != null) {
                        b.append(c).append(s.charAt(i + 1));
                    }
                    i++;
                    continue;
                }
            } else {
                bad = c < 0x20 && c != '\t' && c != '\n' && c != '\r'
                        || c == 0x7F || c == 0xFFFE || c == 0xFFFF || Character.isLowSurrogate(c);
            }
            if (bad && b == null) {
                b = new StringBuilder(s.length() + 16).append(s, 0, i);
            }
            if (b != null) {
                if (bad) {
                    b.append(String.format("\\u%04X", (int) c));
                } else {
                    b.append(c);
                }
            }
        }
        return b == null ? s : b.toString();
    }

    /** One line of a statement for a log: its first non-blank line, cut to {@code width}, "..." when more follows. */
    static String statementLine(String statement, int width) {
        String text = statement.strip();
        int eol = text.indexOf('\n');
        boolean more = eol >= 0;
        String line = (more ? text.substring(0, eol) : text).strip();
        if (line.length() > width) {
            return line.substring(0, width - 3) + "...";
        }
        return more ? line + " ..." : line;
    }

    /** {@code \r\n} and lone {@code \r} as {@code \n}, so a message cannot overwrite a log line. */
    static String unixLines(String s) {
        return s.indexOf('\r') < 0 ? s : s.replace("\r\n", "\n").replace('\r', '\n');
    }
}
