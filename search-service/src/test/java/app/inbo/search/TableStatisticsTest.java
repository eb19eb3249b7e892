package app.inbo.search;

import app.inbo.support.jdbc.TableStatistics;
import app.inbo.testing.RealInfrastructure;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The statistics upkeep as it runs in production: connected as the role that owns the tables, not a superuser
 * (a cluster operator's application user may read {@code pg_stats}, never {@code pg_statistic}).
 */
class TableStatisticsTest {

    private final String role = "inbo_stats_t" + Integer.toString(ThreadLocalRandom.current().nextInt(1 << 20), 36);
    private String database;

    @BeforeEach
    void ownDatabaseAndRole() throws SQLException {
        database = RealInfrastructure.createDatabase("stats");
        try (Connection c = DriverManager.getConnection(RealInfrastructure.jdbcUrl(database), "postgres", "");
             Statement s = c.createStatement()) {
            s.execute("create role " + role + " login");
            s.execute("grant create on schema public to " + role);
        }
    }

    @AfterEach
    void dropThem() throws SQLException {
        RealInfrastructure.dropDatabase(database);
        try (Connection c = DriverManager.getConnection(RealInfrastructure.jdbcUrl("postgres"), "postgres", "");
             Statement s = c.createStatement()) {
            s.execute("drop role if exists " + role);
        }
    }

    @Test
    void anOrdinaryOwnerRefreshesWhatIsDueAndOnlyThat() throws SQLException {
        PGSimpleDataSource asOwner = new PGSimpleDataSource();
        asOwner.setUrl(RealInfrastructure.jdbcUrl(database));
        asOwner.setUser(role);
        try (Connection c = asOwner.getConnection(); Statement s = c.createStatement()) {
            s.execute("create table loaded (id int)");
            s.execute("insert into loaded select generate_series(1, 5000)");
        }
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Counter failures = registry.counter("failures");
        TableStatistics statistics = new TableStatistics(asOwner, List.of("loaded"), TableStatistics.Refresh.ANALYZE,
                50, 0.1, registry.timer("refreshed"), failures);

        assertEquals(List.of("loaded"), statistics.refreshDue(), "a bulk-loaded table without statistics is due");
        assertEquals(List.of(), statistics.refreshDue(), "right after its refresh it is not");
        assertEquals(0.0, failures.count(), "nothing the owner may not read");
    }
}
