package app.inbo.recommendation;

import app.inbo.contracts.events.EventCodec;
import app.inbo.contracts.events.EventEnvelope;
import app.inbo.contracts.topics.Topics;
import app.inbo.recommendation.support.CatalogFixture;
import app.inbo.support.messaging.ApplicationStopping;
import app.inbo.support.messaging.EventHandler;
import app.inbo.support.messaging.EventPipeline;
import app.inbo.support.messaging.EventPipeline.ConsumerStoppedException;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A batch that fails while the application stops (the persistence unit is closed under it) is not dead-lettered:
 * it is given back uncommitted, so the instance that owns the partition next applies it. Found by the two-instance
 * benchmark, where a stopped instance parked events it could no longer write and they were lost in effect.
 * Runs in its own application (profile): the stop cannot be undone.
 */
@QuarkusTest
@TestProfile(StoppingConsumerTest.OwnApplication.class)
class StoppingConsumerTest {

    public static class OwnApplication implements QuarkusTestProfile {
    }

    private static final String CONSUMER = "stopping-consumer-test";

    @Inject
    EventPipeline pipeline;

    @Inject
    ApplicationStopping application;

    @Inject
    AgroalDataSource db;

    @Inject
    MeterRegistry registry;

    @Test
    void aBatchFailingWhileTheApplicationStopsIsGivenBackNotParked() {
        EventHandler closedUnderIt = event -> {
            throw new IllegalStateException("EntityManagerFactory is closed");
        };

        // running: the failing event is isolated and parked (what must not happen during a stop)
        List<ConsumerRecord<String, String>> first = records(1);
        pipeline.process(CONSUMER, Topics.DEAD_LETTER_RECOMMENDATION, first, closedUnderIt);
        assertEquals(1.0, parked(), "a failure while running parks the event");

        // stopping: the handler fails the same way for every event of the batch
        List<ConsumerRecord<String, String>> batch = records(3);
        EventHandler stopsThenFails = event -> {
            application.begin();
            throw new IllegalStateException("EntityManagerFactory is closed");
        };
        ConsumerStoppedException given = assertThrows(ConsumerStoppedException.class,
                () -> pipeline.process(CONSUMER, Topics.DEAD_LETTER_RECOMMENDATION, batch, stopsThenFails));
        assertInstanceOf(IllegalStateException.class, given.getCause());
        assertEquals(1.0, parked(), "nothing of the stopped batch was parked (parking is awaited, so it would show)");
        assertEquals(3.0, registry.counter("inbo_events_given_back_total", "consumer", CONSUMER).count());
        // and nothing of it was recorded as processed: redelivered, it is applied
        assertEquals(0L, processed(batch));

        // once stopping, a new batch is not even started
        assertThrows(ConsumerStoppedException.class, () -> pipeline.process(CONSUMER, Topics.DEAD_LETTER_RECOMMENDATION,
                records(2), event -> {
                    throw new AssertionError("no batch is applied while the application stops");
                }));
    }

    private long processed(List<ConsumerRecord<String, String>> records) {
        Object[] ids = records.stream().map(r -> EventCodec.decode(r.value()).eventId()).toArray();
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(
                "select count(*) from processed_event where consumer = ? and event_id = any(?)")) {
            s.setString(1, CONSUMER);
            s.setArray(2, c.createArrayOf("uuid", ids));
            try (ResultSet rows = s.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private double parked() {
        Counter counter = registry.find("inbo_events_dead_lettered_total").tags("consumer", CONSUMER).counter();
        return counter == null ? 0 : counter.count();
    }

    private static List<ConsumerRecord<String, String>> records(int n) {
        return IntStream.range(0, n).mapToObj(i -> {
            UUID user = UUID.randomUUID();
            EventEnvelope<?> envelope = EventEnvelope.wrap(
                    CatalogFixture.interaction(user, UUID.randomUUID(), "click", i), "experience-service", Instant.now());
            return new ConsumerRecord<>(Topics.INTERACTIONS, 0, i, user.toString(), EventCodec.encode(envelope));
        }).toList();
    }
}
