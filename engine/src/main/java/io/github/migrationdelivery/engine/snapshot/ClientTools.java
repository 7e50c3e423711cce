package io.github.migrationdelivery.engine.snapshot;

import io.github.migrationdelivery.engine.EngineException;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The database's own client programs (pg_restore, pg_dump, psql, mariadb-dump, mysql), found on
 * PATH and run without a shell. Passwords go to them only through the environment
 * ({@code PGPASSWORD}, {@code MYSQL_PWD}), never as an argument, where {@code ps} would show them.
 */
public final class ClientTools {

    private static final Pattern VERSION = Pattern.compile("(\\d+)\\.(\\d+)");

    private ClientTools() {
    }

    /** The first of the names found on PATH. */
    public static Path find(String provider, String... names) {
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
        for (String name : names) {
            for (String dir : path.split(File.pathSeparator)) {
                Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return candidate;
                }
            }
        }
        throw EngineException.badInput(provider + " needs " + String.join(" or ", names)
                + " on PATH (install the database client programs)");
    }

    /** Major version of a PostgreSQL client program ("pg_restore (PostgreSQL) 15.20" gives 15). */
    public static int postgresMajor(Path program) {
        String out = run(List.of(List.of(program.toString(), "--version")), Map.of(), null, program.getFileName().toString());
        Matcher m = VERSION.matcher(out);
        if (!m.find()) {
            throw new EngineException(EngineException.Kind.INTERNAL,
                    program + " --version printed no version: " + out.strip(), null, null);
        }
        return Integer.parseInt(m.group(1));
    }

    /** Fails with a clear line when a PostgreSQL client program is older than the server it talks to. */
    public static void requireNotOlder(Path program, ConnectionSpec server) {
        int tool = postgresMajor(program);
        int srv = ServerSql.serverMajor(ServerSql.admin(server));
        if (tool < srv) {
            throw EngineException.badInput(program + " is PostgreSQL " + tool + ", older than the server ("
                    + srv + ", " + Endpoint.of(server).host() + "): put " + program.getFileName()
                    + " " + srv + " or newer first on PATH");
        }
    }

    /**
     * Runs a pipeline (each command's stdout into the next one's stdin), stdin of the first from a
     * file when given. Returns the last command's stdout; a non-zero exit of any command fails with
     * the first line of what it printed on stderr that looks like an error.
     */
    public static String run(List<List<String>> commands, Map<String, String> environment, Path stdin, String what) {
        List<Path> errFiles = new ArrayList<>();
        Path outFile = null;
        try {
            List<ProcessBuilder> builders = new ArrayList<>();
            for (List<String> command : commands) {
                ProcessBuilder pb = new ProcessBuilder(command);
                pb.environment().putAll(environment);
                Path err = Files.createTempFile("md-client-", ".err");
                errFiles.add(err);
                pb.redirectError(err.toFile());
                builders.add(pb);
            }
            if (stdin != null) {
                builders.get(0).redirectInput(stdin.toFile());
            } else {
                builders.get(0).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            }
            outFile = Files.createTempFile("md-client-", ".out");
            builders.get(builders.size() - 1).redirectOutput(outFile.toFile());
            List<Process> processes = ProcessBuilder.startPipeline(builders);
            int[] codes = new int[processes.size()];
            for (int i = 0; i < processes.size(); i++) {
                codes[i] = processes.get(i).waitFor();
            }
            for (int i = 0; i < codes.length; i++) {
                if (codes[i] != 0) {
                    String program = Path.of(commands.get(i).get(0)).getFileName().toString();
                    throw new EngineException(EngineException.Kind.DATABASE, what + ": " + program
                            + " failed (exit " + codes[i] + "): " + firstError(errFiles.get(i)), null, null);
                }
            }
            return Files.readString(outFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new EngineException(EngineException.Kind.INTERNAL, what + ": " + e.getMessage(), null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineException(EngineException.Kind.DATABASE, what + ": interrupted", null, e);
        } finally {
            for (Path p : errFiles) {
                deleteQuietly(p);
            }
            if (outFile != null) {
                deleteQuietly(outFile);
            }
        }
    }

    /** Environment handing a password to a client program ({@code PGPASSWORD} or {@code MYSQL_PWD}). */
    public static Map<String, String> passwordEnvironment(ConnectionSpec spec) {
        if (spec.password().isEmpty()) {
            return Map.of();
        }
        return Map.of(spec.dialect() == io.github.migrationdelivery.engine.plan.Dialect.POSTGRESQL
                ? "PGPASSWORD" : "MYSQL_PWD", spec.password().reveal());
    }

    /** Connection arguments of psql, pg_dump, pg_restore (the password is not among them). */
    public static List<String> postgresArgs(ConnectionSpec spec) {
        Endpoint e = Endpoint.of(spec);
        return List.of("-h", e.host(), "-p", Integer.toString(e.port()), "-U", spec.user(), "-d", spec.database());
    }

    /** Connection arguments of mysql and mariadb-dump, without the database (the password is not among them). */
    public static List<String> mysqlArgs(ConnectionSpec spec) {
        Endpoint e = Endpoint.of(spec);
        // --protocol=TCP: with host "localhost" the client would otherwise use the Unix socket.
        return List.of("--host=" + e.host(), "--port=" + e.port(), "--user=" + spec.user(), "--protocol=TCP");
    }

    private static String firstError(Path err) throws IOException {
        List<String> lines = Files.readAllLines(err, StandardCharsets.UTF_8);
        for (String line : lines) {
            String l = line.strip();
            if (l.contains("ERROR") || l.contains("error") || l.contains("FATAL")) {
                return l;
            }
        }
        return lines.stream().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse("(no message)");
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // a temp file left behind is harmless
        }
    }
}
