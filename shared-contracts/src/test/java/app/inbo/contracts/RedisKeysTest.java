package app.inbo.contracts;

import app.inbo.contracts.redis.RedisKeys;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Pins the key format every service and every operator script relies on. */
class RedisKeysTest {

    private static final UUID ID = UUID.fromString("7a000000-0000-4000-8000-0000000000aa");

    @Test
    void sharedKeysHaveTheDocumentedShape() {
        assertEquals("exp:item:7a000000-0000-4000-8000-0000000000aa:clicks", RedisKeys.itemClicks(ID));
        assertEquals("exp:item:7a000000-0000-4000-8000-0000000000aa:views", RedisKeys.itemViews(ID));
        assertEquals("exp:item:7a000000-0000-4000-8000-0000000000aa:opens", RedisKeys.itemCounter(ID, "opens"));
        assertEquals("exp:trending:hour-488412:scores", RedisKeys.trendingHour(488412));
        assertEquals("exp:trending:global:scores", RedisKeys.trendingBoard());
        assertEquals("rec:user:7a000000-0000-4000-8000-0000000000aa:recs-10", RedisKeys.userRecommendations(ID, "recs-10"));
        assertEquals("rec:user:7a000000-0000-4000-8000-0000000000aa:generation", RedisKeys.userRecommendationGeneration(ID));
        assertEquals("search:query:9f86d081884c7d65:results", RedisKeys.searchResults("9f86d081884c7d65"));
        assertEquals("search:index:all:generation", RedisKeys.searchIndexGeneration());
    }

    @Test
    void scanPatternsFollowTheSameShape() {
        assertEquals("rec:user:7a000000-0000-4000-8000-0000000000aa:*",
                RedisKeys.fieldsOf(RedisKeys.Namespace.RECOMMENDATION, "user", ID.toString()));
        assertEquals("exp:item:*:clicks", RedisKeys.everyEntity(RedisKeys.Namespace.EXPERIENCE, "item", "clicks"));
    }

    @Test
    void segmentsThatWouldBreakTheShapeAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> RedisKeys.key(RedisKeys.Namespace.SEARCH, "query", "a:b", "results"));
        assertThrows(IllegalArgumentException.class, () -> RedisKeys.key(RedisKeys.Namespace.SEARCH, "Query", "a", "results"));
        assertThrows(IllegalArgumentException.class, () -> RedisKeys.key(RedisKeys.Namespace.SEARCH, "query", "", "results"));
        assertThrows(IllegalArgumentException.class, () -> RedisKeys.key(RedisKeys.Namespace.SEARCH, "query", "a", "re sults"));
    }
}
