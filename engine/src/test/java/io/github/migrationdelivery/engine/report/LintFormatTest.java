package io.github.migrationdelivery.engine.report;

import io.github.migrationdelivery.engine.EngineException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

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
    void bytesAreTheSameWrittenAsTextOrAsBytes(LintFormat format, @TempDir Path dir) throws IOException {
        // NASTY_MESSAGE holds quotes, control characters, characters outside Latin-1 and one beyond the BMP.
        StringBuilder text = new StringBuilder();
        format.writer().write(LintResults.mixed(), text);
        byte[] expected = text.toString().getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        format.writer().write(LintResults.mixed(), bytes);
        assertThat(bytes.toByteArray()).isEqualTo(expected);
        Path file = dir.resolve("report");
        format.write(LintResults.mixed(), file);
        assertThat(Files.readAllBytes(file)).isEqualTo(expected);
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
