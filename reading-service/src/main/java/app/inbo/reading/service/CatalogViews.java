package app.inbo.reading.service;

import app.inbo.contracts.events.ItemType;
import app.inbo.reading.domain.Category;
import app.inbo.reading.domain.Newsletter;
import app.inbo.reading.domain.Post;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/** What clients see of the catalog. */
public final class CatalogViews {

    private CatalogViews() {
    }

    public record CategoryView(UUID id, String slug, String name) {
        public static CategoryView of(Category category) {
            return new CategoryView(category.id, category.slug, category.name);
        }
    }

    public record NewsletterView(UUID id, String name, String description, String url, List<CategoryView> categories,
                                 Instant createdAt, Instant updatedAt, Instant latestPostAt) {
        public static NewsletterView of(Newsletter n) {
            return new NewsletterView(n.id, n.name, n.description, n.url, categoriesOf(n), n.createdAt, n.updatedAt,
                    n.latestPostAt);
        }
    }

    public record PostView(UUID id, UUID newsletterId, String title, String summary, String url, Instant publishedAt) {
        public static PostView of(Post p) {
            return new PostView(p.id, p.newsletter.id, p.title, p.summary, p.url, p.publishedAt);
        }
    }

    /** An item of either type, as other services look it up by id. */
    public record ItemView(UUID id, ItemType type, String title, String description, String url, UUID newsletterId,
                           String newsletterName, List<CategoryView> categories, Instant createdAt,
                           Instant publishedAt, Instant latestPostAt) {
        public static ItemView of(Newsletter n) {
            return new ItemView(n.id, ItemType.NEWSLETTER, n.name, n.description, n.url, null, null, categoriesOf(n),
                    n.createdAt, null, n.latestPostAt);
        }

        public static ItemView of(Post p) {
            return new ItemView(p.id, ItemType.POST, p.title, p.summary, p.url, p.newsletter.id, p.newsletter.name,
                    categoriesOf(p.newsletter), null, p.publishedAt, null);
        }
    }

    public record Page<T>(List<T> items, int page, int size, long total) {
    }

    public record Items<T>(List<T> items) {
    }

    private static List<CategoryView> categoriesOf(Newsletter n) {
        return n.categories.stream().map(CategoryView::of).sorted(Comparator.comparing(CategoryView::slug)).toList();
    }
}
