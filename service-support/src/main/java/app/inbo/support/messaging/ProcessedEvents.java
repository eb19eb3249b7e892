package app.inbo.support.messaging;

import app.inbo.support.jdbc.SqlArrays;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.hibernate.Session;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

/**
 * The idempotent-consumer guard: records that {@code consumer} processed an event id, in the same transaction
 * as the event's effects. Redelivery of the event then finds the record and changes nothing; a rollback removes
 * the record together with the effects, so the event is processed again.
 */
@ApplicationScoped
public class ProcessedEvents {

    private static final String RECORD_ALL = "insert into processed_event (consumer, event_id) "
            + "select ?, unnest(?::uuid[]) on conflict do nothing returning event_id";

    @Inject
    EntityManager em;

    /**
     * Records a batch of event ids in one statement and returns those this consumer had not processed before.
     * Needs the caller's transaction.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Set<UUID> firstDeliveries(String consumer, Collection<UUID> eventIds) {
        Set<UUID> fresh = new HashSet<>();
        if (eventIds.isEmpty()) {
            return fresh;
        }
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(RECORD_ALL)) {
                insert.setString(1, consumer);
                SqlArrays.uuids(insert, 2, eventIds);
                try (ResultSet recorded = insert.executeQuery()) {
                    while (recorded.next()) {
                        fresh.add(recorded.getObject(1, UUID.class));
                    }
                }
            }
        });
        return fresh;
    }
}
