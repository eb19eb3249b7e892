package app.inbo.testing;

import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * The probes every service must offer; each service runs it as a {@code @QuarkusTest} subclass.
 * Readiness checks PostgreSQL, Redis and Kafka for real: DOWN (503) while one is away, UP when it is back.
 */
public abstract class ReadinessContract {

    @Test
    public void probesAndMetricsAndOpenApiAreServed() {
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().when().get("/q/health/started").then().statusCode(200);
        ready().statusCode(200).body("checks.name", hasItem("kafka")).body("checks.name", hasItem("redis"))
                .body("checks.name", hasItem("Database connections health check"));
        given().when().get("/q/metrics").then().statusCode(200);
        given().when().get("/q/openapi").then().statusCode(200);
    }

    @Test
    public void readinessFollowsRedis() {
        ready().statusCode(200);
        TestInfra.cutRedis();
        try {
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                    ready().statusCode(503).body("status", equalTo("DOWN")).body("checks.find { it.name == 'redis' }.status", equalTo("DOWN")));
        } finally {
            TestInfra.restoreRedis();
        }
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> ready().statusCode(200).body("status", equalTo("UP")));
    }

    @Test
    public void readinessFollowsKafka() throws Exception {
        Assumptions.assumeTrue(TestInfra.ownsKafka(), "needs the broker the tests started");
        ready().statusCode(200);
        TestInfra.stopKafka();
        try {
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                    ready().statusCode(503).body("checks.find { it.name == 'kafka' }.status", equalTo("DOWN")));
        } finally {
            TestInfra.startKafka();
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> ready().statusCode(200).body("status", equalTo("UP")));
    }

    private static ValidatableResponse ready() {
        return given().when().get("/q/health/ready").then();
    }
}
