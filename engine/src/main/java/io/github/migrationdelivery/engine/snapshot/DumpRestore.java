package io.github.migrationdelivery.engine.snapshot;

import io.github.migrationdelivery.engine.EngineException;
import io.github.migrationdelivery.engine.plan.Dialect;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Loads a dump file into an empty database: a PostgreSQL archive (custom, directory or tar format)
 * with {@code pg_restore --jobs}, a plain SQL dump with {@code psql} or the {@code mysql} client.
 */
final class DumpRestore {

    private DumpRestore() {
    }

    /** The file, checked to be readable: a missing or unreadable dump is the user's to fix. */
    static Path readable(String path, String setting) {
        if (path.isBlank()) {
            throw EngineException.badInput(setting + ": no dump file given");
        }
        Path file = Path.of(path);
        if (!Files.exists(file)) {
            throw EngineException.badInput(setting + ": dump file " + file + " does not exist");
        }
        if (!Files.isReadable(file)) {
            throw EngineException.badInput(setting + ": dump file " + file + " cannot be read");
        }
        return file;
    }

    /** A pg_dump archive (not plain SQL): a directory-format dump, or a file starting with PGDMP. */
    static boolean isPostgresArchive(Path file) {
        if (Files.isDirectory(file)) {
            return true;
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(5);
            if (new String(head, StandardCharsets.US_ASCII).equals("PGDMP")) {
                return true;
            }
        } catch (IOException e) {
            throw EngineException.badInput("dump file " + file + " cannot be read (" + e.getMessage() + ")");
        }
        // tar format: the archive's first member is toc.dat
        try (InputStream in = Files.newInputStream(file)) {
            return new String(in.readNBytes(7), StandardCharsets.US_ASCII).equals("toc.dat");
        } catch (IOException e) {
            return false;
        }
    }

    static void restore(Path file, ConnectionSpec target) {
        String what = "restoring " + file + " into " + target.redacted();
        Map<String, String> env = ClientTools.passwordEnvironment(target);
        if (target.dialect() == Dialect.POSTGRESQL) {
            if (isPostgresArchive(file)) {
                Path pgRestore = ClientTools.find("dump:", "pg_restore");
                ClientTools.requireNotOlder(pgRestore, target);
                List<String> cmd = new ArrayList<>(List.of(pgRestore.toString(),
                        "--jobs=" + Runtime.getRuntime().availableProcessors(), "--no-owner", "--no-privileges"));
                cmd.addAll(ClientTools.postgresArgs(target));
                cmd.add(file.toString());
                ClientTools.run(List.of(cmd), env, null, what);
            } else {
                Path psql = ClientTools.find("dump:", "psql");
                List<String> cmd = new ArrayList<>(List.of(psql.toString(), "-X", "-q", "-v", "ON_ERROR_STOP=1"));
                cmd.addAll(ClientTools.postgresArgs(target));
                ClientTools.run(List.of(cmd), env, file, what);
            }
        } else {
            if (isPostgresArchive(file)) {
                throw EngineException.badInput("dump: " + file + " is a PostgreSQL archive, but the server is "
                        + target.dialect().id() + " (" + target.redacted() + ")");
            }
            Path mysql = ClientTools.find("dump:", "mariadb", "mysql");
            List<String> cmd = new ArrayList<>(List.of(mysql.toString()));
            cmd.addAll(ClientTools.mysqlArgs(target));
            cmd.add(target.database());
            ClientTools.run(List.of(cmd), env, file, what);
        }
    }
}
