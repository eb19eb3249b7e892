package app.inbo.support.outbox;

import app.inbo.contracts.events.EventCodec;
import app.inbo.contracts.events.EventEnvelope;
import app.inbo.contracts.events.EventPayload;
import app.inbo.contracts.events.EventType;
import app.inbo.support.tx.AfterCommit;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Writes events into the outbox inside the caller's transaction, so an event exists if and only if the change
 * it announces was committed. The {@link OutboxRelay} publishes them; it is woken after each commit.
 */
@ApplicationScoped
public class Outbox {

    @Inject
    EntityManager em;

    @Inject
    AfterCommit afterCommit;

    @Inject
    OutboxRelay relay;

    @Inject
    Clock clock;

    @ConfigProperty(name = "quarkus.application.name")
    String producer;

    /** Appends one event; must run inside the transaction that makes the change. */
    @Transactional(Transactional.TxType.MANDATORY)
    public <P extends EventPayload> EventEnvelope<P> append(P payload) {
        EventEnvelope<P> envelope = EventEnvelope.wrap(payload, producer, Instant.now(clock));
        persist(envelope);
        wakeRelayAfterCommit();
        return envelope;
    }

    /** Appends many events in order; one flush for all of them. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void appendAll(List<? extends EventPayload> payloads) {
        Instant now = Instant.now(clock);
        for (EventPayload payload : payloads) {
            persist(EventEnvelope.wrap(payload, producer, now));
        }
        wakeRelayAfterCommit();
    }

    private void persist(EventEnvelope<?> envelope) {
        OutboxEvent row = new OutboxEvent();
        row.eventId = envelope.eventId();
        row.topic = EventType.fromWire(envelope.eventType()).orElseThrow().topic();
        row.recordKey = envelope.key();
        row.eventType = envelope.eventType();
        row.payload = EventCodec.encode(envelope);
        row.createdAt = envelope.occurredAt();
        em.persist(row);
    }

    private void wakeRelayAfterCommit() {
        afterCommit.run(OutboxRelay.class, relay::wakeUp);
    }
}
