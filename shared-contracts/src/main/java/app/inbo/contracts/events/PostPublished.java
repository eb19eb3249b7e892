package app.inbo.contracts.events;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A post was published. Key: the post id. Categories are the newsletter's. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record PostPublished(
        UUID postId,
        UUID newsletterId,
        String newsletterName,
        String title,
        String summary,
        String url,
        Instant publishedAt,
        List<CategoryRef> categories,
        long version) implements PostEvent {

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
        return handler.post(this);
    }
}
