package io.github.migrationdelivery.engine.lint.rules.postgres;

import io.github.migrationdelivery.engine.sql.TypeRef;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ChangingColumnTypeTest {

    private static TypeRef type(String name, String... args) {
        return new TypeRef(name, List.of(args), false, name);
    }

    @Test
    void binaryCoercibleChanges() {
        assertThat(ChangingColumnType.binaryCoercible(type("varchar", "20"), type("varchar", "50"))).isTrue();
        assertThat(ChangingColumnType.binaryCoercible(type("varchar", "20"), type("varchar"))).isTrue();
        assertThat(ChangingColumnType.binaryCoercible(type("varchar", "20"), type("text"))).isTrue();
        assertThat(ChangingColumnType.binaryCoercible(type("text"), type("varchar"))).isTrue();
        assertThat(ChangingColumnType.binaryCoercible(type("numeric", "10", "2"), type("numeric", "14", "2"))).isTrue();
        assertThat(ChangingColumnType.binaryCoercible(type("cidr"), type("inet"))).isTrue();
        assertThat(ChangingColumnType.binaryCoercible(type("timestamp", "0"), type("timestamp", "3"))).isTrue();
        assertThat(ChangingColumnType.binaryCoercible(type("timestamptz", "3"), type("timestamptz"))).isTrue();
    }

    @Test
    void rewritingChanges() {
        assertThat(ChangingColumnType.binaryCoercible(type("varchar", "50"), type("varchar", "20"))).isFalse();
        assertThat(ChangingColumnType.binaryCoercible(type("text"), type("varchar", "20"))).isFalse();
        assertThat(ChangingColumnType.binaryCoercible(type("numeric", "10", "2"), type("numeric", "14", "4"))).isFalse();
        assertThat(ChangingColumnType.binaryCoercible(type("integer"), type("bigint"))).isFalse();
        assertThat(ChangingColumnType.binaryCoercible(type("timestamp"), type("timestamp", "3"))).isFalse();
        assertThat(ChangingColumnType.binaryCoercible(type("timestamp"), type("timestamptz"))).isFalse();
    }
}
