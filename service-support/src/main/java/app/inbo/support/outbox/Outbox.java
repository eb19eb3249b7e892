package app.inbo.support.outbox;

import app.inbo.contracts.events.EventCodec;
import app.inbo.contracts.events.EventEnvelope;
import app.inbo.contracts.events.EventPayload;
import app.inbo.contracts.events.EventType;
import app.inbo.support.jdbc.SqlArrays;
import app.inbo.support.tx.AfterCommit;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import org.hibernate.Session;

import java.sql.PreparedStatement;
import java.time.Clock;
import java.util.ArrayList;
import java.time.Instant;
import java.util.List;

/**
 * Writes events into the outbox inside the caller's transaction, so an event exists if and only if the change
 * it announces was committed. The {@link OutboxRelay} publishes them; it is woken after each commit.
 */
@ApplicationScoped
public class Outbox {

    /** The rows in list order: {@code seq} is assigned as the ordered rows are inserted, so it follows the list. */
    private static final String INSERT = """
            insert into outbox_event (event_id, topic, record_key, event_type, payload, created_at)
            select event_id, topic, record_key, event_type, payload, created_at
            from unnest(?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[], ?::timestamptz[]) with ordinality
                as e(event_id, topic, record_key, event_type, payload, created_at, n)
            order by n""";

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
        insert(List.of(envelope));
        return envelope;
    }

    /** Appends many events in order with one statement; must run inside the transaction that makes the change. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void appendAll(List<? extends EventPayload> payloads) {
        if (payloads.isEmpty()) {
            return;
        }
        Instant now = Instant.now(clock);
        List<EventEnvelope<?>> envelopes = new ArrayList<>(payloads.size());
        for (EventPayload payload : payloads) {
            envelopes.add(EventEnvelope.wrap(payload, producer, now));
        }
        insert(envelopes);
    }

    /** Plain JDBC on the transaction's connection: one statement, and no identity round trip per row. */
    private void insert(List<EventEnvelope<?>> envelopes) {
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                SqlArrays.uuids(insert, 1, envelopes.stream().map(EventEnvelope::eventId).toList());
                SqlArrays.texts(insert, 2, envelopes.stream()
                        .map(e -> EventType.fromWire(e.eventType()).orElseThrow().topic()).toList());
                SqlArrays.texts(insert, 3, envelopes.stream().map(EventEnvelope::key).toList());
                SqlArrays.texts(insert, 4, envelopes.stream().map(EventEnvelope::eventType).toList());
                SqlArrays.texts(insert, 5, envelopes.stream().map(EventCodec::encode).toList());
                SqlArrays.instants(insert, 6, envelopes.stream().map(EventEnvelope::occurredAt).toList());
                insert.executeUpdate();
            }
        });
        wakeRelayAfterCommit();
    }

    private void wakeRelayAfterCommit() {
        afterCommit.run(OutboxRelay.class, relay::wakeUp);
    }
}
