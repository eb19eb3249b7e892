package app.inbo.reading;

import app.inbo.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static app.inbo.reading.support.CatalogFixture.category;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * PostgreSQL drops the service's connections (a failover, an operator's {@code pg_terminate_backend}): a request
 * that meets a dead connection answers 503 with {@code Retry-After} (nothing was written, the same request passes
 * again), never 500; the pool replaces the connections and the next requests pass.
 */
@QuarkusTest
class DroppedConnectionsTest {

    @Test
    void aDroppedConnectionIsA503WithRetryAfterAndTheServiceRecovers() throws Exception {
        category("before-drop");
        String token = TestTokens.user(UUID.randomUUID());
        List<Response> answers = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            int terminated = terminateServiceConnections();
            assertTrue(terminated > 0, "the pool held connections to terminate");
            for (int i = 0; i < 20; i++) {
                answers.add(given().auth().oauth2(token).get("/api/reading/categories"));
            }
        }
        List<Integer> statuses = answers.stream().map(Response::statusCode).toList();
        assertTrue(statuses.stream().allMatch(s -> s == 200 || s == 503), statuses.toString());
        assertTrue(statuses.contains(503), "a request met a dropped connection: " + statuses);
        for (Response r : answers) {
            if (r.statusCode() == 503) {
                assertEquals("application/problem+json", r.contentType());
                assertEquals("1", r.header("Retry-After"));
            }
        }
        assertEquals(200, statuses.get(statuses.size() - 1), "the pool recovered");
    }

    /** Terminates the service's pooled connections, from a connection of the test's own (outside the pool). */
    private int terminateServiceConnections() throws Exception {
        String url = ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class);
        String user = ConfigProvider.getConfig().getValue("quarkus.datasource.username", String.class);
        try (Connection c = DriverManager.getConnection(url, user, ""); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("""
                     select count(*) filter (where pg_terminate_backend(pid)) from pg_stat_activity
                     where datname = current_database() and pid <> pg_backend_pid()""")) {
            rows.next();
            return rows.getInt(1);
        }
    }
}
