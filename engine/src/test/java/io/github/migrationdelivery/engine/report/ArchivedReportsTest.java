package io.github.migrationdelivery.engine.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ArchivedReportsTest {

    /** A build's artifact folder: the dry-run reports beside the application's own artifacts. */
    private static Path archive(Path dir) throws Exception {
        Path root = Files.createDirectories(dir.resolve("builds/7/archive"));
        write(root, "build/migration-delivery/dry-run.json");
        write(root, "build/migration-delivery/dry-run.html");
        write(root, "build/app.jar");
        return root;
    }

    private static void write(Path root, String path) throws Exception {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, path);
    }

    @Test
    void deletesExactlyTheNamedReportsAndTheFoldersThatLeavesEmpty(@TempDir Path dir) throws Exception {
        Path root = archive(dir);

        List<String> deleted = ArchivedReports.delete(root,
                List.of("build/migration-delivery/dry-run.json", "build/migration-delivery/dry-run.html"));

        assertThat(deleted).containsExactly("build/migration-delivery/dry-run.json", "build/migration-delivery/dry-run.html");
        assertThat(root.resolve("build/migration-delivery")).doesNotExist();
        assertThat(root.resolve("build/app.jar")).hasContent("build/app.jar");
        assertThat(root).isDirectory();
    }

    @Test
    void theArtifactFolderItselfStaysWhenItEmpties(@TempDir Path dir) throws Exception {
        Path root = Files.createDirectories(dir.resolve("archive"));
        write(root, "dry-run.json");

        assertThat(ArchivedReports.delete(root, List.of("dry-run.json"))).containsExactly("dry-run.json");
        assertThat(root).isEmptyDirectory();
    }

    @Test
    void reportsAlreadyGoneOrNeverArchivedAreNotAnError(@TempDir Path dir) throws Exception {
        Path root = archive(dir);

        assertThat(ArchivedReports.present(root, List.of("build/migration-delivery/dry-run.json", "build/gone.json",
                "build/migration-delivery/dry-run.json"))).containsExactly("build/migration-delivery/dry-run.json");
        assertThat(ArchivedReports.delete(root, List.of("build/gone.json"))).isEmpty();
        assertThat(ArchivedReports.delete(dir.resolve("no-such-build/archive"), List.of("dry-run.json"))).isEmpty();
    }

    @Test
    void nothingOutsideTheArtifactFolderIsEverTouched(@TempDir Path dir) throws Exception {
        Path root = archive(dir);
        Path outside = dir.resolve("builds/7/build.xml");
        Files.writeString(outside, "<build/>");
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        Files.writeString(elsewhere.resolve("dry-run.json"), "not ours");
        Files.createSymbolicLink(root.resolve("linked-folder"), elsewhere);
        Files.createSymbolicLink(root.resolve("linked.json"), elsewhere.resolve("dry-run.json"));

        List<String> attempts = Arrays.asList("../build.xml", outside.toString(), "linked-folder/dry-run.json", "linked.json",
                "build", "", "bad\0path", null);

        assertThat(ArchivedReports.present(root, attempts)).isEmpty();
        assertThat(ArchivedReports.delete(root, attempts)).isEmpty();
        assertThat(outside).hasContent("<build/>");
        assertThat(elsewhere.resolve("dry-run.json")).hasContent("not ours");
        assertThat(root.resolve("linked.json")).isSymbolicLink();
        assertThat(root.resolve("build/app.jar")).exists();
    }
}
