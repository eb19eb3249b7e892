package app.inbo.experience.domain;

import app.inbo.contracts.events.ItemType;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * A live item of the local catalog copy, as the home screen reads it. Its times are also kept in the ISO-8601 text a
 * page shows (formatted once per read, not on every page that shows the item).
 */
public record CatalogEntry(
        UUID id,
        ItemType type,
        String title,
        String description,
        String url,
        String newsletterName,
        Set<UUID> categoryIds,
        List<String> categorySlugs,
        Instant createdAt,
        Instant latestPostAt,
        String createdAtText,
        String latestPostAtText) {

    public CatalogEntry(UUID id, ItemType type, String title, String description, String url, String newsletterName,
                        Set<UUID> categoryIds, List<String> categorySlugs, Instant createdAt, Instant latestPostAt) {
        this(id, type, title, description, url, newsletterName, categoryIds, categorySlugs, createdAt, latestPostAt,
                createdAt == null ? null : createdAt.toString(), latestPostAt == null ? null : latestPostAt.toString());
    }

    /**
     * What the catalog copy orders by recency: the later of the creation time and the latest post's time, whichever
     * are known (null when neither is), as {@code greatest} in {@link CatalogRepository}'s queries.
     */
    public Instant recency() {
        if (createdAt == null || latestPostAt == null) {
            return createdAt != null ? createdAt : latestPostAt;
        }
        return latestPostAt.isAfter(createdAt) ? latestPostAt : createdAt;
    }
}
