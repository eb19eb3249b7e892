package app.inbo.experience.service.projections;

import app.inbo.contracts.events.CategoryDeleted;
import app.inbo.contracts.events.CategoryUpserted;
import app.inbo.contracts.events.EventEnvelope;
import app.inbo.contracts.events.EventPayload;
import app.inbo.contracts.events.ItemType;
import app.inbo.contracts.events.NewsletterDeleted;
import app.inbo.contracts.events.NewsletterUpserted;
import app.inbo.contracts.events.PostDeleted;
import app.inbo.contracts.events.PostEvent;
import app.inbo.contracts.events.PostPublished;
import app.inbo.experience.domain.CatalogWriter;
import app.inbo.support.tx.AfterCommit;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.util.List;

/**
 * Applies one catalog event to the local copy, inside the pipeline's transaction. A post's creation time is its
 * publication time; its categories are its newsletter's (as the event carries them).
 */
@ApplicationScoped
public class CatalogProjection {

    private static final Logger LOG = Logger.getLogger(CatalogProjection.class);

    @Inject
    CatalogWriter writer;

    @Inject
    MeterRegistry registry;

    @Inject
    CatalogLists lists;

    @Inject
    AfterCommit afterCommit;

    public void apply(EventEnvelope<EventPayload> event) {
        boolean applied = applyPayload(event);
        if (applied) {
            afterCommit.run(CatalogLists.class, lists::invalidate);
        }
        registry.counter("experience_catalog_events_total", "type", event.eventType(),
                "outcome", applied ? "applied" : "stale").increment();
    }

    private boolean applyPayload(EventEnvelope<EventPayload> event) {
        EventPayload payload = event.payload();
        if (payload instanceof NewsletterUpserted n) {
            return writer.upsertItem(new CatalogWriter.Item(n.newsletterId(), ItemType.NEWSLETTER, null, n.name(),
                    n.description(), n.url(), n.name(), categories(n.categories()), n.createdAt(), n.latestPostAt(),
                    n.version(), false));
        }
        if (payload instanceof NewsletterDeleted d) {
            boolean tombstoned = writer.tombstoneItem(d.newsletterId(), ItemType.NEWSLETTER, null, d.version());
            if (tombstoned) {
                writer.deletePostsOf(d.newsletterId());
            }
            return tombstoned;
        }
        if (payload instanceof PostEvent p) {
            return applyPost(p);
        }
        if (payload instanceof PostDeleted d) {
            return writer.tombstoneItem(d.postId(), ItemType.POST, d.newsletterId(), d.version());
        }
        if (payload instanceof CategoryUpserted c) {
            return writer.upsertCategory(c.categoryId(), c.slug(), c.name(), c.version(), false);
        }
        if (payload instanceof CategoryDeleted c) {
            return writer.upsertCategory(c.categoryId(), null, null, c.version(), true);
        }
        LOG.debugf("ignoring %s on the catalog topic", event.eventType());
        return false;
    }

    private boolean applyPost(PostEvent post) {
        boolean orphan = writer.isDeletedNewsletter(post.newsletterId());
        boolean applied = writer.upsertItem(new CatalogWriter.Item(post.postId(), ItemType.POST, post.newsletterId(),
                post.title(), post.summary(), post.url(), post.newsletterName(), categories(post.categories()),
                post.publishedAt(), null, post.version(), orphan));
        if (applied && !orphan && post instanceof PostPublished) {
            writer.touchLatestPost(post.newsletterId(), post.publishedAt());
        }
        return applied;
    }

    private static <T> List<T> categories(List<T> categories) {
        return categories == null ? List.of() : categories;
    }
}
