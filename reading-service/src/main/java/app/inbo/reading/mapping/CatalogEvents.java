package app.inbo.reading.mapping;

import app.inbo.contracts.events.CategoryRef;
import app.inbo.contracts.events.NewsletterDeleted;
import app.inbo.contracts.events.NewsletterUpserted;
import app.inbo.contracts.events.PostDeleted;
import app.inbo.contracts.events.PostPublished;
import app.inbo.contracts.events.PostUpdated;
import app.inbo.reading.domain.Category;
import app.inbo.reading.domain.Newsletter;
import app.inbo.reading.domain.Post;

import java.util.Comparator;
import java.util.List;

/** Builds the catalog events from the entities, carrying everything consumers need to score and index. */
public final class CatalogEvents {

    private CatalogEvents() {
    }

    public static NewsletterUpserted upserted(Newsletter n) {
        return new NewsletterUpserted(n.id, n.name, n.description, n.url, refs(n), n.createdAt, n.updatedAt,
                n.latestPostAt, n.version);
    }

    public static NewsletterDeleted deleted(Newsletter n) {
        return new NewsletterDeleted(n.id, n.version + 1);
    }

    public static PostPublished published(Post p) {
        return new PostPublished(p.id, p.newsletter.id, p.newsletter.name, p.title, p.summary, p.url, p.publishedAt,
                refs(p.newsletter), p.version);
    }

    public static PostUpdated updated(Post p) {
        return new PostUpdated(p.id, p.newsletter.id, p.newsletter.name, p.title, p.summary, p.url, p.publishedAt,
                refs(p.newsletter), p.version);
    }

    public static PostDeleted deleted(Post p) {
        return new PostDeleted(p.id, p.newsletter.id, p.version + 1);
    }

    public static List<CategoryRef> refs(Newsletter n) {
        return n.categories.stream()
                .sorted(Comparator.comparing((Category c) -> c.slug))
                .map(c -> new CategoryRef(c.id, c.slug, c.name))
                .toList();
    }
}
