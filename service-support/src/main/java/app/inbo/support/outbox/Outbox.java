package app.inbo.support.outbox;

import app.inbo.contracts.events.EventCodec;
import app.inbo.contracts.events.EventEnvelope;
import app.inbo.contracts.events.EventPayload;
import app.inbo.contracts.events.EventType;
import app.inbo.support.jdbc.JdbcBatch;
import app.inbo.support.tx.AfterCommit;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import org.hibernate.Session;

import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.time.Instant;
import java.util.List;

/**
 * Writes events into the outbox inside the caller's transaction, so an event exists if and only if the change
 * it announces was committed. The {@link OutboxRelay} publishes them; it is woken after each commit.
 */
@ApplicationScoped
public class Outbox {

    private static final String INSERT = "insert into outbox_event (event_id, topic, record_key, event_type, payload, "
            + "created_at) values (?, ?, ?, ?, ?, ?)";

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

    /** Appends many events in order with one JDBC batch; must run inside the transaction that makes the change. */
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

    /** Plain JDBC on the transaction's connection: batched, and no identity round trip per row. */
    private void insert(List<EventEnvelope<?>> envelopes) {
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                JdbcBatch rows = new JdbcBatch(insert);
                for (EventEnvelope<?> envelope : envelopes) {
                    insert.setObject(1, envelope.eventId());
                    insert.setString(2, EventType.fromWire(envelope.eventType()).orElseThrow().topic());
                    insert.setString(3, envelope.key());
                    insert.setString(4, envelope.eventType());
                    insert.setString(5, EventCodec.encode(envelope));
                    insert.setObject(6, envelope.occurredAt().atOffset(ZoneOffset.UTC));
                    rows.add();
                }
                rows.flush();
            }
        });
        wakeRelayAfterCommit();
    }

    private void wakeRelayAfterCommit() {
        afterCommit.run(OutboxRelay.class, relay::wakeUp);
    }
}
