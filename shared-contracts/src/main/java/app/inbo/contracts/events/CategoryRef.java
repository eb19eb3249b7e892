package app.inbo.contracts.events;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.util.UUID;

/** A category as catalog events carry it, so consumers never call back for names or slugs. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record CategoryRef(UUID id, String slug, String name) {
}
