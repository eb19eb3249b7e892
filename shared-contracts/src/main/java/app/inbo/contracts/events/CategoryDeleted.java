package app.inbo.contracts.events;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.util.UUID;

/** A category was deleted. Key: the category id. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record CategoryDeleted(UUID categoryId, long version) implements CatalogEvent {
    @Override
    public String partitionKey() {
        return categoryId.toString();
    }

    @Override
    public UUID itemId() {
        return categoryId;
    }

    @Override
    public <R> R applyTo(Handler<R> handler) {
        return handler.categoryDeleted(this);
    }
}
