package app.inbo.reading.demo;

import app.inbo.reading.service.CatalogSlices.BulkCatalog;
import app.inbo.reading.service.CatalogSlices.BulkNewsletter;
import app.inbo.reading.service.CatalogSlices.BulkPost;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DemoCatalogTest {

    private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");

    @Test
    void sameSeedGivesTheSameCatalog() {
        DemoCatalog.Sizes sizes = new DemoCatalog.Sizes(12, 150, 3_000);
        assertEquals(new DemoCatalog(7, sizes, NOW).chunks(40), new DemoCatalog(7, sizes, NOW).chunks(40));
        assertNotEquals(new DemoCatalog(7, sizes, NOW).chunks(40), new DemoCatalog(8, sizes, NOW).chunks(40));
    }

    @Test
    void defaultSizesAreExactUniqueAndSpreadOverEighteenMonths() {
        List<BulkCatalog> chunks = new DemoCatalog(42, DemoCatalog.Sizes.DEFAULT, NOW).chunks(100);
        assertEquals(30, chunks.get(0).categories().size());
        List<BulkNewsletter> newsletters = chunks.stream().flatMap(c -> c.newsletters().stream()).toList();
        List<BulkPost> posts = newsletters.stream().flatMap(n -> n.posts().stream()).toList();
        assertEquals(2_000, newsletters.size());
        assertEquals(50_000, posts.size());
        Set<UUID> ids = new HashSet<>();
        newsletters.forEach(n -> assertTrue(ids.add(n.id())));
        posts.forEach(p -> assertTrue(ids.add(p.id())));
        Instant oldest = posts.stream().map(BulkPost::publishedAt).min(Instant::compareTo).orElseThrow();
        assertTrue(oldest.isAfter(NOW.minus(549, ChronoUnit.DAYS)), "within 18 months");
        assertTrue(oldest.isBefore(NOW.minus(500, ChronoUnit.DAYS)), "spread over the whole period");
        assertTrue(newsletters.stream().allMatch(n -> !n.categoryIds().isEmpty() && n.categoryIds().size() <= 2));
        assertTrue(chunks.stream().skip(1).allMatch(c -> c.categories().isEmpty()));
    }
}
