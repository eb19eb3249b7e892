package app.inbo.search.service;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A stored page is served only under the generation it was stored with (the Redis round trip: SearchApiTest). */
class SearchCacheGenerationTest {

    @Test
    void onlyAPageOfTheCurrentGenerationIsServed() {
        assertEquals(Optional.of("{\"results\":[]}"), SearchCache.current("7\n{\"results\":[]}", "7"));
        assertEquals(Optional.empty(), SearchCache.current("7\n{\"results\":[]}", "8"));
        assertEquals(Optional.empty(), SearchCache.current("1\n{}", "10"), "a prefix of the generation is not it");
        assertEquals(Optional.empty(), SearchCache.current("10\n{}", "1"));
        assertEquals(Optional.empty(), SearchCache.current("{}", "1"), "a value without a generation");
        assertEquals(Optional.empty(), SearchCache.current(null, "1"));
    }
}
