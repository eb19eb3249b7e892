package app.inbo.contracts.events;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.util.UUID;

/** A post was deleted. Key: the post id. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record PostDeleted(UUID postId, UUID newsletterId, long version) implements CatalogEvent {
    @Override
    public String partitionKey() {
        return postId.toString();
    }

    @Override
    public UUID itemId() {
        return postId;
    }

    @Override
    public <R> R applyTo(Handler<R> handler) {
        return handler.postDeleted(this);
    }
}
