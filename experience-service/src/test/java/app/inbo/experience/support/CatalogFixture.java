package app.inbo.experience.support;

import app.inbo.contracts.events.CategoryRef;
import app.inbo.contracts.events.EventPayload;
import app.inbo.contracts.events.NewsletterUpserted;
import app.inbo.experience.domain.CatalogRepository;
import app.inbo.experience.service.projections.CatalogLists;
import app.inbo.testing.EventFeed;
import io.quarkus.arc.Arc;
import io.quarkus.narayana.jta.QuarkusTransaction;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.awaitility.Awaitility.await;

/** Publishes catalog events as the reading service would, and waits until the projection holds them. */
public final class CatalogFixture implements AutoCloseable {

    private final EventFeed feed = EventFeed.open();
    private final CatalogRepository catalog;
    private final List<UUID> published = new ArrayList<>();

    public CatalogFixture(CatalogRepository catalog) {
        this.catalog = catalog;
    }

    public static CategoryRef category(String slug) {
        return new CategoryRef(UUID.randomUUID(), slug + "-" + Long.toString(System.nanoTime(), 36), slug);
    }

    /** A newsletter created {@code daysAgo} days ago, in the given categories. */
    public UUID newsletter(String name, double daysAgo, CategoryRef... categories) {
        Instant created = Instant.now().minus(Duration.ofMillis(Math.round(daysAgo * 86_400_000)));
        return publish(new NewsletterUpserted(UUID.randomUUID(), name, "About " + name, "https://inbo.app/n/" + name,
                List.of(categories), created, created, null, 1)).newsletterId();
    }

    public <P extends EventPayload> P publish(P payload) {
        feed.publish(payload, "reading-service");
        if (payload instanceof NewsletterUpserted n) {
            published.add(n.newsletterId());
        }
        return payload;
    }

    /**
     * Waits until every newsletter published so far is in the projection. The projection forgets the home page's
     * catalog lists just after its commit; a test reading the very moment the rows are visible could still see the
     * lists held before, so they are forgotten here too.
     */
    public void awaitProjected() {
        await().atMost(Duration.ofSeconds(30)).until(() -> QuarkusTransaction.requiringNew()
                .call(() -> catalog.typesOf(published).size()) == published.size());
        Arc.container().instance(CatalogLists.class).get().invalidate();
    }

    @Override
    public void close() {
        feed.close();
    }
}
