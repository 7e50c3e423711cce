package io.jenkins.plugins.migrationdelivery;

import hudson.Extension;
import hudson.ExtensionList;
import hudson.util.FormValidation;
import io.github.migrationdelivery.engine.report.ReportRetention;
import jenkins.model.GlobalConfiguration;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

import jenkins.model.Jenkins;

import java.io.File;

/**
 * The controller-wide defaults of the steps, configurable in Manage Jenkins and with JCasC:
 * <pre>
 * unclassified:
 *   migrationDelivery:
 *     maxWriteBlockingMs: 200
 *     productionUrl: "jdbc:postgresql://prod-db:5432/orders"
 *     approvalPolicy: |
 *       required: {additive: 0, backfill: 1, destructive: 2}
 *     auditLog: "/mnt/shared/migration-delivery/approvals.jsonl"
 *     reportRetentionBuilds: 20
 *     reportRetentionDays: 90
 * </pre>
 * A step's own argument wins over these. The report retention is applied by {@link ReportRetentionListener}.
 */
@Extension
@Symbol("migrationDelivery")
public class MigrationDeliveryConfiguration extends GlobalConfiguration {

    /** Longest a statement may hold a lock that blocks writes, in ms (the engine's default budget). */
    private long maxWriteBlockingMs = 200;
    /** Longest probe traffic may be blocked, in ms; 0: no separate limit. */
    private long maxBlockedMs;
    /** Production's JDBC URL: a snapshot or dry-run target that matches it is refused. */
    private String productionUrl = "";
    /** The {@code approval:} section of {@code .migration-delivery.yml}, as YAML: who approves what. */
    private String approvalPolicy = "";
    /** Where approvals are appended (tamper-evident JSON lines); empty: JENKINS_HOME/migration-delivery/approvals.jsonl. */
    private String auditLog = "";
    /** Report retention: the newest N builds of a job that have migration reports keep them; 0: no limit. */
    private int reportRetentionBuilds;
    /** Report retention: the reports of builds that finished more than D days ago are deleted; 0: no limit. */
    private int reportRetentionDays;

    public MigrationDeliveryConfiguration() {
        load();
    }

    public static MigrationDeliveryConfiguration get() {
        return ExtensionList.lookupSingleton(MigrationDeliveryConfiguration.class);
    }

    public long getMaxWriteBlockingMs() {
        return maxWriteBlockingMs;
    }

    @DataBoundSetter
    public void setMaxWriteBlockingMs(long maxWriteBlockingMs) {
        this.maxWriteBlockingMs = maxWriteBlockingMs;
        save();
    }

    public long getMaxBlockedMs() {
        return maxBlockedMs;
    }

    @DataBoundSetter
    public void setMaxBlockedMs(long maxBlockedMs) {
        this.maxBlockedMs = maxBlockedMs;
        save();
    }

    public String getProductionUrl() {
        return productionUrl;
    }

    @DataBoundSetter
    public void setProductionUrl(String productionUrl) {
        this.productionUrl = productionUrl == null ? "" : productionUrl.trim();
        save();
    }

    public String getApprovalPolicy() {
        return approvalPolicy;
    }

    @DataBoundSetter
    public void setApprovalPolicy(String approvalPolicy) {
        this.approvalPolicy = approvalPolicy == null ? "" : approvalPolicy;
        save();
    }

    public String getAuditLog() {
        return auditLog;
    }

    @DataBoundSetter
    public void setAuditLog(String auditLog) {
        this.auditLog = auditLog == null ? "" : auditLog.trim();
        save();
    }

    public int getReportRetentionBuilds() {
        return reportRetentionBuilds;
    }

    @DataBoundSetter
    public void setReportRetentionBuilds(int reportRetentionBuilds) {
        this.reportRetentionBuilds = notNegative(reportRetentionBuilds, "reportRetentionBuilds");
        save();
    }

    public int getReportRetentionDays() {
        return reportRetentionDays;
    }

    @DataBoundSetter
    public void setReportRetentionDays(int reportRetentionDays) {
        this.reportRetentionDays = notNegative(reportRetentionDays, "reportRetentionDays");
        save();
    }

    /** The report retention policy; both 0 (the default) keeps every report. */
    public ReportRetention reportRetention() {
        return new ReportRetention(reportRetentionBuilds, reportRetentionDays);
    }

    private static int notNegative(int value, String setting) {
        if (value < 0) {
            throw new IllegalArgumentException(Messages.Step_NotNegative(setting));
        }
        return value;
    }

    /** The audit log file on the controller. */
    public File auditLogFile() {
        return auditLog.isEmpty()
                ? new File(new File(Jenkins.get().getRootDir(), "migration-delivery"), "approvals.jsonl")
                : new File(auditLog);
    }

    @POST
    public FormValidation doCheckApprovalPolicy(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return Policies.validate(value);
    }

    @POST
    public FormValidation doCheckProductionUrl(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        if (value == null || value.isBlank() || value.startsWith("jdbc:")) {
            return FormValidation.ok();
        }
        return FormValidation.error(Messages.MigrationDeliveryConfiguration_NotJdbcUrl());
    }
}
