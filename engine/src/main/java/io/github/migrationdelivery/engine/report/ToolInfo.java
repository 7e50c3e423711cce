package io.github.migrationdelivery.engine.report;

import io.github.migrationdelivery.engine.lint.RuleInfo;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

/**
 * What reports say about the tool itself.
 *
 * @param version         the tool's version ({@code dev} when unknown)
 * @param informationUri  the project's home page; absolute, or empty to omit it
 * @param ruleDocsBaseUri absolute URI that {@link RuleInfo#docPath()} resolves against (for example
 *                        {@code https://github.com/owner/repo/blob/main/}); empty to omit links.
 *                        SARIF requires absolute URIs for {@code helpUri}, so there is no relative fallback.
 */
public record ToolInfo(String version, Optional<URI> informationUri, Optional<URI> ruleDocsBaseUri) {

    public static final String NAME = "migration-delivery";
    private static final String RESOURCE = "/migration-delivery-version.properties";

    public ToolInfo {
        Objects.requireNonNull(version, "version");
        informationUri = informationUri == null ? Optional.empty() : informationUri;
        ruleDocsBaseUri = ruleDocsBaseUri == null ? Optional.empty() : ruleDocsBaseUri;
    }

    /** A tool description with a version and no links (for tests and embedders). */
    public static ToolInfo of(String version) {
        return new ToolInfo(version, Optional.empty(), Optional.empty());
    }

    /** This build, as described by the Maven-filtered {@code migration-delivery-version.properties}. */
    public static ToolInfo current() {
        Properties p = new Properties();
        try (InputStream in = ToolInfo.class.getResourceAsStream(RESOURCE)) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // A missing or unreadable version file must not stop a report; "dev" says enough.
        }
        String version = value(p, "version");
        if (version == null) {
            version = ToolInfo.class.getPackage().getImplementationVersion();
        }
        return new ToolInfo(version == null ? "dev" : version,
                absoluteUri(value(p, "informationUri")), absoluteUri(value(p, "ruleDocsBaseUri")));
    }

    /** The absolute address of a rule's page, when a docs base is known. */
    public Optional<URI> ruleDocUri(RuleInfo rule) {
        return ruleDocsBaseUri.map(base -> base.resolve(rule.docPath()));
    }

    private static String value(Properties p, String key) {
        String v = p.getProperty(key, "").trim();
        // An unfiltered placeholder means the file was not processed by Maven (running from an IDE).
        return v.isEmpty() || v.contains("${") ? null : v;
    }

    private static Optional<URI> absoluteUri(String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(text);
            return uri.isAbsolute() ? Optional.of(uri) : Optional.empty();
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }
}
