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
        String[] pa = a.split("\\.");
        String[] pb = b.split("\\.");
        for (int i = 0; i < Math.max(pa.length, pb.length); i++) {
            String x = i < pa.length ? pa[i] : "0";
            String y = i < pb.length ? pb[i] : "0";
            int c = compareNumbers(x, y);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    /** Compares two digit strings of any length as numbers. */
    static int compareNumbers(String x, String y) {
        x = stripLeadingZeros(x);
        y = stripLeadingZeros(y);
        return x.length() != y.length() ? Integer.compare(x.length(), y.length()) : x.compareTo(y);
    }

    private static String stripLeadingZeros(String s) {
        int i = 0;
        while (i < s.length() - 1 && s.charAt(i) == '0') {
            i++;
        }
        return s.substring(i);
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
                int c = compareNumbers(a.substring(i, ei), b.substring(j, ej));
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
