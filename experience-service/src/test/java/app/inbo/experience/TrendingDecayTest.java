package app.inbo.experience;

import app.inbo.contracts.redis.RedisKeys;
import app.inbo.experience.service.popularity.TrendingBoard;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The board weighs each hour by 0.5^(age / half-life) (6 h by default) and forgets hours outside the window; each
 * instance holds it between rebuilds.
 */
@QuarkusTest
class TrendingDecayTest {

    @Inject
    TrendingBoard trending;

    @Inject
    RedisDataSource redis;

    @Test
    void olderInteractionsWeighLess() {
        long hour = Instant.now().getEpochSecond() / 3600;
        UUID recent = UUID.randomUUID();
        UUID twelveHoursOld = UUID.randomUUID();
        UUID outsideWindow = UUID.randomUUID();
        redis.sortedSet(String.class).zincrby(RedisKeys.trendingHour(hour), 10, recent.toString());
        redis.sortedSet(String.class).zincrby(RedisKeys.trendingHour(hour - 12), 10, twelveHoursOld.toString());
        redis.sortedSet(String.class).zincrby(RedisKeys.trendingHour(hour - 48), 1000, outsideWindow.toString());

        trending.refresh().await().indefinitely();

        double recentScore = redis.sortedSet(String.class).zscore(RedisKeys.trendingBoard(), recent.toString()).orElseThrow();
        double oldScore = redis.sortedSet(String.class).zscore(RedisKeys.trendingBoard(), twelveHoursOld.toString()).orElseThrow();
        assertEquals(0.25, oldScore / recentScore, 1e-9, "two half-lives apart");
        assertTrue(recentScore >= 10 * Math.pow(0.5, 0.5 / 6) && recentScore <= 10 * Math.pow(0.5, -0.5 / 6),
                "aged at most half an hour either side of its hour's middle: " + recentScore);
        assertTrue(redis.sortedSet(String.class).zscore(RedisKeys.trendingBoard(), outsideWindow.toString()).isEmpty());
    }

    /**
     * Pages read the board this instance holds, not Redis: a change written straight into the board's key shows only
     * after the next rebuild (which reads the board again); an item off a board held whole scores 0 without a read.
     */
    @Test
    void theBoardIsHeldBetweenRebuilds() {
        long hour = Instant.now().getEpochSecond() / 3600;
        UUID hot = UUID.randomUUID();
        UUID written = UUID.randomUUID();
        redis.sortedSet(String.class).zincrby(RedisKeys.trendingHour(hour), 1e6, hot.toString());
        try {
            trending.refresh().await().indefinitely();
            assertEquals(hot, top().get(0));

            redis.sortedSet(String.class).zadd(RedisKeys.trendingBoard(), 1e9, written.toString());
            assertEquals(hot, top().get(0), "the held board, not the key");
            assertEquals(0d, trending.scoresOf(List.of(written)).await().indefinitely().value().get(written),
                    "off the board held whole");

            redis.sortedSet(String.class).zincrby(RedisKeys.trendingHour(hour), 1e7, written.toString());
            trending.refresh().await().indefinitely();
            assertEquals(List.of(written, hot), top().subList(0, 2));
            assertTrue(trending.scoresOf(List.of(written)).await().indefinitely().value().get(written) > 1e6);
        } finally {
            // such weights would make every other item's popularity 0 for the tests after this one
            redis.sortedSet(String.class).zrem(RedisKeys.trendingHour(hour), hot.toString(), written.toString());
            trending.refresh().await().indefinitely();
        }
    }

    private List<UUID> top() {
        return trending.top(10).await().indefinitely().value().entries().stream().map(TrendingBoard.Entry::itemId).toList();
    }
}
