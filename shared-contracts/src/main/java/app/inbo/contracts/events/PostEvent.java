package app.inbo.contracts.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** What {@link PostPublished} and {@link PostUpdated} share: the full state of a post. */
public interface PostEvent extends CatalogEvent {
    UUID postId();

    UUID newsletterId();

    String newsletterName();

    String title();

    String summary();

    String url();

    Instant publishedAt();

    List<CategoryRef> categories();
}
