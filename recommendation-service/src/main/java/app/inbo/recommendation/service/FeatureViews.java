package app.inbo.recommendation.service;

import app.inbo.contracts.api.CategoryWeight;
import app.inbo.contracts.events.ItemType;
import app.inbo.recommendation.domain.FeatureReads;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** What admins see of the features (JSON snake_case). */
public final class FeatureViews {

    private FeatureViews() {
    }

    public record UserFeaturesView(
            UUID userId,
            long events,
            Instant updatedAt,
            Map<String, Long> eventCounts,
            List<CategoryWeight> categoryAffinity,
            List<CategoryWeight> preferredCategories,
            List<RecentItemView> recentItems,
            List<UUID> readItems,
            List<UUID> completedItems,
            List<UUID> dismissedItems,
            List<ItemFeaturesView> itemFeatures) {
    }

    public record RecentItemView(UUID itemId, ItemType itemType, int interactions, Instant lastInteractionAt,
                                 int progress, boolean completed, boolean dismissed) {
        public static RecentItemView of(FeatureReads.ItemState s) {
            return new RecentItemView(s.itemId(), s.itemType(), s.interactions(), s.lastInteractionAt(), s.progress(),
                    s.completed(), s.dismissed());
        }
    }

    /** Counters since the item was first seen; {@code ctr} = clicks / views (null before any view). */
    public record ItemFeaturesView(UUID itemId, long views, long clicks, long opens, long reads, long completes,
                                   long dismisses, Double ctr, double popularity) {
        public static ItemFeaturesView of(FeatureReads.ItemCounters c) {
            return new ItemFeaturesView(c.itemId(), c.views(), c.clicks(), c.opens(), c.reads(), c.completes(),
                    c.dismisses(), c.views() == 0 ? null : Math.round(1000.0 * c.clicks() / c.views()) / 1000.0,
                    Math.round(c.popularity() * 10000) / 10000.0);
        }
    }
}
