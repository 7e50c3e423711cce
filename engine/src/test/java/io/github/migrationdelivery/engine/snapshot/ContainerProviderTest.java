package io.github.migrationdelivery.engine.snapshot;

import io.github.migrationdelivery.engine.EngineException;
import io.github.migrationdelivery.engine.plan.Dialect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.testcontainers.DockerClientFactory;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** testcontainers: runs only where Docker does (skipped on machines without it). */
class ContainerProviderTest {

    static boolean docker() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    static boolean noDocker() {
        return !docker();
    }

    @Test
    @EnabledIf("docker")
    void postgresContainerStartsAndIsRemovedOnClose() throws Exception {
        try (Snapshot s = Snapshots.provider("testcontainers:postgres:15", Dialect.POSTGRESQL, SnapshotOptions.of(Map.of())).open()) {
            assertThat(Databases.count(s.connection(), "SELECT 1")).isEqualTo(1);
        }
    }

    @Test
    @EnabledIf("docker")
    void mariadbContainerStarts() throws Exception {
        try (Snapshot s = Snapshots.provider("testcontainers:mariadb:10.11", Dialect.MARIADB, SnapshotOptions.of(Map.of())).open()) {
            assertThat(Databases.count(s.connection(), "SELECT 1")).isEqualTo(1);
        }
    }

    @Test
    @EnabledIf("noDocker")
    void withoutDockerOneLineNamesTheAlternatives() {
        assertThatThrownBy(() -> Snapshots.provider("testcontainers:postgres:15", Dialect.POSTGRESQL, SnapshotOptions.of(Map.of())).open())
                .isInstanceOfSatisfying(EngineException.class, e -> {
                    assertThat(e.kind()).isEqualTo(EngineException.Kind.DATABASE);
                    assertThat(e.oneLine()).contains("needs a running Docker engine", "template:", "dump:").doesNotContain("\n");
                });
    }

    @Test
    void unknownImageIsBadInput() {
        assertThatThrownBy(() -> Snapshots.provider("testcontainers:oracle:21", Dialect.POSTGRESQL, SnapshotOptions.of(Map.of())))
                .isInstanceOfSatisfying(EngineException.class, e -> assertThat(e.oneLine()).contains("postgres:<tag>"));
    }
}
