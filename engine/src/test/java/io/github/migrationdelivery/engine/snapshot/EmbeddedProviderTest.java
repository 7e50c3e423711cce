package io.github.migrationdelivery.engine.snapshot;

import io.github.migrationdelivery.engine.EngineException;
import io.github.migrationdelivery.engine.plan.Dialect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

class EmbeddedProviderTest {

    @Test
    void rootIsRefusedInOneLineWithTheAlternatives() {
        assumeThat(EmbeddedProvider.runningAsRoot()).as("only meaningful as root").isTrue();
        assertThatThrownBy(() -> Snapshots.provider("embedded:15", Dialect.POSTGRESQL, SnapshotOptions.of(Map.of())).open())
                .isInstanceOfSatisfying(EngineException.class, e -> {
                    assertThat(e.kind()).isEqualTo(EngineException.Kind.BAD_INPUT);
                    assertThat(e.oneLine()).isEqualTo("--snapshot embedded:15: PostgreSQL refuses to run as root: "
                            + "use template:, dump:, jdbc: or testcontainers:, or run as another user");
                });
    }

    @Test
    void anUnbundledMajorIsACleanError() {
        assertThatThrownBy(() -> Snapshots.provider("embedded:9", Dialect.POSTGRESQL, SnapshotOptions.of(Map.of())).open())
                .isInstanceOfSatisfying(EngineException.class, e ->
                        assertThat(e.oneLine()).contains("PostgreSQL 9 binaries are not bundled", "15.19.0"));
    }

    @Test
    void malformedMajorIsBadInput() {
        assertThatThrownBy(() -> Snapshots.provider("embedded:latest", Dialect.POSTGRESQL, SnapshotOptions.of(Map.of())))
                .isInstanceOfSatisfying(EngineException.class, e ->
                        assertThat(e.oneLine()).contains("embedded:<major version>"));
    }

    static boolean rootWithRunuser() {
        return EmbeddedProvider.runningAsRoot() && Files.isExecutable(Path.of("/usr/sbin/runuser"));
    }

    /**
     * The happy path under a non-root user: a child JVM as {@code nobody} opens embedded:15, reads
     * version() and closes. nobody cannot read root's Maven repository, so the class path is copied
     * into a directory it can read; temp files go to a world-writable directory.
     */
    @Test
    @EnabledIf("rootWithRunuser")
    void startsAndStopsUnderANonRootUser(@TempDir Path dir) throws Exception {
        Path lib = Files.createDirectories(dir.resolve("lib"));
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        List<String> classpath = new ArrayList<>();
        int i = 0;
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path from = Path.of(entry);
            Path to = lib.resolve(i++ + "-" + from.getFileName());
            if (Files.isDirectory(from)) {
                copyTree(from, to);
            } else if (Files.exists(from)) {
                Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
            } else {
                continue;
            }
            classpath.add(to.toString());
        }
        openToEveryone(dir);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder("/usr/sbin/runuser", "-u", "nobody", "--", java,
                "-Djava.io.tmpdir=" + tmp, "-cp", String.join(File.pathSeparator, classpath),
                EmbeddedSmoke.class.getName(), "15")
                .directory(tmp.toFile()).redirectErrorStream(true).start();
        boolean finished = p.waitFor(120, TimeUnit.SECONDS);
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!finished) {
            p.destroyForcibly();
        }
        assertThat(finished).as(out).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("VERSION PostgreSQL 15.").contains("DATA_DIR_GONE true");
    }

    private static void copyTree(Path from, Path to) throws Exception {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static void openToEveryone(Path dir) throws Exception {
        // @TempDir is private to root: nobody needs to traverse it, read the jars and write in tmp.
        for (Path p = dir; p != null && !p.equals(Path.of(System.getProperty("java.io.tmpdir"))); p = p.getParent()) {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(Files.isDirectory(p) ? "rwxrwxrwx" : "rw-r--r--"));
            }
        }
    }
}
