package io.github.migrationdelivery.engine.source;

import io.github.migrationdelivery.engine.EngineException;
import io.github.migrationdelivery.engine.plan.ChangesetKind;
import io.github.migrationdelivery.engine.plan.Changeset;
import io.github.migrationdelivery.engine.plan.Dialect;
import io.github.migrationdelivery.engine.plan.Rollback;
import io.github.migrationdelivery.engine.plan.ServerVersion;
import io.github.migrationdelivery.engine.plan.SourcePosition;
import io.github.migrationdelivery.engine.plan.Statement;
import io.github.migrationdelivery.engine.plan.UninspectableChange;
import io.github.migrationdelivery.engine.sql.Lexer;
import io.github.migrationdelivery.engine.sql.Splitter;
import io.github.migrationdelivery.engine.sql.Token;
import liquibase.ContextExpression;
import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Labels;
import liquibase.ChecksumVersion;
import liquibase.Scope;
import liquibase.change.Change;
import liquibase.change.core.EmptyChange;
import liquibase.change.core.ExecuteShellCommandChange;
import liquibase.change.core.RawSQLChange;
import liquibase.change.core.SQLFileChange;
import liquibase.change.core.TagDatabaseChange;
import liquibase.changelog.ChangeLogParameters;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.changelog.filter.ContextChangeSetFilter;
import liquibase.changelog.filter.DbmsChangeSetFilter;
import liquibase.changelog.filter.LabelChangeSetFilter;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.DatabaseList;
import liquibase.exception.RollbackImpossibleException;
import liquibase.exception.ValidationErrors;
import liquibase.parser.ChangeLogParser;
import liquibase.parser.ChangeLogParserFactory;
import liquibase.resource.DirectoryResourceAccessor;
import liquibase.resource.Resource;
import liquibase.resource.ResourceAccessor;
import liquibase.resource.SearchPathResourceAccessor;
import liquibase.sql.Sql;
import liquibase.sqlgenerator.SqlGeneratorFactory;
import liquibase.statement.SqlStatement;
import liquibase.logging.core.NoOpLogService;
import liquibase.ui.LoggerUIService;
import org.xml.sax.SAXParseException;
import org.yaml.snakeyaml.error.MarkedYAMLException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads one Liquibase changelog (XML, YAML, JSON or formatted SQL, with its includes) with
 * Liquibase's own parsers, and generates each changeset's SQL offline for the plan's dialect
 * with Liquibase's own generators. The only class of the package that touches Liquibase, so that
 * plain SQL runs never load it.
 */
final class LiquibaseChangelogReader {

    private static final String EXECUTE_COMMAND = "executeCommand";

    private final Dialect dialect;
    private final Set<String> contexts;
    private final Set<String> labels;
    private final Path workingDirectory = Path.of("").toAbsolutePath();
    private final Database database;

    LiquibaseChangelogReader(Dialect dialect, ServerVersion serverVersion, Set<String> contexts, Set<String> labels) {
        this.dialect = dialect;
        this.contexts = contexts;
        this.labels = labels;
        this.database = openOfflineDatabase(dialect, serverVersion);
    }

    private Database openOfflineDatabase(Dialect dialect, ServerVersion version) {
        // outputLiquibaseSql=none: never emit DATABASECHANGELOG bookkeeping; offline: never connects.
        String url = "offline:" + dialect.id() + "?version=" + version.major() + "." + version.minor()
                + "&outputLiquibaseSql=none";
        try {
            ResourceAccessor here = new DirectoryResourceAccessor(workingDirectory);
            return Scope.child(scope(here), () -> DatabaseFactory.getInstance().openDatabase(url, null, null, null, here));
        } catch (Exception e) {
            throw new EngineException(EngineException.Kind.INTERNAL,
                    "cannot open Liquibase's offline " + dialect.id() + " database: " + e.getMessage(), null, e);
        }
    }

    private Map<String, Object> scope(ResourceAccessor resources) {
        Map<String, Object> values = new HashMap<>();
        values.put(Scope.Attr.resourceAccessor.name(), resources);
        values.put(Scope.Attr.ui.name(), new LoggerUIService());
        // Liquibase logs "Reading resource ..." at INFO to stderr; our own errors say what matters.
        values.put(Scope.Attr.logService.name(), new NoOpLogService());
        values.put("liquibase.analytics.enabled", Boolean.FALSE);
        // No Scope.Attr.database: with a database in scope, <include> asks it for the ran
        // changesets, and the offline one answers by creating databasechangelog.csv in the
        // working directory.
        return values;
    }

