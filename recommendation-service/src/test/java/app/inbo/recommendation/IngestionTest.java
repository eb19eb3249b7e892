package app.inbo.recommendation;

import app.inbo.contracts.events.EventCodec;
import app.inbo.contracts.events.EventEnvelope;
import app.inbo.contracts.events.InteractionRecorded;
import app.inbo.contracts.events.ItemType;
import app.inbo.contracts.topics.Topics;
import app.inbo.recommendation.support.CatalogFixture;
import app.inbo.recommendation.support.EventFedTest;
import app.inbo.testing.EventTap;
import app.inbo.testing.TestTokens;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Interactions and reading progress become user events and features, exactly once; poison is parked. */
@QuarkusTest
class IngestionTest extends EventFedTest {

    @Inject
    MeterRegistry registry;

    private CatalogFixture catalog() {
        return catalog("ing", 3, 4);
    }

    @Test
    void everyInteractionTypeBecomesTheDocumentedUserEventWithItsMetadata() {
        CatalogFixture c = catalog();
        UUID user = UUID.randomUUID();
        List<UUID> posts = c.posts(0);
        feed.publish(CatalogFixture.interaction(user, posts.get(0), "click", 2), "experience-service");
        feed.publish(CatalogFixture.interaction(user, posts.get(1), "view", 0), "experience-service");
        feed.publish(CatalogFixture.interaction(user, posts.get(1), "open", 0), "experience-service");
        feed.publish(CatalogFixture.interaction(user, posts.get(2), "dismiss", 5), "experience-service");
        feed.publish(CatalogFixture.interaction(user, posts.get(2), "share", 5), "experience-service");
        feed.publish(CatalogFixture.progress(user, posts.get(3), 40), "reading-service");
        feed.publish(CatalogFixture.progress(user, posts.get(3), 100), "reading-service");

        await().atMost(Duration.ofSeconds(10)).until(() -> c.count("select count(*) from user_event where user_id = ?", user) == 6);
        assertEquals(List.of(List.of("click", "1"), List.of("complete", "1"), List.of("dismiss", "1"), List.of("open", "2"),
                        List.of("read", "1")),
                CatalogFixture.rows(db, "select event_type, count(*) from user_event where user_id = ? group by event_type order by 1", user));
        List<Object> click = CatalogFixture.rows(db, """
                select item_id, item_type, app_section, session_id, metadata->>'section_type', metadata->>'position',
                       metadata->>'dwell_time_ms', metadata->>'interaction_type'
                from user_event where user_id = ? and event_type = 'click'""", user).get(0);
        assertEquals(List.of(posts.get(0).toString(), "post", "home", "session-" + user.toString().substring(0, 8),
                "for_you", "2", "1500", "click"), click);
        assertEquals("view", CatalogFixture.rows(db, """
                select metadata->>'interaction_type' from user_event where user_id = ? and item_id = ? order by occurred_at limit 1""",
                user, posts.get(1)).get(0).get(0));
    }

