package app.inbo.recommendation;

import app.inbo.recommendation.domain.ItemNeighbourStore.ModelSummary;
import app.inbo.recommendation.service.ItemSimilarityTraining;
import app.inbo.recommendation.support.CatalogFixture;
import app.inbo.recommendation.support.EventFedTest;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The item-to-item model: trained from the stored engagements, served from the user's latest clicks at once. */
@QuarkusTest
class ItemToItemTest extends EventFedTest {

    @Inject
    ItemSimilarityTraining training;

    @Test
    void readersOfOnePostAreShownWhatOthersReadWithItNamingThePostAndAtTheirFirstClick() {
        CatalogFixture c = catalog("i2i", 4, 6);
        // a crowd reads post a (category 0) together with post b (category 2): nothing but the readers links them
        UUID a = c.posts(0).get(3), b = c.posts(2).get(5);
        List<UUID> crowd = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            UUID user = UUID.randomUUID();
            crowd.add(user);
            feed.publish(CatalogFixture.interaction(user, a, "click", 0), "experience-service");
            feed.publish(CatalogFixture.interaction(user, b, "click", 1), "experience-service");
            feed.publish(CatalogFixture.interaction(user, c.posts(1).get(i % 6), "click", 2), "experience-service");
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> c.count(
                "select count(*) from user_event where user_id = any(?::uuid[])", (Object) crowd.toArray(new UUID[0])) == 18);
        AtomicReference<Optional<ModelSummary>> trained = new AtomicReference<>(Optional.empty());
        // another test class's training may hold the lock for a moment (tests train on demand, not on schedule)
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            trained.set(training.train());
            return trained.get().isPresent();
        });
        assertTrue(trained.get().get().neighbours() > 0);
        assertEquals(1, c.count("select count(*) from item_neighbour where item_id = ? and neighbour_id = ?", a, b));
        assertEquals(1, c.count("select count(*) from item_neighbour where item_id = ? and neighbour_id = ?", b, a));

        UUID reader = UUID.randomUUID();
        assertFalse(reasons(mine(reader, 10), b).contains("similar_items"), "nothing links the new reader to b yet");
        feed.publish(CatalogFixture.interaction(reader, a, "click", 0), "experience-service");
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(() ->
                c.count("select count(*) from user_event where user_id = ?", reader) == 1);
        JsonPath after = mine(reader, 10);
        int at = after.getList("items.id", String.class).indexOf(b.toString());
        assertTrue(at >= 0 && at < 3, "b is among the first three after the click on a: " + after.prettify());
        assertEquals("similar_items", after.getString("items[" + at + "].reason"));
        assertEquals(a.toString(), after.getString("items[" + at + "].because.id"));
        assertEquals("i2i-0 post 3", after.getString("items[" + at + "].because.title"));
        assertEquals(trained.get().get().trainedAt(), training.lastTrainedAt().orElseThrow(),
                "the list changed with the click, not with a new model");
        List<String> reasons = after.getList("items.reason", String.class);
        for (int i = 0; i < reasons.size(); i++) {
            if (!reasons.get(i).equals("similar_items")) {
                assertNull(after.get("items[" + i + "].because"), "only the model's items name a cause");
            }
        }
    }

    private static List<String> reasons(JsonPath list, UUID item) {
        List<String> reasons = new ArrayList<>();
        List<String> ids = list.getList("items.id", String.class);
        for (int i = 0; i < ids.size(); i++) {
            if (ids.get(i).equals(item.toString())) {
                reasons.add(list.getString("items[" + i + "].reason"));
            }
        }
        return reasons;
    }
}