    /** The changesets of {@code changelog} and everything it includes, in Liquibase's order. */
    List<Changeset> read(Path changelog) {
        Path absolute = changelog.toAbsolutePath().normalize();
        Path folder = absolute.getParent();
        Files files = new Files(changelog, absolute, folder);
        try (SearchPathResourceAccessor resources = new SearchPathResourceAccessor(
                new DirectoryResourceAccessor(folder), new DirectoryResourceAccessor(workingDirectory))) {
            return Scope.child(scope(resources), () -> {
                String name = absolute.getFileName().toString();
                ChangeLogParser parser = ChangeLogParserFactory.getInstance().getParser(name, resources);
                DatabaseChangeLog log = parser.parse(name, new ChangeLogParameters(database), resources);
                List<Changeset> changesets = new ArrayList<>();
                for (ChangeSet changeSet : log.getChangeSets()) {
                    if (accepted(changeSet)) {
                        changesets.add(changeset(changeSet, files.of(changeSet, resources)));
                    }
                }
                return changesets;
            });
        } catch (EngineException e) {
            throw e;
        } catch (Exception e) {
            throw parseFailure(changelog, e);
        }
    }

    private boolean accepted(ChangeSet changeSet) {
        if (changeSet.isIgnore() || !new DbmsChangeSetFilter(database).accepts(changeSet).isAccepted()) {
            return false;
        }
        if (!contexts.isEmpty() && !new ContextChangeSetFilter(new Contexts(contexts)).accepts(changeSet).isAccepted()) {
            return false;
        }
        return labels.isEmpty() || new LabelChangeSetFilter(new LabelExpression(labels)).accepts(changeSet).isAccepted();
    }

    private Changeset changeset(ChangeSet changeSet, ChangelogFile file) {
        SourcePosition position = file.changesetPosition(changeSet.getId(), changeSet.getAuthor());
        List<Statement> statements = statements(changeSet.getChanges(), file, position);
        return new Changeset(changeSet.getId(), changeSet.getAuthor(), changeSet.getComments(),
                ChangesetKind.LIQUIBASE, position, changeSet.isRunInTransaction(), statements,
                rollback(changeSet, file, position), contextsOf(changeSet), labelsOf(changeSet),
                changeSet.generateCheckSum(ChecksumVersion.latest()).toString(),
                uninspectable(changeSet.getChanges(), file, position));
    }

    /**
     * The {@code <executeCommand>} changes, each placed at its element in the changelog (the n-th
     * "executeCommand" of the changeset's text; the changeset's position when the text does not show it).
     */
    private static List<UninspectableChange> uninspectable(List<Change> changes, ChangelogFile file, SourcePosition position) {
        List<UninspectableChange> found = new ArrayList<>(0);
        int from = file.offsetOf(position);
        for (Change change : changes) {
            if (change instanceof ExecuteShellCommandChange command) {
                int at = file.find(EXECUTE_COMMAND, from, position);
                from = at < 0 ? from : at + EXECUTE_COMMAND.length();
                found.add(new UninspectableChange(EXECUTE_COMMAND, command.getExecutable(),
                        at < 0 ? position : file.text().positionAt(at)));
            }
        }
        return found;
    }

    private Optional<Rollback> rollback(ChangeSet changeSet, ChangelogFile file, SourcePosition position) {
        List<Change> explicit = changeSet.getRollback().getChanges();
        if (!explicit.isEmpty()) {
            // <rollback/> parses to an EmptyChange: an explicit "nothing to undo".
            List<Statement> statements = statements(explicit, file, position);
            return Optional.of(new Rollback(statements,
                    statements.isEmpty() ? position : statements.get(0).position()));
        }
        List<Change> changes = changeSet.getChanges();
        if (changes.isEmpty()) {
            return Optional.empty();
        }
        List<Statement> statements = new ArrayList<>();
        for (int i = changes.size() - 1; i >= 0; i--) {
            Change change = changes.get(i);
            try {
                if (!change.supportsRollback(database)) {
                    return Optional.empty();
                }
                SqlStatement[] inverse = change.generateRollbackStatements(database);
                for (Sql sql : SqlGeneratorFactory.getInstance().generateSql(inverse, database)) {
                    addGenerated(statements, sql, position, i);
                }
            } catch (RollbackImpossibleException | RuntimeException e) {
                return Optional.empty(); // Liquibase cannot invert it without a live database
            }
        }
        return Optional.of(new Rollback(statements, position));
    }

