package io.github.migrationdelivery.engine.lint.rules.postgres;

import io.github.migrationdelivery.engine.plan.Dialect;
import io.github.migrationdelivery.engine.sql.Lexer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class VolatilityTest {

    private static Volatility.Kind of(String expression) {
        return Volatility.of(Lexer.significant(expression, Dialect.POSTGRESQL)).kind();
    }

    @Test
    void volatileBuiltIns() {
        assertThat(of("gen_random_uuid()")).isEqualTo(Volatility.Kind.VOLATILE);
        assertThat(of("public.uuid_generate_v4()")).isEqualTo(Volatility.Kind.VOLATILE);
        assertThat(of("nextval('orders_id_seq'::regclass)")).isEqualTo(Volatility.Kind.VOLATILE);
        assertThat(of("(random() * 100)::int")).isEqualTo(Volatility.Kind.VOLATILE);
        assertThat(of("clock_timestamp()")).isEqualTo(Volatility.Kind.VOLATILE);
    }

    @Test
    void stableAndConstantDefaults() {
        assertThat(of("now()")).isEqualTo(Volatility.Kind.STABLE);
        assertThat(of("CURRENT_TIMESTAMP")).isEqualTo(Volatility.Kind.STABLE);
        assertThat(of("now() + interval '1 day'")).isEqualTo(Volatility.Kind.STABLE);
        assertThat(of("'pending'")).isEqualTo(Volatility.Kind.IMMUTABLE);
        assertThat(of("'{}'::jsonb")).isEqualTo(Volatility.Kind.IMMUTABLE);
        assertThat(of("0::numeric(10,2)")).isEqualTo(Volatility.Kind.IMMUTABLE);
        assertThat(of("CAST(0 AS numeric(10,2))")).isEqualTo(Volatility.Kind.IMMUTABLE);
    }

    @Test
    void userFunctionsAreUnknown() {
        Volatility v = Volatility.of(Lexer.significant("make_code(42)", Dialect.POSTGRESQL));
        assertThat(v.kind()).isEqualTo(Volatility.Kind.UNKNOWN);
        assertThat(v.function()).isEqualTo("make_code()");
    }
}
