package app.inbo.recommendation;

import app.inbo.contracts.events.EventEnvelope;
import app.inbo.contracts.events.InteractionRecorded;
import app.inbo.contracts.events.ItemType;
import app.inbo.recommendation.support.CatalogFixture;
import app.inbo.recommendation.support.EventFedTest;
import app.inbo.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Clients queue interactions offline and send them in one batch; the experience service then produces them in one
 * go, all received at the same moment, each with the client's {@code occurred_at}, in that order. The features
 * must be those of the same interactions posted one by one as they happened: item state, "most recent" items,
 * affinity, the user's latest activity and co-engagement follow the client times, not the time of receipt or of
 * the event envelope.
 */
@QuarkusTest
class ClientEventTimeTest extends EventFedTest {

    private static final String MICROS = "cast(extract(epoch from %s) * 1000000 as bigint)";

    /** More items than co-engagement's "most recent" window (10), so the order decides which pairs are formed. */
    private static final int ITEMS = 12;

    @Test
    void aBatchWithClientTimesGivesTheFeaturesOfTheSameInteractionsPostedOneByOne() {
        CatalogFixture c = catalog("client-time", 1, ITEMS);
        List<UUID> items = c.posts(0);
        UUID batched = UUID.randomUUID();
        UUID oneByOne = UUID.randomUUID();
        Instant received = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        List<Instant> times = new ArrayList<>();
        for (int i = 0; i < ITEMS; i++) {
            // the first an hour and a half ago, 7 minutes apart: a commute offline
            times.add(received.minus(Duration.ofMinutes(90)).plus(Duration.ofMinutes(7L * i)));
        }

        // the batch: all received now, produced together (the envelopes all say now)
        for (int i = 0; i < ITEMS; i++) {
            feed.publish(EventEnvelope.wrap(click(batched, items.get(i), i, times.get(i), received),
                    "experience-service", received));
        }
        // the same interactions posted as they happened, each applied before the next
        for (int i = 0; i < ITEMS; i++) {
            feed.publish(EventEnvelope.wrap(click(oneByOne, items.get(i), i, times.get(i), times.get(i)),
                    "experience-service", times.get(i)));
            long applied = i + 1;
            await().atMost(Duration.ofSeconds(10)).until(() -> c.count(
                    "select count(*) from user_event where user_id = ?", oneByOne) == applied);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> c.count(
                "select count(*) from user_event where user_id = ?", batched) == ITEMS);

        List<List<Object>> state = itemState(batched);
        assertEquals(itemState(oneByOne), state);
        for (int i = 0; i < ITEMS; i++) {
            String item = items.get(i).toString();
            assertEquals(List.of(item, "1", micros(times.get(i)), micros(times.get(i))),
                    state.stream().filter(row -> row.get(0).equals(item)).findFirst().orElseThrow(),
                    "engaged when the user clicked, not when the batch arrived");
        }
        assertEquals(times.stream().map(ClientEventTimeTest::micros).toList(), userEventTimes(batched));

        List<String> newestFirst = new ArrayList<>();
        items.forEach(item -> newestFirst.add(0, item.toString()));
        JsonPath batchedFeatures = features(batched);
        assertEquals(newestFirst, batchedFeatures.getList("recent_items.item_id"), "most recent items by client time");
        assertEquals(newestFirst, features(oneByOne).getList("recent_items.item_id"));
        assertEquals(times.get(ITEMS - 1), Instant.parse(batchedFeatures.getString("updated_at")), "latest activity");

        List<Object> affinity = affinity(batched);
        List<Object> expectedAffinity = affinity(oneByOne);
        assertEquals(expectedAffinity.get(1), affinity.get(1), "as_of: the last click");
        assertEquals(Double.parseDouble((String) expectedAffinity.get(0)), Double.parseDouble((String) affinity.get(0)),
                1e-9, "the clicks decayed by their own ages");

        // both users formed the same pairs: each item with the ten clicked before it, so never the first with the last
        for (int i = 0; i < ITEMS; i++) {
            for (int j = i + 1; j < ITEMS; j++) {
                List<List<Object>> pair = CatalogFixture.rows(db, "select weight from item_co_engagement "
                                + "where item_id = least(?::uuid, ?::uuid) and other_item_id = greatest(?::uuid, ?::uuid)",
                        items.get(i), items.get(j), items.get(i), items.get(j));
                if (j - i <= 10) {
                    assertEquals(List.of(List.of("2.0")), pair, "pair " + i + "-" + j);
                } else {
                    assertEquals(List.of(), pair, "pair " + i + "-" + j + " is beyond the ten most recent");
                }
            }
        }
    }

    private static InteractionRecorded click(UUID user, UUID item, int position, Instant occurredAt, Instant receivedAt) {
        return new InteractionRecorded(UUID.randomUUID(), user, item, ItemType.POST, "click", "for_you", position, 1500L,
                "offline", null, "home", occurredAt, receivedAt, null);
    }

    /** Times as the database gives them back here: microseconds since the epoch (no time zone to get wrong). */
    private static String micros(Instant time) {
        return Long.toString(ChronoUnit.MICROS.between(Instant.EPOCH, time));
    }

    private List<List<Object>> itemState(UUID user) {
        return CatalogFixture.rows(db, "select item_id, interactions, " + MICROS.formatted("engaged_at") + ", "
                + MICROS.formatted("last_interaction_at") + " from user_item_state where user_id = ? order by item_id", user);
    }

    private List<Object> userEventTimes(UUID user) {
        return CatalogFixture.rows(db, "select " + MICROS.formatted("occurred_at") + " from user_event where user_id = ? "
                + "order by occurred_at", user).stream().map(row -> row.get(0)).toList();
    }

    private List<Object> affinity(UUID user) {
        List<List<Object>> rows = CatalogFixture.rows(db,
                "select weight, as_of from user_category_affinity where user_id = ?", user);
        assertEquals(1, rows.size(), rows.toString());
        return rows.get(0);
    }

    private static JsonPath features(UUID user) {
        return given().auth().oauth2(TestTokens.admin(UUID.randomUUID()))
                .when().get("/api/recommendations/users/" + user + "/features")
                .then().statusCode(200).extract().jsonPath();
    }
}
