package io.github.migrationdelivery.engine.testdb;

import io.github.migrationdelivery.engine.plan.Dialect;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TestDatabasesTest {

    @ParameterizedTest
    @EnumSource(value = Dialect.class, names = {"POSTGRESQL", "MARIADB"})
    void eachTestGetsAFreshDatabaseThatIsDroppedAfterwards(Dialect dialect) throws SQLException {
        String name;
        try (TestDatabase db = TestDatabases.create(dialect)) {
            name = db.name();
            db.run("CREATE TABLE t (id int PRIMARY KEY);\nINSERT INTO t VALUES (1)");
            try (Connection c = db.connect(); ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM t")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(1);
            }
        }
        assertThatThrownBy(() -> TestDatabases.connect(TestDatabases.server(dialect).withDatabase(name)).close())
                .as("the database %s is gone", name).isInstanceOf(SQLException.class);
    }
}
