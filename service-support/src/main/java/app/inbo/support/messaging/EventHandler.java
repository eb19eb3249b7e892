package app.inbo.support.messaging;

import app.inbo.contracts.events.EventEnvelope;
import app.inbo.contracts.events.EventPayload;

import java.util.List;

/**
 * Applies a batch of events, in their order: the first deliveries of a Kafka batch, inside the transaction that
 * also records them as processed. When the batch fails the pipeline calls it again with one event at a time.
 */
@FunctionalInterface
public interface EventHandler {
    void apply(List<EventEnvelope<EventPayload>> events);
}
