package io.github.migrationdelivery.engine.report;

import io.github.migrationdelivery.engine.EngineException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LintFormatTest {

    @Test
    void parsesIdsIgnoringCaseAndSpace() {
        assertThat(LintFormat.parse(" SARIF ", "--format")).isEqualTo(LintFormat.SARIF);
        assertThat(LintFormat.parse("junit", "--format")).isEqualTo(LintFormat.JUNIT);
        assertThat(LintFormat.parse("gitlab", "--format")).isEqualTo(LintFormat.GITLAB);
    }

    @Test
    void unknownFormatNamesTheSettingAndTheChoices() {
        assertThatThrownBy(() -> LintFormat.parse("xml", "lint.format"))
                .isInstanceOf(EngineException.class)
                .satisfies(e -> assertThat(((EngineException) e).kind()).isEqualTo(EngineException.Kind.BAD_INPUT))
                .hasMessage("lint.format: unknown format 'xml' (expected one of text, json, sarif, junit, gitlab)");
    }

    @ParameterizedTest
    @EnumSource(LintFormat.class)
    void sameResultGivesByteIdenticalOutput(LintFormat format) {
        String first = LintResults.write(format, LintResults.mixed());
        String second = LintResults.write(format, LintResults.mixed());
        assertThat(first).isNotEmpty().isEqualTo(second).doesNotContain("\r");
    }

    @ParameterizedTest
    @EnumSource(LintFormat.class)
    void cleanResultIsWritten(LintFormat format) {
        assertThat(LintResults.write(format, LintResults.clean())).isNotBlank();
    }

    @Test
    void currentToolInfoHasAVersion() {
        ToolInfo tool = ToolInfo.current();
        assertThat(tool.version()).isNotBlank().doesNotContain("${");
    }
}
