package io.github.migrationdelivery.engine.snapshot;

import io.github.migrationdelivery.engine.EngineException;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Small, careful edits of {@code jdbc:postgresql://} and {@code jdbc:mariadb://} / {@code jdbc:mysql://}
 * URLs: the database name, and the secrets a URL may carry (user info, {@code password=}).
 */
public final class JdbcUrls {

    // jdbc:<subprotocol>://[user[:password]@]hostlist[/database][?params]
    private static final Pattern URL = Pattern.compile(
            "^jdbc:(postgresql|mariadb|mysql)://(?:([^/@?]*)@)?([^/?]*)(?:/([^?]*))?(?:\\?(.*))?$");
    private static final Pattern PASSWORD_PARAM = Pattern.compile("(?i)(^|&)password=[^&]*");

    private JdbcUrls() {
    }

    /** The parts of a URL; {@code userInfo}, {@code database} and {@code params} may be empty. */
    public record Parts(String subprotocol, String userInfo, String hosts, String database, String params) {
        public String url() {
            StringBuilder sb = new StringBuilder("jdbc:").append(subprotocol).append("://");
            if (!userInfo.isEmpty()) {
                sb.append(userInfo).append('@');
            }
            sb.append(hosts).append('/').append(database);
            if (!params.isEmpty()) {
                sb.append('?').append(params);
            }
            return sb.toString();
        }
    }

    public static Parts parse(String url) {
        Matcher m = URL.matcher(url == null ? "" : url.trim());
        if (!m.matches()) {
            throw EngineException.badInput("'" + withoutSecrets(url) + "' is not a jdbc:postgresql://, jdbc:mariadb:// or jdbc:mysql:// URL");
        }
        return new Parts(m.group(1), nz(m.group(2)), m.group(3), nz(m.group(4)), nz(m.group(5)));
    }

    public static String database(String url) {
        return parse(url).database();
    }

    public static String withDatabase(String url, String database) {
        Parts p = parse(url);
        return new Parts(p.subprotocol(), p.userInfo(), p.hosts(), database, p.params()).url();
    }

    /** The URL with any password removed: from user info and from a {@code password=} parameter. */
    public static String withoutSecrets(String url) {
        if (url == null) {
            return "";
        }
        String out = url.replaceAll("(//[^/@:?]*):[^/@?]*@", "$1@");
        int q = out.indexOf('?');
        if (q >= 0) {
            String params = PASSWORD_PARAM.matcher(out.substring(q + 1)).replaceAll("$1password=****");
            out = out.substring(0, q + 1) + params;
        }
        return out;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
