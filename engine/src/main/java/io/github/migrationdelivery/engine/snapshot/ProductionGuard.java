package io.github.migrationdelivery.engine.snapshot;

import io.github.migrationdelivery.engine.EngineException;

import java.util.Optional;

/**
 * Refuses a snapshot on the production database of the configuration. Two URLs name the same
 * database when dialect family, host, port and database agree; user, password and parameters (and
 * their order) do not matter, and localhost / 127.0.0.1 / ::1 are the same host.
 */
final class ProductionGuard {

    private ProductionGuard() {
    }

    static void refuseProduction(ConnectionSpec candidate, Optional<String> productionUrl) {
        if (productionUrl.isEmpty()) {
            return;
        }
        JdbcUrls.Parts prod;
        try {
            prod = JdbcUrls.parse(productionUrl.get());
        } catch (EngineException e) {
            throw EngineException.badInput("production.url: " + e.getMessage());
        }
        ConnectionSpec production = new ConnectionSpec(Credentials.dialectOf(prod),
                new JdbcUrls.Parts(prod.subprotocol(), "", prod.hosts(), prod.database(), "").url(), "", Secret.none());
        if (sameDatabase(candidate, production)) {
            Endpoint e = Endpoint.of(candidate);
            throw EngineException.badInput("--snapshot " + candidate.redacted() + " is production.url (" + e.host() + ":"
                    + e.port() + "/" + candidate.database() + "); a dry-run never touches production: "
                    + "point --snapshot at a copy, a dump: or synthetic: of it on another server");
        }
    }

    static boolean sameDatabase(ConnectionSpec a, ConnectionSpec b) {
        return a.dialect().isMysqlFamily() == b.dialect().isMysqlFamily()
                && Endpoint.of(a).canonical().equals(Endpoint.of(b).canonical())
                && a.database().equals(b.database());
    }
}
