package app.inbo.contracts.events;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A newsletter was created or changed (including its categories or its latest post time).
 * Key: the newsletter id. Carries everything consumers need to score and index it without calling back.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record NewsletterUpserted(
        UUID newsletterId,
        String name,
        String description,
        String url,
        List<CategoryRef> categories,
        Instant createdAt,
        Instant updatedAt,
        Instant latestPostAt,
        long version) implements CatalogEvent {

    @Override
    public String partitionKey() {
        return newsletterId.toString();
    }

    @Override
    public UUID itemId() {
        return newsletterId;
    }

    @Override
    public <R> R applyTo(Handler<R> handler) {
        return handler.newsletter(this);
    }
}
