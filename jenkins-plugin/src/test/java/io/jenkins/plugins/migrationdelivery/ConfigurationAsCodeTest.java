package io.jenkins.plugins.migrationdelivery;

import io.jenkins.plugins.casc.ConfigurationAsCode;
import io.jenkins.plugins.casc.ConfigurationContext;
import io.jenkins.plugins.casc.ConfiguratorRegistry;
import io.jenkins.plugins.casc.misc.ConfiguredWithCode;
import io.jenkins.plugins.casc.misc.JenkinsConfiguredWithCodeRule;
import io.jenkins.plugins.casc.misc.junit.jupiter.WithJenkinsConfiguredWithCode;
import io.jenkins.plugins.casc.model.Mapping;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kohsuke.stapler.DataBoundSetter;

import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static io.jenkins.plugins.casc.misc.Util.getUnclassifiedRoot;
import static io.jenkins.plugins.casc.misc.Util.toYamlString;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The global configuration through configuration-as-code: configuration-as-code.yml (beside this
 * class in the test resources) sets every setting to a value other than its default; each must be
 * read, exported under {@code unclassified: migrationDelivery:}, and the export must read back to
 * the same configuration.
 */
@WithJenkinsConfiguredWithCode
class ConfigurationAsCodeTest {

    private static final String APPROVAL_POLICY = "approvers: [group:dba, alice]\n"
            + "required: {additive: 0, backfill: 1, destructive: 2}\n";

    /** Every setting's value as the YAML gives it, by the name JCasC uses (the @DataBoundSetter's property). */
    private static final Map<String, String> CONFIGURED = new LinkedHashMap<>();

    static {
        CONFIGURED.put("maxWriteBlockingMs", "150");
        CONFIGURED.put("maxBlockedMs", "900");
        CONFIGURED.put("productionUrl", "jdbc:postgresql://prod-db:5432/orders");
        CONFIGURED.put("approvalPolicy", APPROVAL_POLICY);
        CONFIGURED.put("auditLog", "/mnt/shared/migration-delivery/approvals.jsonl");
        CONFIGURED.put("reportRetentionBuilds", "20");
        CONFIGURED.put("reportRetentionDays", "90");
    }

    /** The settings the configuration page and JCasC know: its @DataBoundSetter properties. */
    private static Set<String> settings() {
        return Arrays.stream(MigrationDeliveryConfiguration.class.getMethods())
                .filter(m -> m.isAnnotationPresent(DataBoundSetter.class))
                .map(Method::getName)
                .map(name -> name.substring(3, 4).toLowerCase(Locale.ROOT) + name.substring(4))
                .collect(Collectors.toSet());
    }

    private static void assertConfigured(MigrationDeliveryConfiguration c) {
        assertThat(c.getMaxWriteBlockingMs()).isEqualTo(150);
        assertThat(c.getMaxBlockedMs()).isEqualTo(900);
        assertThat(c.getProductionUrl()).isEqualTo("jdbc:postgresql://prod-db:5432/orders");
        assertThat(c.getApprovalPolicy()).isEqualTo(APPROVAL_POLICY);
        assertThat(c.getAuditLog()).isEqualTo("/mnt/shared/migration-delivery/approvals.jsonl");
        assertThat(c.getReportRetentionBuilds()).isEqualTo(20);
        assertThat(c.getReportRetentionDays()).isEqualTo(90);
    }

    @Test
    void theTestCoversEverySetting() {
        assertThat(CONFIGURED.keySet()).as("a new setting needs a line in configuration-as-code.yml and here")
                .containsExactlyInAnyOrderElementsOf(settings());
    }

    @Test
    @ConfiguredWithCode("configuration-as-code.yml")
    void everySettingIsRead(JenkinsConfiguredWithCodeRule r) {
        assertConfigured(MigrationDeliveryConfiguration.get());
        assertThat(MigrationDeliveryConfiguration.get().reportRetention().describe())
                .isEqualTo("the newest 20 builds, at most 90 days");
    }

    @Test
    @ConfiguredWithCode("configuration-as-code.yml")
    void everySettingIsExportedAndTheExportReadsBackTheSame(JenkinsConfiguredWithCodeRule r, @TempDir Path dir)
            throws Exception {
        ConfigurationContext context = new ConfigurationContext(ConfiguratorRegistry.get());
        Mapping exported = getUnclassifiedRoot(context).get("migrationDelivery").asMapping();

        Map<String, String> values = new LinkedHashMap<>();
        for (String setting : CONFIGURED.keySet()) {
            assertThat(exported).as("exported settings").containsKey(setting);
            values.put(setting, exported.get(setting).asScalar().getValue());
        }
        assertThat(values).isEqualTo(CONFIGURED);
        assertThat(exported.keySet()).containsExactlyInAnyOrderElementsOf(settings());

        // Back to the defaults, then the export alone must bring every value back.
        MigrationDeliveryConfiguration c = MigrationDeliveryConfiguration.get();
        c.setMaxWriteBlockingMs(200);
        c.setMaxBlockedMs(0);
        c.setProductionUrl("");
        c.setApprovalPolicy("");
        c.setAuditLog("");
        c.setReportRetentionBuilds(0);
        c.setReportRetentionDays(0);
        Path yaml = dir.resolve("exported.yml");
        Files.writeString(yaml, "unclassified:\n  migrationDelivery:\n" + toYamlString(exported).indent(4),
                StandardCharsets.UTF_8);
        ConfigurationAsCode.get().configure(yaml.toUri().toString());

        assertConfigured(MigrationDeliveryConfiguration.get());
    }
}