    @Test
    void featuresMoveWithTheUsersEvents() {
        CatalogFixture c = catalog();
        UUID user = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        for (int i = 0; i < 3; i++) {
            feed.publish(CatalogFixture.interaction(user, c.posts(1).get(i), "click", i), "experience-service");
        }
        feed.publish(CatalogFixture.interaction(user, c.posts(2).get(0), "click", 3), "experience-service");
        feed.publish(CatalogFixture.interaction(user, c.posts(2).get(1), "dismiss", 4), "experience-service");
        feed.publish(CatalogFixture.progress(user, c.posts(1).get(3), 100), "reading-service");
        // another user engages with two of the same items: co-engagement counts users
        feed.publish(CatalogFixture.interaction(other, c.posts(1).get(0), "click", 0), "experience-service");
        feed.publish(CatalogFixture.interaction(other, c.posts(1).get(1), "view", 1), "experience-service");
        feed.publish(CatalogFixture.interaction(other, c.posts(1).get(1), "click", 1), "experience-service");

        await().atMost(Duration.ofSeconds(10)).until(() -> c.count("select count(*) from user_event where user_id in (?, ?)", user, other) == 9);
        String admin = TestTokens.admin(UUID.randomUUID());
        var features = given().auth().oauth2(admin).when().get("/api/recommendations/users/" + user + "/features")
                .then().statusCode(200).extract().jsonPath();
        assertEquals(c.category(1).slug(), features.getString("preferred_categories[0].slug"));
        assertEquals(c.category(2).slug(), features.getString("category_affinity[-1].slug"), "the dismissal outweighs the click");
        assertTrue(features.getDouble("preferred_categories[0].weight") > 4.0, features.prettify());
        assertEquals(List.of(c.posts(1).get(3).toString()), features.getList("completed_items"));
        assertEquals(List.of(c.posts(2).get(1).toString()), features.getList("dismissed_items"));
        assertEquals(6, features.getLong("events"));

        var item = given().auth().oauth2(admin).when().get("/api/recommendations/items/" + c.posts(1).get(1) + "/features")
                .then().statusCode(200).extract().jsonPath();
        assertEquals(1, item.getInt("views"));
        assertEquals(2, item.getInt("clicks"));
        assertEquals(2.0, item.getDouble("ctr"));
        assertTrue(item.getDouble("popularity") > 1.9);

        // user: 4 first engagements of 1/0,1/1,1/2,2/0 and the completion; other: 1/0 then 1/1 → the pair 1/0–1/1 twice
        // one row per unordered pair, the smaller id first
        assertEquals(List.of(List.of("2.0")), CatalogFixture.rows(db,
                "select weight from item_co_engagement where item_id = least(?::uuid, ?::uuid) and other_item_id = greatest(?::uuid, ?::uuid)",
                c.posts(1).get(0), c.posts(1).get(1), c.posts(1).get(0), c.posts(1).get(1)));
        assertEquals(List.of(), CatalogFixture.rows(db,
                "select weight from item_co_engagement where item_id = greatest(?::uuid, ?::uuid) and other_item_id = least(?::uuid, ?::uuid)",
                c.posts(1).get(0), c.posts(1).get(1), c.posts(1).get(0), c.posts(1).get(1)));

        String service = TestTokens.service("experience-service");
        given().auth().oauth2(service).when().get("/internal/recommendations/users/" + user).then().statusCode(200)
                .body("profile.user_id", equalTo(user.toString()))
                .body("profile.preferred_categories[0].slug", equalTo(c.category(1).slug()))
                .body("profile.completed_items[0]", equalTo(c.posts(1).get(3).toString()))
                .body("profile.dismissed_items[0]", equalTo(c.posts(2).get(1).toString()));
    }

    @Test
    void redeliveryOfEveryEventChangesNothing() {
        CatalogFixture c = catalog();
        UUID user = UUID.randomUUID();
        List<EventEnvelope<?>> sent = new ArrayList<>();
        sent.add(feed.publish(CatalogFixture.interaction(user, c.posts(0).get(0), "click", 1), "experience-service"));
        sent.add(feed.publish(CatalogFixture.interaction(user, c.posts(0).get(1), "view", 2), "experience-service"));
        sent.add(feed.publish(CatalogFixture.interaction(user, c.posts(0).get(1), "open", 2), "experience-service"));
        sent.add(feed.publish(CatalogFixture.interaction(user, c.posts(1).get(0), "click", 3), "experience-service"));
        sent.add(feed.publish(CatalogFixture.interaction(user, c.posts(2).get(0), "dismiss", 4), "experience-service"));
        sent.add(feed.publish(CatalogFixture.progress(user, c.posts(0).get(2), 30), "reading-service"));
        sent.add(feed.publish(CatalogFixture.progress(user, c.posts(0).get(2), 100), "reading-service"));
        await().atMost(Duration.ofSeconds(10)).until(() -> c.count("select count(*) from user_event where user_id = ?", user) == 7);
        List<List<List<Object>>> before = snapshot(user, c);

        double duplicatesBefore = duplicates();
        sent.forEach(feed::publish);
        await().atMost(Duration.ofSeconds(10)).until(() -> duplicates() - duplicatesBefore >= sent.size());
        assertEquals(before, snapshot(user, c));
    }

