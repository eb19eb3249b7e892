package app.inbo.contracts.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.util.UUID;

/** A user's affinity to a category, time-decayed; higher is stronger. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record CategoryWeight(UUID categoryId, String slug, double weight) {
}