    private List<Statement> statements(List<Change> changes, ChangelogFile file, SourcePosition position) {
        List<Statement> statements = new ArrayList<>();
        Cursor cursor = new Cursor(file.offsetOf(position));
        for (int index = 0; index < changes.size(); index++) {
            Change change = changes.get(index);
            if (change instanceof EmptyChange || change instanceof TagDatabaseChange
                    || change instanceof ExecuteShellCommandChange) {
                continue; // no schema SQL; tagDatabase only writes DATABASECHANGELOG; executeCommand is kept apart
            }
            if (change instanceof SQLFileChange sqlFile) {
                if (DatabaseList.definitionMatches(sqlFile.getDbms(), database, true)) {
                    statements.addAll(sqlFileStatements(sqlFile, file, position));
                }
            } else if (change instanceof RawSQLChange raw) {
                if (DatabaseList.definitionMatches(raw.getDbms(), database, true)) {
                    statements.addAll(rawStatements(raw, file, position, cursor));
                }
            } else {
                ValidationErrors errors = change.validate(database);
                if (errors.hasErrors()) {
                    throw EngineException.badInput(position, String.join("; ", errors.getErrorMessages()));
                }
                try {
                    for (Sql sql : SqlGeneratorFactory.getInstance().generateSql(change, database)) {
                        addGenerated(statements, sql, position, index);
                    }
                } catch (RuntimeException e) {
                    throw EngineException.badInput(position, "cannot generate SQL for "
                            + change.getClass().getSimpleName() + " offline: " + firstLine(e), e);
                }
            }
        }
        return statements;
    }

    /** Adds a statement that change number {@code change} of the changeset generated. */
    private static void addGenerated(List<Statement> statements, Sql sql, SourcePosition position, int change) {
        String text = sql.toSql();
        if (text != null && !text.isBlank()) {
            statements.add(new Statement(text.strip(), position, change));
        }
    }

    /** Where the search for the next {@code <sql>} text in the changelog resumes. */
    private static final class Cursor {
        int offset;

        Cursor(int offset) {
            this.offset = offset;
        }
    }

    private List<Statement> rawStatements(RawSQLChange change, ChangelogFile file, SourcePosition position, Cursor cursor) {
        String sql = change.getSql();
        if (sql == null || sql.isBlank()) {
            return List.of();
        }
        List<Statement> statements = new ArrayList<>();
        for (Splitter.Chunk chunk : chunks(change.isSplitStatements(), change.getEndDelimiter(), sql, position)) {
            int firstToken = offsetInText(sql, chunk);
            int found = file.find(chunk.sql(), cursor.offset, position);
            SourcePosition at = position;
            if (found >= 0) {
                at = file.text().positionAt(found + firstToken - chunk.offset());
                cursor.offset = found + chunk.sql().length();
            } else {
                // XML may hold the text escaped (&lt;): look for the statement's first line up to the first escapable character.
                String firstLine = firstLineFrom(sql, firstToken);
                found = firstLine.length() < 6 ? -1 : file.find(firstLine, cursor.offset, position);
                if (found >= 0) {
                    at = file.text().positionAt(found);
                    cursor.offset = found + firstLine.length();
                }
            }
            statements.add(new Statement(strip(change.isStripComments(), chunk.sql()), at));
        }
        return statements;
    }

    private List<Statement> sqlFileStatements(SQLFileChange change, ChangelogFile file, SourcePosition position) {
        Path path = Boolean.TRUE.equals(change.isRelativeToChangelogFile())
                ? file.userPath().resolveSibling(change.getPath())
                : file.resolveOnSearchPath(change.getPath());
        if (path == null || !java.nio.file.Files.isRegularFile(path)) {
            throw EngineException.badInput(position, "sqlFile '" + change.getPath() + "' not found");
        }
        SourceText text = SourceText.read(path.normalize());
        List<Statement> statements = new ArrayList<>();
        SourcePosition start = new SourcePosition(text.file(), 1, 1);
        for (Splitter.Chunk chunk : chunks(change.isSplitStatements(), change.getEndDelimiter(), text.text(), start)) {
            statements.add(new Statement(strip(change.isStripComments(), chunk.sql()),
                    new SourcePosition(text.file(), chunk.line(), chunk.column())));
        }
        return statements;
    }

