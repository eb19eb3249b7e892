package app.inbo.recommendation.service;

import app.inbo.contracts.api.CategoryWeight;
import app.inbo.recommendation.config.RecommendationConfig;
import app.inbo.recommendation.domain.FeatureReads;
import app.inbo.recommendation.domain.FeatureReads.ItemState;
import app.inbo.recommendation.service.FeatureViews.ItemFeaturesView;
import app.inbo.recommendation.service.FeatureViews.UserFeaturesView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/** Everything the service has learnt about a user and the items they touched, for admins. */
@ApplicationScoped
public class FeatureInspection {

    private static final int RECENT_ITEMS = 50;

    @Inject
    FeatureReads reads;

    @Inject
    RecommendationService recommendations;

    @Inject
    RecommendationConfig config;

    @Inject
    Clock clock;

    public UserFeaturesView user(UUID userId) {
        Instant now = clock.instant();
        var affinity = reads.affinity(userId, now);
        List<ItemState> states = reads.itemStates(userId);
        List<ItemState> recent = states.stream().limit(RECENT_ITEMS).toList();
        var summary = reads.summary(userId);
        return new UserFeaturesView(
                userId,
                summary.map(FeatureReads.UserSummary::events).orElse(0L),
                summary.map(FeatureReads.UserSummary::updatedAt).orElse(null),
                reads.eventCounts(userId),
                affinity.stream().sorted(Comparator.comparingDouble(FeatureReads.CategoryAffinity::weight).reversed())
                        .map(a -> new CategoryWeight(a.categoryId(), a.slug(), RecommendationService.round(a.weight()))).toList(),
                recommendations.preferred(affinity).stream()
                        .map(a -> new CategoryWeight(a.categoryId(), a.slug(), RecommendationService.round(a.weight()))).toList(),
                recent.stream().map(FeatureViews.RecentItemView::of).toList(),
                states.stream().filter(s -> s.progress() > 0 && !s.completed()).map(ItemState::itemId).toList(),
                states.stream().filter(ItemState::completed).map(ItemState::itemId).toList(),
                states.stream().filter(ItemState::dismissed).map(ItemState::itemId).toList(),
                items(recent.stream().map(ItemState::itemId).toList(), now));
    }

    public List<ItemFeaturesView> items(List<UUID> itemIds, Instant now) {
        return reads.itemFeatures(itemIds, now).stream().map(ItemFeaturesView::of).toList();
    }
}
