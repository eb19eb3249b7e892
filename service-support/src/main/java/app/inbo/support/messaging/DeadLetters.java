package app.inbo.support.messaging;

import app.inbo.contracts.events.PoisonEventException;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Parks a record that can never be processed on a dead-letter topic, unchanged, with headers saying why, who
 * gave up on it and where it came from. The send is awaited: the consumer's offset moves on only once the record
 * is safe on the dead-letter topic.
 */
@ApplicationScoped
public class DeadLetters {

    private static final Logger LOG = Logger.getLogger(DeadLetters.class);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    MeterRegistry registry;

    private volatile KafkaProducer<String, String> producer;
    private final Set<String> announced = ConcurrentHashMap.newKeySet();

    /** The reason of an event that fails however often it is applied (see {@link EventPipeline}). */
    public static final String HANDLER_FAILED = "HANDLER_FAILED";

    /**
     * Makes the consumer's dead-letter counters exist at 0 from its start on, one per reason, so that dashboards
     * and alerts see a series (an alert on a metric that was never written cannot tell "none" from "not exported").
     */
    public void announce(String consumer) {
        if (announced.add(consumer)) {
            for (PoisonEventException.Reason reason : PoisonEventException.Reason.values()) {
                registry.counter("inbo_events_dead_lettered_total", "consumer", consumer, "reason", reason.name());
            }
            registry.counter("inbo_events_dead_lettered_total", "consumer", consumer, "reason", HANDLER_FAILED);
        }
    }

    public void park(String deadLetterTopic, String consumer, ConsumerRecord<String, String> record,
                     String reasonCode, String reason) {
        ProducerRecord<String, String> parked = new ProducerRecord<>(deadLetterTopic, record.key(), record.value());
        header(parked, "dead-letter-reason", reasonCode + ": " + reason);
        header(parked, "dead-letter-consumer", consumer);
        header(parked, "dead-letter-topic", record.topic());
        header(parked, "dead-letter-partition", Integer.toString(record.partition()));
        header(parked, "dead-letter-offset", Long.toString(record.offset()));
        try {
            producer().send(parked).get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not park " + record.topic() + "/" + record.partition() + "@"
                    + record.offset() + " on " + deadLetterTopic, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while parking a record", e);
        }
        registry.counter("inbo_events_dead_lettered_total", "consumer", consumer, "reason", reasonCode).increment();
        LOG.warnf("dead-lettered %s/%d@%d (key %s) for %s: %s: %s", record.topic(), record.partition(),
                record.offset(), record.key(), consumer, reasonCode, reason);
    }

    private static void header(ProducerRecord<String, String> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private KafkaProducer<String, String> producer() {
        if (producer == null) {
            synchronized (this) {
                if (producer == null) {
                    producer = new KafkaProducer<>(Map.of(
                            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                            ProducerConfig.ACKS_CONFIG, "all",
                            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
                            new StringSerializer(), new StringSerializer());
                }
            }
        }
        return producer;
    }

    void close(@Observes ShutdownEvent event) {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }
}
