package io.jenkins.plugins.migrationdelivery;

import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@WithJenkins
class MigrationDeliveryConfigurationTest {

    @Test
    void everySettingSurvivesTheConfigurationForm(JenkinsRule j) throws Exception {
        MigrationDeliveryConfiguration c = MigrationDeliveryConfiguration.get();
        c.setMaxWriteBlockingMs(150);
        c.setMaxBlockedMs(900);
        c.setProductionUrl("jdbc:postgresql://prod-db:5432/orders");
        c.setApprovalPolicy("required: {destructive: 2}");
        c.setAuditLog("/mnt/shared/migration-delivery/approvals.jsonl");
        c.setReportRetentionBuilds(20);
        c.setReportRetentionDays(90);

        j.configRoundtrip();

        c = MigrationDeliveryConfiguration.get();
        assertThat(c.getMaxWriteBlockingMs()).isEqualTo(150);
        assertThat(c.getMaxBlockedMs()).isEqualTo(900);
        assertThat(c.getProductionUrl()).isEqualTo("jdbc:postgresql://prod-db:5432/orders");
        assertThat(c.getApprovalPolicy()).isEqualTo("required: {destructive: 2}");
        assertThat(c.getAuditLog()).isEqualTo("/mnt/shared/migration-delivery/approvals.jsonl");
        assertThat(c.getReportRetentionBuilds()).isEqualTo(20);
        assertThat(c.getReportRetentionDays()).isEqualTo(90);
        assertThat(c.reportRetention().describe()).isEqualTo("the newest 20 builds, at most 90 days");
    }

    @Test
    void aNegativeRetentionIsRefusedNamingTheSetting(JenkinsRule j) {
        MigrationDeliveryConfiguration c = MigrationDeliveryConfiguration.get();

        assertThatThrownBy(() -> c.setReportRetentionDays(-1)).hasMessage("The parameter 'reportRetentionDays' must be 0 or more.");
        assertThat(c.getReportRetentionDays()).isZero();
        assertThat(c.reportRetention().keepsAll()).isTrue();
    }
}