    private List<Splitter.Chunk> chunks(Boolean split, String endDelimiter, String sql, SourcePosition position) {
        if (Boolean.FALSE.equals(split)) {
            return whole(sql, position);
        }
        Splitter.Result result = new Splitter(dialect, delimiter(endDelimiter)).split(sql);
        if (result.unterminated()) {
            throw unterminated(position, result.unterminatedLine(), result.unterminatedColumn());
        }
        return result.chunks();
    }

    /** splitStatements="false": the whole text is one statement, placed at its first non-comment token. */
    private List<Splitter.Chunk> whole(String sql, SourcePosition position) {
        Lexer lexer = new Lexer(sql, dialect);
        Token first = null;
        Token significant = null;
        Token last = null;
        for (Token t = lexer.next(); t != null; t = lexer.next()) {
            first = first == null ? t : first;
            significant = significant == null && !t.type().isComment() ? t : significant;
            if (!t.isSymbol(";")) {
                last = t; // a closing ';' is not part of the statement, as when splitting
            }
            if (lexer.sawUnterminated()) {
                throw unterminated(position, t.line(), t.column());
            }
        }
        if (significant == null || last == null) {
            return List.of();
        }
        return List.of(new Splitter.Chunk(sql.substring(first.offset(), last.endOffset()), first.offset(),
                significant.line(), significant.column()));
    }

    private static EngineException unterminated(SourcePosition position, int line, int column) {
        return EngineException.badInput(position.shift(line, column), "unterminated quote or comment in SQL");
    }

