package app.inbo.loop;

import app.inbo.contracts.events.CategoryRef;
import app.inbo.contracts.events.CategoryUpserted;
import app.inbo.contracts.events.NewsletterUpserted;
import app.inbo.contracts.redis.RedisKeys;
import app.inbo.kafka.KafkaBroker;
import app.inbo.testing.EventFeed;
import app.inbo.testing.RealInfrastructure;
import app.inbo.testing.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The feedback loop, end to end, with the experience and recommendation services running as their shipped jars
 * against real PostgreSQL, Redis and Kafka: a user's home screen is rendered, the user clicks items of one
 * category, and within two seconds (polling, not sleeping) the clicks are user events with their metadata, the
 * user's features lean to that category, the cached recommendations were dropped, and the recommendations rank
 * that category higher than before.
 */
class FeedbackLoopTest {

    private static final int REDIS_DB = 15;
    private static final List<String> SLUGS = List.of("astronomy", "baking", "cycling", "databases");

    private static Path work;
    private static KafkaBroker broker;
    private static String bootstrap;
    private static String experienceDb;
    private static String recommendationDb;
    private static ServiceProcess experience;
    private static ServiceProcess recommendation;
    private static String redisAddress;
    private static final Map<UUID, String> CATEGORY_OF_ITEM = new HashMap<>();

    @BeforeAll
    static void startTheTwoServices() throws Exception {
        work = Files.createTempDirectory("inbo-loop-");
        String redis = RealInfrastructure.ownRedis(REDIS_DB);
        redisAddress = redis;
        bootstrap = RealInfrastructure.externalKafka();
        if (bootstrap == null) {
            broker = RealInfrastructure.startKafka(work.resolve("kafka"));
            bootstrap = broker.bootstrapServers();
        } else {
            RealInfrastructure.provisionTopics(bootstrap);
        }
        experienceDb = RealInfrastructure.createDatabase("loop_experience");
        recommendationDb = RealInfrastructure.createDatabase("loop_recommendation");
        TestTokens.writeKeyPair(work);
        ServiceProcess.Infrastructure infrastructure = new ServiceProcess.Infrastructure(
                RealInfrastructure.postgresAddress(), redis + "/" + REDIS_DB, bootstrap, work);
        String suffix = "-" + experienceDb;
        int recommendationPort = KafkaBroker.freePort();
        Map<String, String> common = Map.of("INBO_KAFKA_GROUP_SUFFIX", suffix);
        recommendation = ServiceProcess.start("recommendation-service", recommendationPort, infrastructure,
                recommendationDb, common, work);
        Map<String, String> expEnv = new HashMap<>(common);
        expEnv.put("QUARKUS_REST_CLIENT_RECOMMENDATION_URL", "http://127.0.0.1:" + recommendationPort);
        // the first counter reconciliation (which restores what Redis lost) one second after start
        expEnv.put("INBO_EXPERIENCE_COUNTERS_FIRST_RECONCILE_DELAY", "1s");
        experience = ServiceProcess.start("experience-service", KafkaBroker.freePort(), infrastructure,
                experienceDb, expEnv, work);
        recommendation.awaitReady(Duration.ofSeconds(120));
        experience.awaitReady(Duration.ofSeconds(120));
        publishCatalog();
    }

    @AfterAll
    static void stopEverything() throws Exception {
        if (experience != null) {
            experience.close();
        }
        if (recommendation != null) {
            recommendation.close();
        }
        if (broker != null) {
            broker.stop();
        }
        for (String db : new String[]{experienceDb, recommendationDb}) {
            if (db != null) {
                RealInfrastructure.dropDatabase(db);
            }
        }
    }

