package io.github.migrationdelivery.engine.report;

import io.github.migrationdelivery.engine.EngineException;
import io.github.migrationdelivery.engine.plan.SourcePosition;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * Report files archived with one build, under that build's artifact folder: which are still there,
 * and deleting them for report retention. Nothing outside the folder is ever touched, whatever a
 * path says ({@code ..}, an absolute path, a symbolic link): a report path comes from a step's
 * {@code reportDir} argument, which a Jenkinsfile chooses.
 */
public final class ArchivedReports {

    private ArchivedReports() {
    }

    /** The paths (relative to {@code root}, as archived) that are regular files inside it, in order, without repeats. */
    public static List<String> present(Path root, Collection<String> paths) {
        List<String> present = new ArrayList<>();
        for (String path : new LinkedHashSet<>(paths)) {
            Optional.ofNullable(path).flatMap(p -> inside(root, p)).ifPresent(file -> present.add(path));
        }
        return present;
    }

    /**
     * Deletes those of the paths that are regular files inside {@code root}, then the folders that
     * leaves empty (never {@code root} itself); returns the paths deleted.
     */
    public static List<String> delete(Path root, Collection<String> paths) {
        List<String> deleted = new ArrayList<>();
        for (String path : present(root, paths)) {
            Path file = inside(root, path).orElseThrow();
            try {
                Files.delete(file);
                deleted.add(path);
                removeEmptyFolders(root.toRealPath(), file.getParent());
            } catch (IOException e) {
                throw EngineException.badInput(SourcePosition.of(file), "cannot delete the archived report: " + e.getMessage());
            }
        }
        return deleted;
    }

    /** The file at {@code path} under {@code root} when it is a regular file whose real folder is inside root. */
    private static Optional<Path> inside(Path root, String path) {
        try {
            Path realRoot = root.toRealPath();
            Path file = realRoot.resolve(path).normalize();
            if (!file.startsWith(realRoot) || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
                    || !file.getParent().toRealPath().startsWith(realRoot)) {
                return Optional.empty();
            }
            return Optional.of(file);
        } catch (IOException | InvalidPathException e) {
            return Optional.empty(); // no such folder, or not a path: nothing of ours there
        }
    }

    private static void removeEmptyFolders(Path realRoot, Path folder) throws IOException {
        Path f = folder.toRealPath();
        while (f.startsWith(realRoot) && !f.equals(realRoot)) {
            try {
                Files.delete(f);
            } catch (DirectoryNotEmptyException e) {
                return; // other artifacts live here
            }
            f = f.getParent();
        }
    }
}
