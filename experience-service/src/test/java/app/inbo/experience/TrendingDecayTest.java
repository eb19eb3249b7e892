package app.inbo.experience;

import app.inbo.contracts.redis.RedisKeys;
import app.inbo.experience.service.TrendingBoard;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The board weighs each hour by 0.5^(age / half-life) (6 h by default) and forgets hours outside the window. */
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
}
