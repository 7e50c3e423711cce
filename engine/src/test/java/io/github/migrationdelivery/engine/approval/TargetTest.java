package io.github.migrationdelivery.engine.approval;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TargetTest {

    @Test
    void keepsHostPortAndDatabaseOnlyWithoutSecrets() {
        Target t = Target.of("jdbc:postgresql://deploy:s3cret@DB.Example.com/orders?password=x&ssl=true");
        assertThat(t.id()).isEqualTo("postgresql://db.example.com:5432/orders").doesNotContain("s3cret");
        assertThat(Target.of("jdbc:mariadb://db:3307/orders").id()).isEqualTo("mysql://db:3307/orders");
        assertThat(Target.of("jdbc:mysql://a,b:3307/shop").id()).isEqualTo("mysql://a:3306,b:3307/shop");
    }

    @Test
    void aUrlWithoutDatabaseIsBadInput() {
        assertThatThrownBy(() -> Target.of("jdbc:postgresql://db:5432/")).hasMessageContaining("names no database");
    }
}
