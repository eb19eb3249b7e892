package app.inbo.experience;

import app.inbo.contracts.api.ItemCounts;
import app.inbo.contracts.redis.RedisKeys;
import app.inbo.experience.domain.CatalogRepository;
import app.inbo.experience.service.popularity.CounterJobs;
import app.inbo.experience.service.popularity.ReconciliationReport;
import app.inbo.experience.support.CatalogFixture;
import app.inbo.experience.support.Neighbours;
import app.inbo.testing.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Redis counters, the stored interactions and the item features (the recommendation service stubbed over HTTP)
 * kept in agreement: backup with validation, reconciliation with correction and restore, one job at a time.
 * Other tests of this JVM store interactions too, so assertions look at this test's own items.
 */
@QuarkusTest
class CounterReconciliationTest {

    @Inject
    CatalogRepository catalog;

    @Inject
    CounterJobs jobs;

    @Inject
    RedisDataSource redis;

    @Inject
    EntityManager em;

    private final UUID user = UUID.randomUUID();
    private final String token = TestTokens.user(user);
    private UUID hot;
    private UUID quiet;

    @BeforeEach
    void itemsWithInteractions() {
        Neighbours.allUp();
        try (CatalogFixture fixture = new CatalogFixture(catalog)) {
            hot = fixture.newsletter("counted-hot", 1, CatalogFixture.category("counters"));
            quiet = fixture.newsletter("counted-quiet", 1, CatalogFixture.category("counters"));
            fixture.awaitProjected();
        }
        List<Map<String, Object>> batch = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            batch.add(Map.of("item_id", hot.toString(), "interaction_type", "click"));
        }
        for (int i = 0; i < 30; i++) {
            batch.add(Map.of("item_id", hot.toString(), "interaction_type", "view"));
        }
        batch.add(Map.of("item_id", quiet.toString(), "interaction_type", "view"));
        batch.add(Map.of("item_id", quiet.toString(), "interaction_type", "dismiss"));
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("interactions", batch))
                .when().post("/api/experience/interactions/batch").then().statusCode(202);
        await().atMost(Duration.ofSeconds(15)).until(() -> "12".equals(counter(hot, "clicks"))
                && "1".equals(counter(quiet, "dismisses")));
        Neighbours.itemCounts(List.of(new ItemCounts(hot, 30, 12, 0, 0), new ItemCounts(quiet, 1, 0, 0, 1)));
    }

    @Test
    void afterInteractionsTheThreeSourcesAgree() {
        ReconciliationReport report = jobs.reconcile("test");

        assertEquals("completed", report.status());
        assertEquals(List.of(), mine(report), "no discrepancy on this test's items");
        assertEquals("compared", report.features().status());
        assertEquals(Map.of("views", 30L, "clicks", 12L), stored(hot));
        assertEquals(Map.of("views", 1L, "dismisses", 1L), stored(quiet));
        assertEquals("30", counter(hot, "views"));
    }

    @Test
    void lostCountersAreRestoredToTheirExactValuesByOneReconciliation() {
        jobs.reconcile("test");
        // what FLUSHALL does to a Redis of its own: this service's database (index) loses every counter and bucket
        redis.execute("flushdb");

        ReconciliationReport report = jobs.reconcile("test");

        assertEquals("12", counter(hot, "clicks"));
        assertEquals("30", counter(hot, "views"));
        assertEquals("1", counter(quiet, "views"));
        assertEquals("1", counter(quiet, "dismisses"));
        assertTrue(report.restored() >= 4, "restored " + report.restored());
        assertTrue(mine(report).stream().allMatch(d -> d.finding().equals("lost") && d.action().equals("restored")),
                mine(report).toString());
        assertEquals(4, mine(report).size());
        assertTrue(report.trendingItemsRestored() >= 2, "trending restored: " + report.trendingItemsRestored());
        assertNotNull(redis.sortedSet(String.class).zscore(RedisKeys.trendingBoard(), hot.toString()),
                "the trending board knows the item again");
        assertEquals(List.of(), mine(jobs.reconcile("test")), "nothing left to fix");
    }

    @Test
    void corruptedCountersAreDetectedReportedAndCorrected() {
        double before = metric("experience_counter_corrections_total", "too_high");
        redis.value(String.class).set(RedisKeys.itemClicks(hot), "5000");
        redis.value(String.class).set(RedisKeys.itemViews(quiet), "-7");

        ReconciliationReport report = jobs.reconcile("test");

        assertEquals(Set.of("clicks too_high 5000 corrected", "views negative -7 corrected"),
                new HashSet<>(mine(report).stream().map(d -> d.counter() + " " + d.finding() + " " + d.redis() + " "
                        + d.action()).toList()));
        assertEquals("12", counter(hot, "clicks"));
        assertEquals("1", counter(quiet, "views"));
        assertTrue(report.totalDrift() >= 4988 + 8, "drift " + report.totalDrift());
        assertEquals(before + 1, metric("experience_counter_corrections_total", "too_high"));
        assertTrue(metric("experience_counter_drift", null) >= 4988 + 8);
        assertTrue(metric("experience_counter_drifting_items", null) >= 2);
    }

    @Test
    void smallDifferencesWaitWhileIncrementsMayBeInFlightAndAreCorrectedExactlyOnceSettled() {
        // a fresh interaction: its counter has not settled (test settle time: 5 s)
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("item_id", hot.toString(), "interaction_type", "view"))
                .when().post("/api/experience/interactions").then().statusCode(202);
        await().atMost(Duration.ofSeconds(5)).until(() -> "31".equals(counter(hot, "views")));
        redis.value(String.class).set(RedisKeys.itemViews(hot), "30"); // 1 short: an increment in flight looks like this
        redis.value(String.class).set(RedisKeys.itemClicks(hot), "13"); // 1 over: so does a restore racing one

        ReconciliationReport report = jobs.reconcile("test");

        assertEquals(Set.of("views too_low deferred", "clicks too_high deferred"), new HashSet<>(redisFindings(report)));
        assertEquals("30", counter(hot, "views"));

        // once nothing can be in flight any more, one quiet reconciliation sets them exactly: no drift is left for good
        await().atMost(Duration.ofSeconds(20)).pollDelay(Duration.ofSeconds(1)).pollInterval(Duration.ofSeconds(1))
                .until(() -> {
                    jobs.reconcile("test");
                    return "31".equals(counter(hot, "views"));
                });
        assertEquals("12", counter(hot, "clicks"));
        assertEquals(List.of(), redisFindings(jobs.reconcile("test")));
    }

    /**
     * Redis loses everything while interactions flow; reconciliations run during the traffic; once it stops, one
     * reconciliation after the settle time leaves every counter exactly at the stored count.
     */
    @Test
    void afterALossUnderTrafficOneQuietReconciliationLeavesNoDrift() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(4);
        java.util.concurrent.atomic.AtomicBoolean flowing = new java.util.concurrent.atomic.AtomicBoolean(true);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < 4; c++) {
                String type = c % 2 == 0 ? "click" : "view";
                UUID item = c < 2 ? hot : quiet;
                running.add(clients.submit(() -> {
                    while (flowing.get()) {
                        given().auth().oauth2(token).contentType(ContentType.JSON)
                                .body(Map.of("item_id", item.toString(), "interaction_type", type))
                                .when().post("/api/experience/interactions").then().statusCode(202);
                    }
                    return null;
                }));
            }
            Thread.sleep(300);
            redis.execute("flushdb");
            jobs.reconcile("test");
            Thread.sleep(300);
            jobs.reconcile("test");
            flowing.set(false);
            for (Future<?> client : running) {
                client.get();
            }
        } finally {
            clients.shutdownNow();
        }
        await().atMost(Duration.ofSeconds(20)).pollDelay(Duration.ofSeconds(6)).pollInterval(Duration.ofSeconds(1))
                .until(() -> !jobs.reconcile("test").status().equals("skipped"));
        for (UUID item : List.of(hot, quiet)) {
            Map<String, Long> stored = stored(item);
            stored.forEach((counterName, value) ->
                    assertEquals(Long.toString(value), counter(item, counterName), item + " " + counterName));
        }
        assertEquals(List.of(), redisFindings(jobs.reconcile("test")), "no drift left");
    }

    @Test
    void snapshotsRejectSpikesDecreasesAndNegativesAndKeepTheLastGoodValue() {
        assertEquals("completed", jobs.snapshot().status());
        assertEquals(30L, snapshot(hot, "views"));
        double spikes = metric("experience_counter_rejected_total", "spike");

        redis.value(String.class).set(RedisKeys.itemViews(hot), "1000030");
        redis.value(String.class).set(RedisKeys.itemClicks(hot), "3");
        redis.value(String.class).set(RedisKeys.itemViews(quiet), "-1");
        CounterJobs.SnapshotReport report = jobs.snapshot();

        Map<String, String> reasons = new java.util.HashMap<>();
        report.rejections().stream().filter(r -> r.itemId().equals(hot) || r.itemId().equals(quiet))
                .forEach(r -> reasons.put(r.itemId().equals(hot) ? r.counter() : "quiet " + r.counter(), r.reason()));
        assertEquals(Map.of("views", "spike", "clicks", "decreased", "quiet views", "negative"), reasons);
        assertEquals(30L, snapshot(hot, "views"), "the previous good value stands");
        assertEquals(12L, snapshot(hot, "clicks"));
        assertEquals(spikes + 1, metric("experience_counter_rejected_total", "spike"));

        jobs.reconcile("test");
        assertEquals("30", counter(hot, "views"));
        assertEquals("12", counter(hot, "clicks"));
        assertEquals(0, jobs.snapshot().rejections().stream().filter(r -> r.itemId().equals(hot)).count(),
                "after the correction the counters pass validation again");
        assertEquals(30L, snapshot(hot, "views"));
    }

    @Test
    void itemFeaturesBehindTheRecordAreLagNotCorrected() {
        Neighbours.itemCounts(List.of(new ItemCounts(hot, 25, 12, 0, 0)));

        ReconciliationReport report = jobs.reconcile("test");

        List<String> findings = mine(report).stream()
                .map(d -> d.itemId().equals(hot) ? d.counter() + " " + d.finding() + " " + d.features() + "/"
                        + d.stored() + " " + d.action() : "quiet " + d.counter() + " " + d.finding()).sorted().toList();
        assertEquals(List.of("quiet dismisses feature_lag", "quiet views feature_lag",
                "views feature_lag 25/30 reported"), findings);
        assertTrue(report.features().lag() >= 7);
        assertEquals("30", counter(hot, "views"), "Redis is right and stays as it is");
    }

    @Test
    void withoutTheRecommendationServiceTheRestIsStillReconciled() {
        Neighbours.set(Neighbours.Service.ITEM_COUNTS, Neighbours.Mode.DOWN);
        redis.value(String.class).set(RedisKeys.itemClicks(hot), "99");

        ReconciliationReport report = jobs.reconcile("test");

        assertEquals("unavailable", report.features().status());
        assertNotNull(report.features().reason());
        assertEquals("12", counter(hot, "clicks"));
    }

    /** Two runs at once (each its own transaction and connection, as two instances) never both apply. */
    @Test
    void concurrentRunsNeverDoubleApply() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 4; round++) {
                redis.value(String.class).set(RedisKeys.itemClicks(hot), Integer.toString(500 + round));
                CountDownLatch start = new CountDownLatch(1);
                Callable<ReconciliationReport> run = () -> {
                    start.await();
                    return jobs.reconcile("test");
                };
                Future<ReconciliationReport> first = pool.submit(run);
                Future<ReconciliationReport> second = pool.submit(run);
                start.countDown();
                List<ReconciliationReport> reports = List.of(first.get(), second.get());
                long corrections = reports.stream().flatMap(r -> mine(r).stream())
                        .filter(d -> d.action().equals("corrected")).count();
                assertEquals(1, corrections, "round " + round + ": " + reports);
                assertEquals("12", counter(hot, "clicks"));
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(Map.of("views", 30L, "clicks", 12L), stored(hot), "deltas folded exactly once");
    }

    @Test
    void adminsRunItAndReadTheReports() {
        redis.value(String.class).set(RedisKeys.itemClicks(hot), "77");
        String admin = TestTokens.admin(UUID.randomUUID());

        given().auth().oauth2(admin).when().post("/api/experience/admin/counters/reconciliations")
                .then().statusCode(200).body("status", org.hamcrest.Matchers.equalTo("completed"))
                .body("discrepancies.find { it.item_id == '" + hot + "' }.finding",
                        org.hamcrest.Matchers.equalTo("too_high"))
                .body("discrepancies.find { it.item_id == '" + hot + "' }.action",
                        org.hamcrest.Matchers.equalTo("corrected"));
        given().auth().oauth2(admin).queryParam("limit", 1).when().get("/api/experience/admin/counters/reconciliations")
                .then().statusCode(200).body("size()", org.hamcrest.Matchers.equalTo(1))
                .body("[0].trigger", org.hamcrest.Matchers.equalTo("admin"));
        given().auth().oauth2(admin).when().post("/api/experience/admin/counters/snapshots")
                .then().statusCode(200).body("status", org.hamcrest.Matchers.equalTo("completed"));
        given().auth().oauth2(token).when().post("/api/experience/admin/counters/reconciliations")
                .then().statusCode(403);
    }

    private List<ReconciliationReport.Discrepancy> mine(ReconciliationReport report) {
        return report.discrepancies().stream().filter(d -> d.itemId().equals(hot) || d.itemId().equals(quiet)).toList();
    }

    /** This test's discrepancies between Redis and the record (the stubbed item features aside). */
    private List<String> redisFindings(ReconciliationReport report) {
        return mine(report).stream().filter(d -> !d.finding().startsWith("feature_"))
                .map(d -> d.counter() + " " + d.finding() + " " + d.action()).toList();
    }

    private String counter(UUID item, String counter) {
        return redis.value(String.class).get(RedisKeys.itemCounter(item, counter));
    }

    private Map<String, Long> stored(UUID item) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Map<String, Long> counts = new java.util.HashMap<>();
            for (Object row : em.createNativeQuery("select counter, value from item_count where item_id = :item")
                    .setParameter("item", item).getResultList()) {
                Object[] c = (Object[]) row;
                counts.put((String) c[0], ((Number) c[1]).longValue());
            }
            return counts;
        });
    }

    private Long snapshot(UUID item, String counter) {
        List<?> rows = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                        "select value from counter_snapshot where item_id = :item and counter = :counter")
                .setParameter("item", item).setParameter("counter", counter).getResultList());
        return rows.isEmpty() ? null : ((Number) rows.get(0)).longValue();
    }

    /** A value from /q/metrics ({@code reason} tag when given; 0 when the series does not exist yet). */
    private static double metric(String name, String reason) {
        String body = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        double sum = 0;
        for (String line : body.split("\n")) {
            if (line.startsWith(name) && !line.startsWith("#")
                    && (line.charAt(name.length()) == '{' || line.charAt(name.length()) == ' ')
                    && (reason == null || line.contains("reason=\"" + reason + "\""))) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }
}
