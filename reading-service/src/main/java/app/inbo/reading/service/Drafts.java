package app.inbo.reading.service;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** What a client asked to create or change in the catalog, checked at the edge, as the services take it. */
public final class Drafts {

    private Drafts() {
    }

    public record CategoryDraft(String slug, String name) {
    }

    public record NewsletterDraft(String name, String description, String url, List<UUID> categoryIds) {
    }

    /** {@code publishedAt} null: published now. */
    public record PostDraft(String title, String summary, String url, Instant publishedAt) {
    }
}
