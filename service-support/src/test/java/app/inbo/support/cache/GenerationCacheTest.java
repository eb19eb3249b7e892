package app.inbo.support.cache;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A stored value is served only under the generation it was stored with (the Redis round trips: SearchApiTest and
 * recommendation's ServingTest).
 */
class GenerationCacheTest {

    @Test
    void onlyAValueOfTheCurrentGenerationIsServed() {
        assertEquals(Optional.of("{\"results\":[]}"), GenerationCache.current("7\n{\"results\":[]}", "7"));
        assertEquals(Optional.empty(), GenerationCache.current("7\n{\"results\":[]}", "8"));
        assertEquals(Optional.empty(), GenerationCache.current("1\n{}", "10"), "a prefix of the generation is not it");
        assertEquals(Optional.empty(), GenerationCache.current("10\n{}", "1"));
        assertEquals(Optional.empty(), GenerationCache.current("{}", "1"), "a value without a generation");
        assertEquals(Optional.empty(), GenerationCache.current(null, "1"));
    }
}
