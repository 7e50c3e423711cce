package io.github.migrationdelivery.engine.lint.rules.postgres;

import io.github.migrationdelivery.engine.lint.Finding;
import io.github.migrationdelivery.engine.lint.LintFixture;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

class ScratchTest {
    @Test
    void print() throws Exception {
        String all = Files.readString(Path.of("/tmp/scratch.sql"));
        for (String text : all.split("\n=====\n")) {
            System.out.println("######## " + text.strip());
            for (Finding f : LintFixture.lint(text).findings()) {
                System.out.println("-> " + f.ruleId() + " " + f.severity() + " [" + f.lock() + "] rewrite=" + f.rewritesTable());
                System.out.println("   " + f.message());
                System.out.println("   FIX: " + f.safeRewrite().replace("\n", "\n        "));
            }
        }
    }
}