    /**
     * Liquibase's endDelimiter is a regular expression ({@code \nGO}, {@code \$\$}); our splitter
     * takes the literal, and already requires word delimiters such as GO to stand alone on a line.
     */
    static String delimiter(String endDelimiter) {
        if (endDelimiter == null || endDelimiter.isBlank()) {
            return null;
        }
        String d = endDelimiter.replace("\\r", "").replace("\\n", "").replace("\r", "").replace("\n", "")
                .replace("(?i)", "");
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < d.length(); i++) {
            char c = d.charAt(i);
            if (c == '\\' && i + 1 < d.length() && !Character.isLetterOrDigit(d.charAt(i + 1))) {
                literal.append(d.charAt(++i));
            } else if (c != '^') {
                literal.append(c);
            }
        }
        String s = literal.toString().strip();
        return s.isEmpty() ? null : s;
    }

    private static String firstLineFrom(String text, int offset) {
        int end = offset;
        while (end < text.length() && "\r\n&<>\"'".indexOf(text.charAt(end)) < 0) {
            end++;
        }
        return text.substring(offset, end);
    }

    /** The offset in {@code text} of the chunk's first token (its line and column are relative to text). */
    private static int offsetInText(String text, Splitter.Chunk chunk) {
        int offset = 0;
        for (int line = 1; line < chunk.line(); line++) {
            offset = text.indexOf('\n', offset) + 1;
        }
        return offset + chunk.column() - 1;
    }

    /** With stripComments, drop comments except the {@code md:} directives the linter reads. */
    private String strip(Boolean stripComments, String sql) {
        if (!Boolean.TRUE.equals(stripComments)) {
            return sql;
        }
        StringBuilder out = new StringBuilder(sql.length());
        int last = 0;
        Lexer lexer = new Lexer(sql, dialect);
        for (Token t = lexer.next(); t != null; t = lexer.next()) {
            if (t.type().isComment() && !t.text().contains("md:")) {
                out.append(sql, last, t.offset());
                last = t.endOffset();
            }
        }
        out.append(sql.substring(last));
        return out.toString().strip();
    }

    private static Set<String> contextsOf(ChangeSet changeSet) {
        Set<String> all = new LinkedHashSet<>();
        ContextExpression own = changeSet.getContextFilter();
        if (own != null) {
            all.addAll(own.getContexts());
        }
        for (ContextExpression inherited : changeSet.getInheritableContextFilter()) {
            all.addAll(inherited.getContexts());
        }
        return all;
    }

    private static Set<String> labelsOf(ChangeSet changeSet) {
        Set<String> all = new LinkedHashSet<>();
        if (changeSet.getLabels() != null) {
            all.addAll(changeSet.getLabels().getLabels());
        }
        for (Labels inherited : changeSet.getInheritableLabels()) {
            all.addAll(inherited.getLabels());
        }
        return all;
    }

    /** Maps the files Liquibase names back to the paths the user gave, and caches their text. */
    private final class Files {
        private final Path given;
        private final Path absolute;
        private final Path folder;
        private final Map<Path, ChangelogFile> byPath = new HashMap<>();

        Files(Path given, Path absolute, Path folder) {
            this.given = given;
            this.absolute = absolute;
            this.folder = folder;
        }

        ChangelogFile of(ChangeSet changeSet, ResourceAccessor resources) throws IOException {
            String physical = changeSet.getChangeLog() == null ? null : changeSet.getChangeLog().getPhysicalFilePath();
            Path file = absolute;
            if (physical != null) {
                Resource resource = resources.get(physical);
                if (resource != null && resource.exists() && "file".equals(resource.getUri().getScheme())) {
                    file = Path.of(resource.getUri()).normalize();
                }
            }
            return byPath.computeIfAbsent(file, f -> new ChangelogFile(SourceText.read(userPath(f)), this));
        }

        /** The path as the user would write it: under the changelog's folder as they gave it. */
        Path userPath(Path file) {
            if (file.equals(absolute)) {
                return given;
            }
            Path givenFolder = given.getParent();
            if (file.startsWith(folder)) {
                Path rest = folder.relativize(file);
                return givenFolder == null ? rest : givenFolder.resolve(rest);
            }
            return file.startsWith(workingDirectory) && !given.isAbsolute() ? workingDirectory.relativize(file) : file;
        }

        Path resolveOnSearchPath(String path) {
            for (Path root : List.of(folder, workingDirectory)) {
                Path candidate = root.resolve(path).normalize();
                if (java.nio.file.Files.isRegularFile(candidate)) {
                    return userPath(candidate);
                }
            }
            return null;
        }
    }

    /** One changelog file's text and where its changesets start. */
    private static final class ChangelogFile {
        private final SourceText text;
        private final Files files;
        private final ChangesetLocator locator;

        ChangelogFile(SourceText text, Files files) {
            this.text = text;
            this.files = files;
            this.locator = ChangesetLocator.scan(text.file(), text.text());
        }

        SourceText text() {
            return text;
        }

        Path userPath() {
            return text.file();
        }

        Path resolveOnSearchPath(String path) {
            return files.resolveOnSearchPath(path);
        }

        SourcePosition changesetPosition(String id, String author) {
            int offset = locator.offsetOf(id, author);
            return offset < 0 ? SourcePosition.of(text.file()) : text.positionAt(offset);
        }

        int offsetOf(SourcePosition position) {
            return position.line() <= 0 ? 0 : text.offsetOf(position.line(), Math.max(1, position.column()));
        }

        /**
         * Where {@code sql} (text Liquibase took from this file) stands, searching from {@code from}
         * but not past the changeset's end; -1 when the file holds it only escaped (XML entities)
         * or with other line ends.
         */
        int find(String sql, int from, SourcePosition changeset) {
            int end = locator.nextStart(offsetOf(changeset));
            int found = text.text().indexOf(sql, from);
            return found >= 0 && found + sql.length() <= end ? found : -1;
        }
    }

    private static String firstLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip();
        int eol = m.indexOf('\n');
        String line = eol < 0 ? m : m.substring(0, eol).strip();
        return line.endsWith(":") ? line.substring(0, line.length() - 1) : line;
    }

    /** A one-line, placed message for a changelog Liquibase could not read. */
    private static EngineException parseFailure(Path changelog, Exception e) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = e; t != null && !chain.contains(t); t = t.getCause()) {
            chain.add(t);
        }
        for (Throwable t : chain) {
            if (t instanceof SAXParseException sax) {
                return EngineException.badInput(new SourcePosition(changelog, Math.max(0, sax.getLineNumber()),
                        Math.max(0, sax.getColumnNumber())), "malformed XML changelog: " + firstLine(sax), e);
            }
            if (t instanceof MarkedYAMLException yaml && yaml.getProblemMark() != null) {
                return EngineException.badInput(new SourcePosition(changelog, yaml.getProblemMark().getLine() + 1,
                        yaml.getProblemMark().getColumn() + 1), "malformed YAML/JSON changelog: "
                        + (yaml.getProblem() == null ? firstLine(yaml) : yaml.getProblem()), e);
            }
        }
        Throwable deepest = chain.get(0);
        for (Throwable t : chain) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                deepest = t;
            }
        }
        return EngineException.badInput(SourcePosition.of(changelog),
                "cannot read Liquibase changelog: " + firstLine(deepest), e);
    }
}
