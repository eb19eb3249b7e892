package app.inbo.support.messaging;

import app.inbo.contracts.events.EventEnvelope;
import app.inbo.contracts.events.EventPayload;

/** Applies one event's effects; called inside the transaction that also records the event as processed. */
@FunctionalInterface
public interface EventHandler {
    void apply(EventEnvelope<EventPayload> event);
}
