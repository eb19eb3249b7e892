package app.inbo.reading.demo;

import app.inbo.contracts.events.ItemType;
import app.inbo.reading.domain.Category;
import app.inbo.reading.service.CatalogSlices.BulkCatalog;
import app.inbo.reading.service.CatalogSlices.BulkNewsletter;
import app.inbo.reading.service.CatalogSlices.BulkPost;
import app.inbo.reading.service.BulkLoader;
import app.inbo.reading.service.ProgressService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.core.Response;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * Loads the demo catalog through {@link BulkLoader} (one transaction per chunk of 100 newsletters) and gives the
 * demo users a reading history through {@link ProgressService}, so every row has its events. Only into an empty
 * catalog.
 */
@ApplicationScoped
public class DemoLoader {

    private static final int NEWSLETTERS_PER_CHUNK = 100;

    @Inject
    BulkLoader bulk;

    @Inject
    ProgressService progress;

    @Inject
    Clock clock;

    public record Report(int categories, int newsletters, int posts, List<UUID> demoUsers, long millis) {
    }

    public Report load(long seed, DemoCatalog.Sizes sizes) {
        if (Category.count() > 0) {
            throw new ClientErrorException("the catalog is not empty; demo data loads only into an empty catalog",
                    Response.Status.CONFLICT);
        }
        long started = System.nanoTime();
        List<BulkCatalog> chunks = new DemoCatalog(seed, sizes, clock.instant()).chunks(NEWSLETTERS_PER_CHUNK);
        int categories = 0;
        int newsletters = 0;
        int posts = 0;
        for (BulkCatalog chunk : chunks) {
            BulkLoader.Loaded loaded = bulk.load(chunk);
            categories += loaded.categories();
            newsletters += loaded.newsletters();
            posts += loaded.posts();
        }
        readingHistory(seed, chunks);
        return new Report(categories, newsletters, posts, DemoUsers.ALL.stream().map(DemoUsers.DemoUser::id).toList(),
                (System.nanoTime() - started) / 1_000_000);
    }

    /** Each demo user reads a dozen posts of their favourite categories: some finished, most not. */
    private void readingHistory(long seed, List<BulkCatalog> chunks) {
        List<UUID> categoryIds = chunks.get(0).categories().stream().map(c -> c.id()).toList();
        Random random = new Random(seed ^ 0x5DEECE66DL);
        for (DemoUsers.DemoUser user : DemoUsers.ALL) {
            List<UUID> favourites = user.favouriteCategories().stream()
                    .filter(i -> i < categoryIds.size()).map(categoryIds::get).toList();
            List<BulkPost> candidates = new ArrayList<>();
            for (BulkCatalog chunk : chunks) {
                for (BulkNewsletter n : chunk.newsletters()) {
                    if (n.categoryIds().stream().anyMatch(favourites::contains)) {
                        candidates.addAll(n.posts());
                    }
                }
            }
            for (int i = 0; i < 12 && !candidates.isEmpty(); i++) {
                BulkPost post = candidates.remove(random.nextInt(candidates.size()));
                int percent = i % 4 == 0 ? 100 : 10 + random.nextInt(80);
                progress.record(user.id(), ItemType.POST, post.id(), percent, null);
            }
        }
    }
}
