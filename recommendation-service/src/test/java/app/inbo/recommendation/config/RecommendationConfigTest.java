package app.inbo.recommendation.config;

import io.smallrye.config.ConfigValidationException;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.validator.BeanValidationConfigValidator;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The documented defaults, and the 5–15 minute bound on the cache TTL. */
class RecommendationConfigTest {

    @Test
    void defaultsAreTheDocumentedValues() {
        RecommendationConfig config = load(Map.of());
        assertEquals(10, config.cache().ttlMinutes());
        assertEquals(168, config.features().affinityHalfLifeHours());
        assertEquals(5, config.features().preferredCategories());
        assertEquals(1.0, config.features().affinity().click());
        assertEquals(3, config.ranking().minCategoriesPerWindow());
    }

    @Test
    void cacheTtlOutsideFiveToFifteenMinutesIsRefused() {
        assertEquals(5, load(Map.of("recommendation.cache.ttl-minutes", "5")).cache().ttlMinutes());
        assertEquals(15, load(Map.of("recommendation.cache.ttl-minutes", "15")).cache().ttlMinutes());
        ConfigValidationException tooLong = assertThrows(ConfigValidationException.class,
                () -> load(Map.of("recommendation.cache.ttl-minutes", "16")));
        assertTrue(tooLong.getMessage().contains("recommendation.cache.ttl-minutes"), tooLong.getMessage());
        assertThrows(ConfigValidationException.class, () -> load(Map.of("recommendation.cache.ttl-minutes", "4")));
    }

    private static RecommendationConfig load(Map<String, String> properties) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(RecommendationConfig.class)
                .withSources(new PropertiesConfigSource(properties, "test", 500))
                .withValidator(new BeanValidationConfigValidator() {
                    @Override
                    public Validator getValidator() {
                        return Validation.buildDefaultValidatorFactory().getValidator();
                    }
                })
                .build();
        return config.getConfigMapping(RecommendationConfig.class);
    }
}
