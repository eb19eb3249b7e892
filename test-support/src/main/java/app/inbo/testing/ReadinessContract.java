package app.inbo.testing;

import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.both;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;

/**
 * The probes every service must offer, as Kubernetes uses them; each service runs it as a {@code @QuarkusTest}
 * subclass. Ready means "can serve its API": the service's own database decides. Redis and Kafka are reported in
 * the health group {@code dependencies}; while either is away the service stays ready and live and its API answers
 * (degraded where documented), so a cache or broker outage never takes every pod out of rotation.
 */
public abstract class ReadinessContract {

    /** A request of the service's API as a user makes it; it must answer 2xx with Redis or Kafka away. */
    protected abstract ValidatableResponse callApi();

    @Test
    public void probesAndMetricsAndOpenApiAreServed() {
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().when().get("/q/health/started").then().statusCode(200);
        ready().statusCode(200).body("checks.name", hasItem("Database connections health check"))
                .body("checks.name", not(hasItem("redis"))).body("checks.name", not(hasItem("kafka")));
        dependencies().statusCode(200).body("checks.name", hasItem("kafka")).body("checks.name", hasItem("redis"));
        given().when().get("/q/metrics").then().statusCode(200);
        given().when().get("/q/openapi").then().statusCode(200);
    }

    @Test
    public void withoutRedisTheServiceStaysReadyAndServes() {
        TestInfra.cutRedis();
        try {
            readyLiveAndServingWithout("redis", Duration.ofSeconds(15));
        } finally {
            TestInfra.restoreRedis();
        }
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> dependencies().statusCode(200));
    }

    @Test
    public void withoutKafkaTheServiceStaysReadyAndServes() throws Exception {
        Assumptions.assumeTrue(TestInfra.ownsKafka(), "needs the broker the tests started");
        TestInfra.stopKafka();
        try {
            readyLiveAndServingWithout("kafka", Duration.ofSeconds(20));
        } finally {
            TestInfra.startKafka();
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> dependencies().statusCode(200));
    }

    /** Once the dependencies group reports {@code dependency} DOWN: still ready, live, and the API answers 2xx. */
    private void readyLiveAndServingWithout(String dependency, Duration within) {
        await().atMost(within).untilAsserted(() -> dependencies().statusCode(503)
                .body("checks.find { it.name == '" + dependency + "' }.status", equalTo("DOWN")));
        ready().statusCode(200).body("status", equalTo("UP"));
        given().when().get("/q/health/live").then().statusCode(200);
        callApi().statusCode(both(greaterThanOrEqualTo(200)).and(lessThan(300)));
    }

    private static ValidatableResponse ready() {
        return given().when().get("/q/health/ready").then();
    }

    private static ValidatableResponse dependencies() {
        return given().when().get("/q/health/group/dependencies").then();
    }
}
