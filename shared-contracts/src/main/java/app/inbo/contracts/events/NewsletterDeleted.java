package app.inbo.contracts.events;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.util.UUID;

/** A newsletter (and with it its posts) was deleted. Key: the newsletter id. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record NewsletterDeleted(UUID newsletterId, long version) implements CatalogEvent {
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
        return handler.newsletterDeleted(this);
    }
}
