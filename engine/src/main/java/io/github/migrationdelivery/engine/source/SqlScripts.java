package io.github.migrationdelivery.engine.source;

import io.github.migrationdelivery.engine.EngineException;
import io.github.migrationdelivery.engine.plan.ChangesetKind;
import io.github.migrationdelivery.engine.plan.Changeset;
import io.github.migrationdelivery.engine.plan.Dialect;
import io.github.migrationdelivery.engine.plan.Rollback;
import io.github.migrationdelivery.engine.plan.SourcePosition;
import io.github.migrationdelivery.engine.plan.Statement;
import io.github.migrationdelivery.engine.sql.Lexer;
import io.github.migrationdelivery.engine.sql.Token;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.CRC32;

/**
 * Reads SQL migrations: a folder of Flyway-named or plainly ordered {@code .sql} files, or one
 * {@code .sql} file. Liquibase formatted-SQL files found in a folder are handed to
 * {@code changelogs}, so that this class never loads Liquibase itself.
 */
final class SqlScripts {

    private static final Pattern FORMATTED_SQL_HEADER =
            Pattern.compile("--\\s*liquibase\\s+formatted\\b.*", Pattern.CASE_INSENSITIVE);
    private static final Pattern NO_TRANSACTION_CONF =
            Pattern.compile("(?m)^\\s*(?:flyway\\.)?executeInTransaction\\s*=\\s*false\\s*$");
    private static final String NO_TRANSACTION_MARKER = "md:no-transaction";

    private final Dialect dialect;
    private final Function<Path, List<Changeset>> changelogs;
    private final boolean keepDuplicateVersions;

    SqlScripts(Dialect dialect, Function<Path, List<Changeset>> changelogs, boolean keepDuplicateVersions) {
        this.dialect = dialect;
        this.changelogs = changelogs;
        this.keepDuplicateVersions = keepDuplicateVersions;
    }

    /** True when the first non-blank line is Liquibase's {@code --liquibase formatted sql} header. */
    static boolean isFormattedSqlChangelog(String text) {
        int i = 0;
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        int eol = text.indexOf('\n', i);
        String first = text.substring(i, eol < 0 ? text.length() : eol).strip();
        return FORMATTED_SQL_HEADER.matcher(first).matches();
    }

    /** One {@code .sql} file given on its own. */
    List<Changeset> readFile(Path file) {
        Script script = load(file, Files.exists(confOf(file)));
        if (script.changelog) {
            return changelogs.apply(file);
        }
        MigrationName name = script.name;
        if (name != null && name.undo()) {
            throw EngineException.badInput(SourcePosition.of(file),
                    "an undo script (U" + name.version() + "__) needs its versioned script V" + name.version() + "__");
        }
        return List.of(name == null ? plain(script) : flyway(script, name, Optional.empty()));
    }

