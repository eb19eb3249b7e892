package app.inbo.contracts.events;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.time.Instant;
import java.util.UUID;

/**
 * A user started or stopped following a category or a newsletter. Key: the user id (per-user ordering).
 * {@code targetKind} is {@code category} or {@code newsletter}; {@code following} the state after the change;
 * {@code version} grows by one with every change of the same user and target, so a consumer keeps the state of the
 * highest version it saw whatever order the events arrive in.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record FollowChanged(
        UUID userId,
        String targetKind,
        UUID targetId,
        boolean following,
        long version,
        Instant changedAt) implements EventPayload {

    public static final String CATEGORY = "category";
    public static final String NEWSLETTER = "newsletter";

    @Override
    public String partitionKey() {
        return userId.toString();
    }
}
