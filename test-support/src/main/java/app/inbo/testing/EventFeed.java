package app.inbo.testing;

import app.inbo.contracts.events.EventCodec;
import app.inbo.contracts.events.EventEnvelope;
import app.inbo.contracts.events.EventPayload;
import app.inbo.contracts.events.EventType;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Publishes events to the real broker the service under test consumes from, as a producing service would:
 * enveloped, keyed by the payload's key, on the event type's topic. Also sends raw records, for poison tests.
 */
public final class EventFeed implements AutoCloseable {

    private final KafkaProducer<String, String> producer;

    private EventFeed(String bootstrapServers) {
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer());
    }

    /** A feed into the broker the running service uses. */
    public static EventFeed open() {
        return open(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
    }

    /** A feed into the broker at {@code bootstrapServers}. */
    public static EventFeed open(String bootstrapServers) {
        return new EventFeed(bootstrapServers);
    }

    /** Wraps the payload in a new envelope from {@code producer} and publishes it; returns the envelope. */
    public <P extends EventPayload> EventEnvelope<P> publish(P payload, String producerName) {
        EventEnvelope<P> envelope = EventEnvelope.wrap(payload, producerName, Instant.now());
        publish(envelope);
        return envelope;
    }

    /** Publishes an envelope as it is (to redeliver the same event id, say). */
    public void publish(EventEnvelope<?> envelope) {
        String topic = EventType.fromWire(envelope.eventType()).orElseThrow().topic();
        send(topic, envelope.key(), EventCodec.encode(envelope));
    }

    /** Publishes a raw record, e.g. one that is not a valid event. */
    public void send(String topic, String key, String value) {
        try {
            producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not publish to " + topic, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing", e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
