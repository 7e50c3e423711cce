package io.jenkins.plugins.migrationdelivery;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import com.cloudbees.plugins.credentials.common.IdCredentials;
import hudson.AbortException;
import hudson.model.Run;

import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;

/**
 * A database user and password taken from a Jenkins username/password credential on the
 * controller and carried to the agent inside the callable, never as a step argument, a process
 * argument or a log line. On the agent it becomes the engine's credential environment
 * ({@code MD_DB_USER}, {@code MD_DB_PASSWORD}), a plain map, not the process environment.
 */
final class DatabaseLogin implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String user;
    private final String password;

    private DatabaseLogin(String user, String password) {
        this.user = user;
        this.password = password;
    }

    static DatabaseLogin none() {
        return new DatabaseLogin(null, null);
    }

    /** The credential {@code credentialsId}, or {@link #none()} when no id is given. */
    static DatabaseLogin resolve(String credentialsId, Run<?, ?> run) throws AbortException {
        if (credentialsId == null || credentialsId.isEmpty()) {
            return none();
        }
        IdCredentials any = CredentialsProvider.findCredentialById(credentialsId, IdCredentials.class, run);
        if (any == null) {
            throw new AbortException(Messages.DatabaseLogin_NotFound(credentialsId));
        }
        if (!(any instanceof StandardUsernamePasswordCredentials)) {
            throw new AbortException(Messages.DatabaseLogin_WrongType(credentialsId, any.getClass().getSimpleName()));
        }
        StandardUsernamePasswordCredentials c = (StandardUsernamePasswordCredentials) any;
        CredentialsProvider.track(run, c);
        return new DatabaseLogin(c.getUsername(), c.getPassword().getPlainText());
    }

    Map<String, String> environment() {
        Map<String, String> env = new HashMap<>();
        if (user != null) {
            env.put("MD_DB_USER", user);
        }
        if (password != null) {
            env.put("MD_DB_PASSWORD", password);
        }
        return env;
    }

    /** Masks the password should an error message from the agent ever carry it. */
    String mask(String message) {
        return password == null || password.isEmpty() || message == null ? message : message.replace(password, "****");
    }

    @Override
    public String toString() {
        return user == null ? "(no credential)" : user + " / ****";
    }
}
