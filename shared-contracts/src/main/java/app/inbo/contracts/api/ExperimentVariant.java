package app.inbo.contracts.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * The A/B experiment variant a user was assigned to: {@code experiment} is the experiment's name, {@code name} the
 * variant's within it. Carried by a recommendation list and by the interactions made on the page it filled.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ExperimentVariant(String experiment, String name) {
}
