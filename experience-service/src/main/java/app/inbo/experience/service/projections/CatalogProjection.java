package app.inbo.experience.service.projections;

import app.inbo.contracts.events.CatalogEvent;
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
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.util.List;

/**
 * Applies catalog events to the local copy, inside the pipeline's transaction. A post's creation time is its
 * publication time; its categories are its newsletter's (as the event carries them).
 */
@ApplicationScoped
public class CatalogProjection implements CatalogEvent.Handler<Boolean> {

    private static final Logger LOG = Logger.getLogger(CatalogProjection.class);

    @Inject
    CatalogWriter writer;

    @Inject
    MeterRegistry registry;

    @Inject
    CatalogLists lists;

    @Inject
    AfterCommit afterCommit;

    /** Applies a batch of catalog events in their order; the cached catalog lists are dropped after the commit. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(List<EventEnvelope<EventPayload>> events) {
        boolean changed = false;
        for (EventEnvelope<EventPayload> event : events) {
            if (!(event.payload() instanceof CatalogEvent change)) {
                LOG.debugf("ignoring %s on the catalog topic", event.eventType());
                continue;
            }
            boolean applied = change.applyTo(this);
            changed |= applied;
            registry.counter("experience_catalog_events_total", "type", event.eventType(),
                    "outcome", applied ? "applied" : "stale").increment();
        }
        if (changed) {
            afterCommit.run(CatalogLists.class, lists::invalidate);
        }
    }

    @Override
    public Boolean newsletter(NewsletterUpserted n) {
        return writer.upsertItem(new CatalogWriter.Item(n.newsletterId(), ItemType.NEWSLETTER, null, n.name(),
                n.description(), n.url(), n.name(), categories(n.categories()), n.createdAt(), n.latestPostAt(),
                n.version(), false));
    }

    @Override
    public Boolean newsletterDeleted(NewsletterDeleted d) {
        boolean tombstoned = writer.tombstoneItem(d.newsletterId(), ItemType.NEWSLETTER, null, d.version());
        if (tombstoned) {
            writer.deletePostsOf(d.newsletterId());
        }
        return tombstoned;
    }

    @Override
    public Boolean post(PostEvent post) {
        boolean orphan = writer.isDeletedNewsletter(post.newsletterId());
        boolean applied = writer.upsertItem(new CatalogWriter.Item(post.postId(), ItemType.POST, post.newsletterId(),
                post.title(), post.summary(), post.url(), post.newsletterName(), categories(post.categories()),
                post.publishedAt(), null, post.version(), orphan));
        if (applied && !orphan && post instanceof PostPublished) {
            writer.touchLatestPost(post.newsletterId(), post.publishedAt());
        }
        return applied;
    }

    @Override
    public Boolean postDeleted(PostDeleted d) {
        return writer.tombstoneItem(d.postId(), ItemType.POST, d.newsletterId(), d.version());
    }

    @Override
    public Boolean category(CategoryUpserted c) {
        return writer.upsertCategory(c.categoryId(), c.slug(), c.name(), c.version(), false);
    }

    @Override
    public Boolean categoryDeleted(CategoryDeleted c) {
        return writer.upsertCategory(c.categoryId(), null, null, c.version(), true);
    }

    private static <T> List<T> categories(List<T> categories) {
        return categories == null ? List.of() : categories;
    }
}
