package app.inbo.contracts.events;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.util.UUID;

/**
 * A change to the catalog owned by the reading service. Catalog events are keyed by item id on a compacted
 * topic and carry a per-item {@code version}: a consumer applies an event only when its version is newer
 * than what it holds, so replays and reorderings never resurrect stale data.
 */
public interface CatalogEvent extends EventPayload {

    @JsonIgnore
    UUID itemId();

    long version();

    /** Calls the handler's method for this kind of change: how every projection of the catalog tells them apart. */
    <R> R applyTo(Handler<R> handler);

    /** A projection of the catalog: one method per kind of change, each returning what applying it gave. */
    interface Handler<R> {
        R category(CategoryUpserted event);

        R categoryDeleted(CategoryDeleted event);

        R newsletter(NewsletterUpserted event);

        R newsletterDeleted(NewsletterDeleted event);

        R post(PostEvent event);

        R postDeleted(PostDeleted event);
    }
}
