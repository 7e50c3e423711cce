package io.github.migrationdelivery.engine.source;

import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a Flyway script's file name says: {@code V<version>__<description>.sql} (versioned),
 * {@code U<version>__<description>.sql} (undo of that version) or {@code R__<description>.sql}
 * (repeatable).
 *
 * @param type        V, U or R
 * @param version     the version with {@code _} read as {@code .} ("1.10"); empty for repeatables
 * @param description the description with {@code _} read as a space
 */
record MigrationName(char type, String version, String description) {

    private static final Pattern VERSIONED = Pattern.compile("([VU])(\\d+(?:[._]\\d+)*)__(.*)\\.sql");
    private static final Pattern REPEATABLE = Pattern.compile("R__(.*)\\.sql");

    /** The Flyway reading of {@code fileName}, or null when it does not follow Flyway naming. */
    static MigrationName parse(String fileName) {
        Matcher m = VERSIONED.matcher(fileName);
        if (m.matches()) {
            return new MigrationName(m.group(1).charAt(0), m.group(2).replace('_', '.'), description(m.group(3)));
        }
        m = REPEATABLE.matcher(fileName);
        if (m.matches()) {
            return new MigrationName('R', "", description(m.group(1)));
        }
        return null;
    }

    /**
     * True for a name that looks meant for Flyway but does not follow it (such as
     * {@code V1_init.sql}); used only to word the error for folders mixing both styles.
     */
    static boolean looksVersioned(String fileName) {
        return fileName.length() > 1 && (fileName.charAt(0) == 'V' || fileName.charAt(0) == 'U')
                && Character.isDigit(fileName.charAt(1));
    }

    private static String description(String raw) {
        return raw.replace('_', ' ');
    }

    boolean versioned() {
        return type == 'V';
    }

    boolean undo() {
        return type == 'U';
    }

    boolean repeatable() {
        return type == 'R';
    }

    /** Flyway's order: numeric part by part, so 1.2 &lt; 1.9 &lt; 1.10; 1 and 1.0 are the same version. */
    static final Comparator<String> VERSION_ORDER = MigrationName::compareVersions;

    static int compareVersions(String a, String b) {
        // Part by part without splitting: a folder of thousands of scripts sorts with many comparisons.
        int i = 0;
        int j = 0;
        while (i < a.length() || j < b.length()) {
            int ei = partEnd(a, i);
            int ej = partEnd(b, j);
            int c = compareNumbers(a, i, ei, b, j, ej); // a missing part is empty, which reads as 0
            if (c != 0) {
                return c;
            }
            i = ei + 1;
            j = ej + 1;
        }
        return 0;
    }

    private static int partEnd(String version, int from) {
        if (from >= version.length()) {
            return from;
        }
        int dot = version.indexOf('.', from);
        return dot < 0 ? version.length() : dot;
    }

    /** Compares the digit runs {@code x[xs, xe)} and {@code y[ys, ye)} as numbers of any length; an empty run is 0. */
    private static int compareNumbers(String x, int xs, int xe, String y, int ys, int ye) {
        while (xs < xe && x.charAt(xs) == '0') {
            xs++;
        }
        while (ys < ye && y.charAt(ys) == '0') {
            ys++;
        }
        if (xe - xs != ye - ys) {
            return Integer.compare(xe - xs, ye - ys);
        }
        for (; xs < xe; xs++, ys++) {
            if (x.charAt(xs) != y.charAt(ys)) {
                return Character.compare(x.charAt(xs), y.charAt(ys));
            }
        }
        return 0;
    }

    /** Natural order of names: digit runs compare as numbers, so {@code 2_x.sql} comes before {@code 10_x.sql}. */
    static final Comparator<String> NATURAL_ORDER = MigrationName::compareNatural;

    static int compareNatural(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            char ca = a.charAt(i);
            char cb = b.charAt(j);
            if (Character.isDigit(ca) && Character.isDigit(cb)) {
                int ei = i;
                while (ei < a.length() && Character.isDigit(a.charAt(ei))) {
                    ei++;
                }
                int ej = j;
                while (ej < b.length() && Character.isDigit(b.charAt(ej))) {
                    ej++;
                }
                int c = compareNumbers(a, i, ei, b, j, ej);
                if (c != 0) {
                    return c;
                }
                i = ei;
                j = ej;
            } else {
                if (ca != cb) {
                    return Character.compare(ca, cb);
                }
                i++;
                j++;
            }
        }
        int c = Integer.compare(a.length() - i, b.length() - j);
        return c != 0 ? c : a.compareTo(b);
    }
}
