package io.github.migrationdelivery.engine.config;

import io.github.migrationdelivery.engine.EngineException;
import io.github.migrationdelivery.engine.approval.ApprovalPolicy;
import io.github.migrationdelivery.engine.lint.ChangeClass;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigLoaderApprovalTest {

    @TempDir
    Path dir;

    private Path write(String yaml) throws IOException {
        return Files.writeString(dir.resolve(".migration-delivery.yml"), yaml);
    }

    @Test
    void readsTheApprovalSectionOverTheDefaults() throws IOException {
        ApprovalPolicy p = ConfigLoader.read(write("""
                approval:
                  approvers: [Alice, "group:dba"]
                  groups: {dba: [Bob, carol]}
                  required: {destructive: 3}
                  botPatterns: ["ci-*"]
                  auditLog: audit/decisions.jsonl
                """)).approval();
        assertThat(p.approvers()).containsExactly("alice", "group:dba");
        assertThat(p.groups().get("dba")).containsExactlyInAnyOrder("bob", "carol");
        assertThat(p.required(ChangeClass.DESTRUCTIVE)).isEqualTo(3);
        assertThat(p.required(ChangeClass.BACKFILL)).isEqualTo(1);
        assertThat(p.required(ChangeClass.ADDITIVE)).isZero();
        assertThat(p.botPatterns()).containsAll(ApprovalPolicy.DEFAULT_BOT_PATTERNS).contains("ci-*");
        assertThat(p.botPattern("ci-runner")).hasValue("ci-*");
        assertThat(p.auditLog()).isEqualTo(Path.of("audit/decisions.jsonl"));
    }

    @Test
    void withoutTheSectionNobodyMayApproveAndTheDefaultsHold() {
        ApprovalPolicy p = ProjectConfig.empty().approval();
        assertThat(p.approvers()).isEmpty();
        assertThat(p.required(ChangeClass.DESTRUCTIVE)).isEqualTo(2);
        assertThat(p.refusal("alice", List.of(), List.of())).hasValueSatisfying(r -> assertThat(r).contains("none configured"));
        assertThat(p.auditLog()).isEqualTo(ApprovalPolicy.DEFAULT_AUDIT_LOG);
    }

    @Test
    void unknownKeysAndBadCountsAreErrorsNamingTheSetting() throws IOException {
        assertThatThrownBy(() -> ConfigLoader.read(write("approval:\n  approver: [alice]\n")))
                .hasMessageContaining("unknown setting 'approval.approver'").hasMessageContaining("approvers");
        assertThatThrownBy(() -> ConfigLoader.read(write("approval:\n  required: {destructve: 2}\n")))
                .hasMessageContaining("unknown setting 'approval.required.destructve'");
        assertThatThrownBy(() -> ConfigLoader.read(write("approval:\n  required: {backfill: -1}\n")))
                .hasMessageContaining("approval.required.backfill must be a whole number of approvals, 0 or more");
        assertThatThrownBy(() -> ConfigLoader.read(write("approval:\n  approvers: alice\n")))
                .hasMessageContaining("approval.approvers must be a list");
    }

    @Test
    void aPolicyGivenAsTextReadsLikeTheSection() {
        ApprovalPolicy p = ConfigLoader.approvalPolicy("approvers: [group:dba]\nrequired: {destructive: 3}\n", "Jenkins: approvalPolicy");
        assertThat(p.approvers()).containsExactly("group:dba");
        assertThat(p.required(ChangeClass.DESTRUCTIVE)).isEqualTo(3);
        assertThat(ConfigLoader.approvalPolicy("", "Jenkins: approvalPolicy").approvers()).isEmpty();
        assertThatThrownBy(() -> ConfigLoader.approvalPolicy("approvers: [a\n", "Jenkins: approvalPolicy"))
                .isInstanceOfSatisfying(EngineException.class, e ->
                        assertThat(e.oneLine()).contains("Jenkins: approvalPolicy").contains("malformed YAML"));
        assertThatThrownBy(() -> ConfigLoader.approvalPolicy("approver: [a]", "Jenkins: approvalPolicy"))
                .hasMessageContaining("approval.approver");
    }

    @Test
    void riskClassesParseByTheirIds() {
        assertThat(ChangeClass.parse("destructive", "classification")).isEqualTo(ChangeClass.DESTRUCTIVE);
        assertThatThrownBy(() -> ChangeClass.parse("risky", "classification")).hasMessageContaining("classification: unknown risk class 'risky'");
    }
}