    /** Every {@code .sql} file under {@code folder}, recursively. */
    List<Changeset> readFolder(Path folder) {
        List<Path> files = new ArrayList<>();
        Set<Path> confs = new HashSet<>();
        // find, not walk + isRegularFile: the walk has read each file's attributes already.
        try (Stream<Path> walk = Files.find(folder, Integer.MAX_VALUE, (p, attributes) -> attributes.isRegularFile())) {
            walk.forEach(p -> {
                String n = p.getFileName().toString();
                if (n.endsWith(".sql")) {
                    files.add(p);
                } else if (n.endsWith(".sql.conf")) {
                    confs.add(p);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            throw EngineException.badInput(SourcePosition.of(folder), "cannot read directory: " + e.getMessage(), e);
        }
        if (files.isEmpty()) {
            throw EngineException.badInput(SourcePosition.of(folder), "directory holds no .sql migrations");
        }
        String base = folder.toString();
        Map<Path, String> relative = new HashMap<>();
        for (Path f : files) {
            relative.put(f, relative(folder, base, f));
        }
        files.sort(Comparator.comparing(relative::get, MigrationName.NATURAL_ORDER));

        // Reading and splitting is the expensive part and independent per file.
        List<Object> loaded = files.parallelStream()
                .map(f -> {
                    try {
                        return (Object) load(f, confs.contains(confOf(f)));
                    } catch (EngineException e) {
                        return e;
                    }
                })
                .collect(Collectors.toList());
        List<Script> scripts = new ArrayList<>(loaded.size());
        for (Object o : loaded) {
            if (o instanceof EngineException e) {
                throw e; // the first failing file in folder order, whatever thread saw it first
            }
            scripts.add((Script) o);
        }

        Script flywayExample = null;
        Script otherExample = null;
        for (Script s : scripts) {
            boolean isFlyway = !s.changelog && s.name != null;
            if (isFlyway && flywayExample == null) {
                flywayExample = s;
            } else if (!isFlyway && otherExample == null) {
                otherExample = s;
            }
        }
        if (flywayExample == null) {
            return plainFolder(scripts);
        }
        if (otherExample != null) {
            String what = otherExample.changelog ? "a Liquibase formatted-SQL changelog"
                    : MigrationName.looksVersioned(otherExample.file.getFileName().toString())
                    ? "not named like Flyway's V<version>__<description>.sql (two underscores)"
                    : "not Flyway-named";
            throw EngineException.badInput(SourcePosition.of(otherExample.file), what
                    + ", but the directory mixes it with Flyway scripts such as " + flywayExample.file.getFileName());
        }
        return flywayFolder(scripts);
    }

    private List<Changeset> plainFolder(List<Script> scripts) {
        List<Changeset> changesets = new ArrayList<>(scripts.size());
        for (Script s : scripts) {
            if (s.changelog) {
                changesets.addAll(changelogs.apply(s.file));
            } else {
                changesets.add(plain(s));
            }
        }
        return changesets;
    }

    private List<Changeset> flywayFolder(List<Script> scripts) {
        Map<String, Script> versioned = new TreeMap<>(MigrationName.VERSION_ORDER);
        Map<String, Script> undos = new TreeMap<>(MigrationName.VERSION_ORDER);
        Map<String, List<Script>> sameVersion = new HashMap<>();
        List<Script> repeatables = new ArrayList<>();
        for (Script s : scripts) {
            MigrationName name = s.name;
            if (name.repeatable()) {
                repeatables.add(s);
                continue;
            }
            Map<String, Script> byVersion = name.versioned() ? versioned : undos;
            Script earlier = byVersion.putIfAbsent(name.version(), s);
            if (earlier != null && keepDuplicateVersions && name.versioned()) {
                sameVersion.computeIfAbsent(name.version(), v -> new ArrayList<>()).add(s);
            } else if (earlier != null) {
                throw EngineException.badInput(SourcePosition.of(s.file), "duplicate Flyway version "
                        + name.version() + ": also used by " + earlier.file);
            }
        }
        for (Map.Entry<String, Script> undo : undos.entrySet()) {
            if (!versioned.containsKey(undo.getKey())) {
                throw EngineException.badInput(SourcePosition.of(undo.getValue().file),
                        "undo script for version " + undo.getKey() + " has no versioned script V"
                                + undo.getKey() + "__");
            }
        }
        List<Changeset> changesets = new ArrayList<>(scripts.size());
        for (Map.Entry<String, Script> v : versioned.entrySet()) {
            Script s = v.getValue();
            Script undo = undos.get(v.getKey());
            Optional<Rollback> rollback = undo == null ? Optional.empty()
                    : Optional.of(new Rollback(undo.statements, startOf(undo.file)));
            changesets.add(flyway(s, s.name, rollback));
            for (Script clash : sameVersion.getOrDefault(v.getKey(), List.of())) {
                changesets.add(flyway(clash, clash.name, Optional.empty()));
            }
        }
        // Repeatables run after all versioned scripts, ordered by description as Flyway does.
        repeatables.sort(Comparator.comparing((Script s) -> s.name.description())
                .thenComparing(s -> s.file.toString()));
        for (Script s : repeatables) {
            changesets.add(flyway(s, s.name, Optional.empty()));
        }
        return changesets;
    }

    private Changeset flyway(Script s, MigrationName name, Optional<Rollback> rollback) {
        String id = name.repeatable() ? "R__" + name.description() : name.version();
        ChangesetKind kind = name.repeatable() ? ChangesetKind.REPEATABLE_SQL : ChangesetKind.VERSIONED_SQL;
        return new Changeset(id, "", name.description(), kind, startOf(s.file), s.transactional,
                s.statements, rollback, Set.of(), Set.of(), s.checksum);
    }

    private static Changeset plain(Script s) {
        String name = s.file.getFileName().toString();
        String id = name.substring(0, name.length() - ".sql".length());
        return new Changeset(id, "", "", ChangesetKind.PLAIN_SQL, startOf(s.file), s.transactional,
                s.statements, Optional.empty(), Set.of(), Set.of(), s.checksum);
    }

    /**
     * One file read and split; a formatted-SQL changelog is only recognised here, not split.
     * {@code name} is the Flyway reading of the file name (null when it has none), parsed here, on
     * the reading threads, because a folder of thousands of scripts asks for it several times.
     */
    private record Script(Path file, MigrationName name, boolean changelog, boolean transactional,
            List<Statement> statements, String checksum) {
    }

    private Script load(Path file, boolean hasConf) {
        SourceText text = SourceText.read(file);
        MigrationName name = MigrationName.parse(file.getFileName().toString());
        if (isFormattedSqlChangelog(text.text())) {
            return new Script(file, name, true, true, List.of(), "");
        }
        boolean transactional = !hasNoTransactionMarker(text.text()) && !(hasConf && confDisablesTransaction(file));
        return new Script(file, name, false, transactional, text.statements(dialect, null),
                Integer.toString(flywayChecksum(text.text())));
    }

    /**
     * Flyway's checksum of a script, as flyway_schema_history stores it: a CRC32 over the UTF-8
     * bytes of each line without its line break (the byte-order mark already removed).
     */
    static int flywayChecksum(String text) {
        // Line breaks are single bytes in UTF-8 and never part of another character: one encoding
        // of the whole text, then the runs between them.
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        CRC32 crc = new CRC32();
        int start = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n' || bytes[i] == '\r') {
                crc.update(bytes, start, i - start);
                start = i + 1;
            }
        }
        crc.update(bytes, start, bytes.length - start);
        return (int) crc.getValue();
    }

    /** True when a comment before the first statement says {@code md:no-transaction}. */
    private boolean hasNoTransactionMarker(String text) {
        if (!text.contains(NO_TRANSACTION_MARKER)) {
            return false;
        }
        Lexer lexer = new Lexer(text, dialect);
        for (Token t = lexer.next(); t != null && t.type().isComment(); t = lexer.next()) {
            String c = t.text();
            String body = c.startsWith("/*") ? c.substring(2, c.endsWith("*/") && c.length() >= 4 ? c.length() - 2 : c.length())
                    : c.substring(c.startsWith("#") ? 1 : 2);
            if (body.strip().startsWith(NO_TRANSACTION_MARKER)) {
                return true;
            }
        }
        return false;
    }

    private static boolean confDisablesTransaction(Path script) {
        return NO_TRANSACTION_CONF.matcher(SourceText.read(confOf(script)).text()).find();
    }

    private static Path confOf(Path script) {
        return script.resolveSibling(script.getFileName() + ".conf");
    }

    private static SourcePosition startOf(Path file) {
        return new SourcePosition(file, 1, 1);
    }

    /**
     * {@code file}'s path below {@code folder} ({@code base} is its string). The walk builds each
     * path as folder + separator + names, so cutting the prefix gives what relativize would, without
     * the per-name Path objects relativize makes (thousands of files, on one thread).
     */
    private static String relative(Path folder, String base, Path file) {
        String path = file.toString();
        String separator = file.getFileSystem().getSeparator();
        String relative = !base.isEmpty() && path.startsWith(base) && path.startsWith(separator, base.length())
                ? path.substring(base.length() + separator.length())
                : folder.relativize(file).toString();
        return relative.replace('\\', '/');
    }
}
