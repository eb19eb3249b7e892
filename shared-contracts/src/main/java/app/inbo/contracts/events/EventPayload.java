package app.inbo.contracts.events;

import com.fasterxml.jackson.annotation.JsonIgnore;

/** A payload that can travel in an {@link EventEnvelope}; it names the key that orders it. */
public interface EventPayload {

    /** The Kafka key: the user id for user activity, the item id for catalog changes. */
    @JsonIgnore
    String partitionKey();
}
