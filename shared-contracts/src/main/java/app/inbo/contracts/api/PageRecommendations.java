package app.inbo.contracts.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * What the experience service needs of the recommendation service for one home page, in one call: the user's
 * recommendations and the profile the page ranks with (preferred categories, items never to show again).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record PageRecommendations(RecommendationList recommendations, UserProfile profile) {
}