    /** Four categories of five newsletters each, as the reading service would announce them. */
    private static void publishCatalog() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        try (EventFeed feed = EventFeed.open(bootstrap)) {
            int n = 0;
            for (String slug : SLUGS) {
                CategoryRef category = new CategoryRef(UUID.randomUUID(), slug, slug);
                feed.publish(new CategoryUpserted(category.id(), slug, slug, 1), "reading-service");
                for (int i = 0; i < 5; i++, n++) {
                    UUID id = UUID.randomUUID();
                    CATEGORY_OF_ITEM.put(id, slug);
                    feed.publish(new NewsletterUpserted(id, slug + " letter " + i, "All about " + slug,
                            "https://" + slug + i + ".example", List.of(category), now.minus(n, ChronoUnit.HOURS),
                            now, now.minus(n, ChronoUnit.HOURS), 1), "reading-service");
                }
            }
        }
    }

    @Test
    void clicksOnOneCategoryChangeRecommendationsWithinTwoSeconds() throws Exception {
        UUID user = UUID.randomUUID();
        String token = TestTokens.user(user);
        String admin = TestTokens.admin(UUID.randomUUID());

        await("both services have the catalog").atMost(Duration.ofSeconds(30)).until(() ->
                recommendations(token).getList("items").size() >= 10
                        && home(token).getList("sections.items.flatten()").size() >= 10);
        warmUpTheLoop(admin);
        // a cold list is cached now: the next read is a cache hit
        assertTrue(recommendations(token).getBoolean("cached"), "recommendations are cached in Redis");
        List<String> before = categoriesInOrder(recommendations(token));

        JsonPath page = home(token);
        String renderId = page.getString("render_id");
        Map<UUID, String[]> shown = shownItems(page);
        String target = chooseTarget(before, shown);
        List<Map<String, Object>> clicks = new ArrayList<>();
        shown.forEach((item, where) -> {
            if (CATEGORY_OF_ITEM.get(item).equals(target) && clicks.size() < 3) {
                clicks.add(Map.of("render_id", renderId, "item_id", item.toString(), "section_type", where[0],
                        "position", Integer.parseInt(where[1]), "interaction_type", "click",
                        "dwell_time_ms", 1200, "session_id", "loop-session"));
            }
        });
        assertTrue(clicks.size() >= 2, "the page shows at least two items of the target category");

        long started = System.nanoTime();
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("interactions", clicks))
                .post(experience.baseUrl() + "/api/experience/interactions/batch").then().statusCode(202);

        await("user events, features and cache follow the clicks").atMost(Duration.ofSeconds(2))
                .pollInterval(Duration.ofMillis(25)).until(() -> {
                    var response = given().auth().oauth2(admin)
                            .get(recommendation.baseUrl() + "/api/recommendations/users/" + user + "/features");
                    if (response.statusCode() != 200) {
                        return false;
                    }
                    JsonPath features = response.jsonPath();
                    Integer clicked = features.get("event_counts.click");
                    return clicked != null && clicked == clicks.size()
                            && target.equals(features.getString("preferred_categories[0].slug"));
                });
        long tookMs = (System.nanoTime() - started) / 1_000_000;
        System.out.printf("feedback loop: %d clicks became user events and moved the features in %d ms%n",
                clicks.size(), tookMs);

        List<Map<String, Object>> events = userEvents(user);
        assertEquals(clicks.size(), events.size());
        for (Map<String, Object> event : events) {
            assertEquals("click", event.get("event_type"));
            assertEquals("newsletter", event.get("item_type"));
            assertEquals("home", event.get("app_section"));
            assertEquals("loop-session", event.get("session_id"));
            String metadata = (String) event.get("metadata");
            assertTrue(metadata.contains("\"dwell_time_ms\": 1200") || metadata.contains("\"dwell_time_ms\":1200"), metadata);
            assertTrue(metadata.contains("section_type"), metadata);
            assertTrue(metadata.contains("position"), metadata);
        }

        JsonPath after = recommendations(token);
        assertFalse(after.getBoolean("cached"), "the user's cached recommendations were invalidated by the clicks");
        List<String> afterCategories = categoriesInOrder(after);
        assertTrue(firstRank(afterCategories, target) < firstRank(before, target)
                        || share(afterCategories, target) > share(before, target),
                "category " + target + " ranks higher: before " + before + ", after " + afterCategories
                        + " (loop took " + tookMs + " ms)");
        assertEquals(target, afterCategories.get(0), "the clicked category now leads: " + afterCategories);
    }

    /**
     * The popularity counters of the running services: after interactions the experience service's Redis counters,
     * its stored interactions and the recommendation service's item features agree (the admin report finds nothing
     * on these items once the consumer has caught up); after Redis loses everything and the experience service
     * restarts, the counters are back at their exact values without anyone asking.
     */
    @Test
    void countersOfTheThreeSourcesAgreeAndSurviveARedisLossAndARestart() throws Exception {
        String admin = TestTokens.admin(UUID.randomUUID());
        String token = TestTokens.user(UUID.randomUUID());
        List<UUID> items = new ArrayList<>(CATEGORY_OF_ITEM.keySet()).subList(0, 2);
        await("the experience service has the catalog").atMost(Duration.ofSeconds(30))
                .until(() -> home(token).getList("sections.items.flatten()").size() >= 10);
        List<Map<String, Object>> batch = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            batch.add(Map.of("item_id", items.get(0).toString(), "interaction_type", "click"));
            batch.add(Map.of("item_id", items.get(1).toString(), "interaction_type", "view"));
        }
        batch.add(Map.of("item_id", items.get(1).toString(), "interaction_type", "dismiss"));
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("interactions", batch))
                .post(experience.baseUrl() + "/api/experience/interactions/batch").then().statusCode(202);

        await("the three sources agree on these items").atMost(Duration.ofSeconds(30)).until(() -> {
            JsonPath report = given().auth().oauth2(admin)
                    .post(experience.baseUrl() + "/api/experience/admin/counters/reconciliations")
                    .then().statusCode(200).extract().jsonPath();
            List<String> mine = report.getList("discrepancies.findAll { it.item_id == '" + items.get(0) + "' || "
                    + "it.item_id == '" + items.get(1) + "' }.finding");
            return "compared".equals(report.getString("features.status")) && mine.isEmpty();
        });
        assertEquals("5", redisGet(RedisKeys.itemCounter(items.get(0), "clicks")));
        assertEquals("5", redisGet(RedisKeys.itemCounter(items.get(1), "views")));
        assertEquals("1", redisGet(RedisKeys.itemCounter(items.get(1), "dismisses")));

        experience.close();
        redisCommand("FLUSHDB");
        assertEquals(null, redisGet(RedisKeys.itemCounter(items.get(0), "clicks")));
        experience = experience.startAgain();
        experience.awaitReady(Duration.ofSeconds(120));
        await("restored at startup").atMost(Duration.ofSeconds(30))
                .until(() -> "5".equals(redisGet(RedisKeys.itemCounter(items.get(0), "clicks"))));
        assertEquals("5", redisGet(RedisKeys.itemCounter(items.get(1), "views")));
        assertEquals("1", redisGet(RedisKeys.itemCounter(items.get(1), "dismisses")));
    }

    /**
     * An offline queue sent as one batch, not in time order: the recommendation service's features carry the
     * client's times — its most recent items are those the user touched last, when the user touched them.
     */
    @Test
    void aBatchQueuedOfflineReachesTheFeaturesWithTheClientsTimes() {
        UUID user = UUID.randomUUID();
        String token = TestTokens.user(user);
        String admin = TestTokens.admin(UUID.randomUUID());
        await("the experience service has the catalog").atMost(Duration.ofSeconds(30))
                .until(() -> home(token).getList("sections.items.flatten()").size() >= 10);
        List<UUID> items = new ArrayList<>(CATEGORY_OF_ITEM.keySet()).subList(2, 6);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        List<Instant> times = new ArrayList<>();
        List<Map<String, Object>> batch = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            times.add(now.minus(Duration.ofHours(5 - i)));
            batch.add(0, Map.of("item_id", items.get(i).toString(), "interaction_type", "click",
                    "occurred_at", times.get(i).toString()));
        }
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("interactions", batch))
                .post(experience.baseUrl() + "/api/experience/interactions/batch").then().statusCode(202);

        await("the batch is applied").atMost(Duration.ofSeconds(30)).until(() -> {
            var response = given().auth().oauth2(admin)
                    .get(recommendation.baseUrl() + "/api/recommendations/users/" + user + "/features");
            return response.statusCode() == 200 && response.jsonPath().getList("recent_items").size() == items.size();
        });
        JsonPath features = given().auth().oauth2(admin)
                .get(recommendation.baseUrl() + "/api/recommendations/users/" + user + "/features")
                .then().statusCode(200).extract().jsonPath();
        List<String> newestFirst = new ArrayList<>();
        List<Instant> newestTimesFirst = new ArrayList<>();
        for (int i = items.size() - 1; i >= 0; i--) {
            newestFirst.add(items.get(i).toString());
            newestTimesFirst.add(times.get(i));
        }
        assertEquals(newestFirst, features.getList("recent_items.item_id"));
        assertEquals(newestTimesFirst, features.getList("recent_items.last_interaction_at", String.class).stream()
                .map(Instant::parse).toList());
        assertEquals(times.get(items.size() - 1), Instant.parse(features.getString("updated_at")));
    }

    /** GET on this test's Redis database (a plain RESP exchange; null for a missing key). */
    private static String redisGet(String key) throws Exception {
        String reply = redisCommand("GET " + key);
        if (reply.startsWith("$-1")) {
            return null;
        }
        return reply.substring(reply.indexOf("\r\n") + 2, reply.lastIndexOf("\r\n"));
    }

    /** One command on this test's Redis database; the raw reply to it. */
    private static String redisCommand(String command) throws Exception {
        String host = redisAddress.substring(0, redisAddress.lastIndexOf(':'));
        int port = Integer.parseInt(redisAddress.substring(redisAddress.lastIndexOf(':') + 1));
        try (Socket socket = new Socket(host, port)) {
            socket.setSoTimeout(3000);
            socket.getOutputStream().write(("SELECT " + REDIS_DB + "\r\n" + command + "\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            BufferedReader in = new BufferedReader(new InputStreamReader(
                    socket.getInputStream(), StandardCharsets.US_ASCII));
            String selected = in.readLine();
            if (!"+OK".equals(selected)) {
                throw new IllegalStateException("SELECT " + REDIS_DB + ": " + selected);
            }
            String first = in.readLine();
            if (first.startsWith("$") && !first.equals("$-1")) {
                return first + "\r\n" + in.readLine() + "\r\n";
            }
            return first;
        }
    }

    /**
     * One click by another user, applied end to end, before the measured one: the two-second bound is about the
     * running loop, not about the JVMs compiling its code paths for the first time.
     */
    private static void warmUpTheLoop(String admin) {
        UUID someone = UUID.randomUUID();
        String token = TestTokens.user(someone);
        JsonPath page = home(token);
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("render_id", page.getString("render_id"), "item_id", page.getString("sections[0].items[0].id"),
                        "section_type", page.getString("sections[0].type"), "position", 0,
                        "interaction_type", "click", "dwell_time_ms", 10, "session_id", "warm-up"))
                .post(experience.baseUrl() + "/api/experience/interactions").then().statusCode(202);
        await("warm-up click applied").atMost(Duration.ofSeconds(30)).until(() -> {
            var features = given().auth().oauth2(admin)
                    .get(recommendation.baseUrl() + "/api/recommendations/users/" + someone + "/features");
            return features.statusCode() == 200 && features.jsonPath().getLong("events") > 0;
        });
        recommendations(token);
    }

    private static JsonPath recommendations(String token) {
        return given().auth().oauth2(token).get(recommendation.baseUrl() + "/api/recommendations/me?limit=10")
                .then().statusCode(200).extract().jsonPath();
    }

    private static JsonPath home(String token) {
        return given().auth().oauth2(token).get(experience.baseUrl() + "/api/experience/home?page=home")
                .then().statusCode(200).extract().jsonPath();
    }

    /** item → {section type, position} as the page showed it. */
    private static Map<UUID, String[]> shownItems(JsonPath page) {
        Map<UUID, String[]> shown = new LinkedHashMap<>();
        List<Map<String, Object>> sections = page.getList("sections");
        for (Map<String, Object> section : sections) {
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> items = (List<Map<String, Object>>) section.get("items");
            for (int i = 0; i < items.size(); i++) {
                shown.putIfAbsent(UUID.fromString((String) items.get(i).get("id")),
                        new String[]{(String) section.get("type"), Integer.toString(i)});
            }
        }
        return shown;
    }

    /** The category that the recommendations rank lowest and the page shows at least twice. */
    private static String chooseTarget(List<String> before, Map<UUID, String[]> shown) {
        String target = null;
        int worst = -1;
        for (String slug : SLUGS) {
            long onPage = shown.keySet().stream().filter(id -> CATEGORY_OF_ITEM.get(id).equals(slug)).count();
            int rank = firstRank(before, slug);
            if (onPage >= 2 && rank > worst) {
                worst = rank;
                target = slug;
            }
        }
        return target;
    }

    private static List<String> categoriesInOrder(JsonPath recommendations) {
        List<String> categories = new ArrayList<>();
        for (Object id : recommendations.getList("items.id")) {
            categories.add(CATEGORY_OF_ITEM.get(UUID.fromString((String) id)));
        }
        return categories;
    }

    private static int firstRank(List<String> categories, String slug) {
        int index = categories.indexOf(slug);
        return index < 0 ? Integer.MAX_VALUE : index;
    }

    private static long share(List<String> categories, String slug) {
        return categories.stream().filter(slug::equals).count();
    }

    private static List<Map<String, Object>> userEvents(UUID user) throws Exception {
        List<Map<String, Object>> events = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(RealInfrastructure.jdbcUrl(recommendationDb), "postgres", "");
             PreparedStatement q = c.prepareStatement("select event_type, item_type, app_section, session_id, "
                     + "metadata::text from user_event where user_id = ? order by occurred_at")) {
            q.setObject(1, user);
            try (ResultSet rows = q.executeQuery()) {
                while (rows.next()) {
                    events.add(Map.of("event_type", rows.getString(1), "item_type", rows.getString(2),
                            "app_section", String.valueOf(rows.getString(3)), "session_id",
                            String.valueOf(rows.getString(4)), "metadata", rows.getString(5)));
                }
            }
        }
        return events;
    }
}