    @Test
    void poisonIsDeadLetteredWithItsReasonAndLaterRecordsAreApplied() {
        CatalogFixture c = catalog();
        UUID user = UUID.randomUUID();
        String key = user.toString();
        feed.send(Topics.INTERACTIONS, key, "{not json");
        EventEnvelope<InteractionRecorded> future = EventEnvelope.wrap(CatalogFixture.interaction(user, c.posts(0).get(0), "click", 0),
                "experience-service", Instant.now());
        feed.send(Topics.INTERACTIONS, key, EventCodec.encode(future).replace("\"schema_version\":1", "\"schema_version\":99"));
        feed.publish(new InteractionRecorded(UUID.randomUUID(), user, null, ItemType.POST, "click", "for_you", 0, null,
                "s", null, "home", Instant.now()), "experience-service");
        feed.publish(CatalogFixture.interaction(user, c.posts(0).get(3), "click", 1), "experience-service");

        await().atMost(Duration.ofSeconds(15)).until(() -> c.count("select count(*) from user_event where user_id = ?", user) == 1);
        EventTap deadLetters = EventTap.on(Topics.DEAD_LETTER_RECOMMENDATION);
        await().atMost(Duration.ofSeconds(10)).until(() -> reasons(deadLetters, key).size() == 3);
        List<String> reasons = reasons(deadLetters, key);
        assertTrue(reasons.get(0).startsWith("MALFORMED"), reasons.toString());
        assertTrue(reasons.get(1).startsWith("UNSUPPORTED_VERSION"), reasons.toString());
        assertTrue(reasons.get(2).startsWith("HANDLER_FAILED") && reasons.get(2).contains("item_id is missing"), reasons.toString());
        assertEquals("{not json", deadLetters.records().stream().filter(r -> key.equals(r.key())).findFirst().orElseThrow().value());

        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("inbo_events_dead_lettered_total{consumer=\"recommendation-service\",reason=\"MALFORMED\"}"))
                .body(containsString("kafka_consumer_fetch_manager_records_lag_max"))
                .body(containsString("recommendation_user_events_total"));
    }

    private static List<String> reasons(EventTap tap, String key) {
        List<String> reasons = new ArrayList<>();
        for (ConsumerRecord<String, String> record : tap.records()) {
            if (key.equals(record.key())) {
                reasons.add(new String(record.headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8));
            }
        }
        return reasons;
    }

    private double duplicates() {
        var counter = registry.find("inbo_events_duplicates_total").tag("consumer", "recommendation-service").counter();
        return counter == null ? 0 : counter.count();
    }

    private List<List<List<Object>>> snapshot(UUID user, CatalogFixture c) {
        return List.of(
                CatalogFixture.rows(db, "select id, event_type, item_id, metadata::text from user_event where user_id = ? order by id", user),
                CatalogFixture.rows(db, "select category_id, weight, as_of from user_category_affinity where user_id = ? order by 1", user),
                CatalogFixture.rows(db, "select item_id, interactions, engaged_at, progress, completed, dismissed from user_item_state where user_id = ? order by 1", user),
                CatalogFixture.rows(db, "select events, updated_at from user_feature where user_id = ?", user),
                CatalogFixture.rows(db, "select f.* from item_feature f join user_item_state s on s.item_id = f.item_id and s.user_id = ? order by 1", user),
                CatalogFixture.rows(db, "select e.* from item_co_engagement e where exists (select 1 from user_item_state s "
                        + "where s.user_id = ? and s.item_id in (e.item_id, e.other_item_id)) order by 1, 2", user));
    }
}
