package io.github.migrationdelivery.engine.sql;

/** How statements are shown in reports, progress lines and messages. */
public final class SqlText {

    private SqlText() {
    }

    /**
     * The statement on one line: without the comments above it (md:allow reasons and file headers
     * say nothing about the statement), white space folded; longer than {@code limit} characters,
     * it is cut so that it ends in " ..." and still fits.
     */
    public static String excerpt(String sql, int limit) {
        int start = skipLeadingComments(sql);
        StringBuilder sb = new StringBuilder(Math.min(sql.length() - start, limit + 4));
        boolean space = false;
        for (int i = start; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c)) {
                space = sb.length() > 0;
                continue;
            }
            if (sb.length() >= limit) {
                sb.setLength(Math.max(0, limit - 4));
                return sb.toString().stripTrailing() + " ...";
            }
            if (space) {
                sb.append(' ');
                space = false;
            }
            sb.append(c);
        }
        return sb.toString();
    }

    // No statement starts with an operator, so "--", "#" and "/*" at the start are comments in every dialect.
    private static int skipLeadingComments(String sql) {
        int i = 0;
        while (true) {
            while (i < sql.length() && Character.isWhitespace(sql.charAt(i))) {
                i++;
            }
            if (sql.startsWith("--", i) || sql.startsWith("#", i)) {
                int nl = sql.indexOf('\n', i);
                i = nl < 0 ? sql.length() : nl + 1;
            } else if (sql.startsWith("/*", i)) {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? sql.length() : end + 2;
            } else {
                return i;
            }
        }
    }
}
