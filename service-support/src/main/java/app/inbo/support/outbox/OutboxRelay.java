package app.inbo.support.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Publishes outbox rows to Kafka in commit order and deletes them once Kafka acknowledged them. One relay thread
 * per instance; across instances a PostgreSQL advisory lock lets one publish at a time, which keeps per-key order.
 * Delivery is at least once (a batch that failed half-way is sent again): consumers are idempotent by event id.
 * While Kafka or the database is away the rows wait and the relay backs off; nothing is lost.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    /** Advisory lock id: "outbox" in ASCII. */
    private static final long LOCK_ID = 0x6f7574626f78L;

    @Inject
    EntityManager em;

    @Inject
    OutboxConfig config;

    @Inject
    MeterRegistry registry;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    private final Semaphore wake = new Semaphore(0);
    private final AtomicLong pending = new AtomicLong();
    private volatile boolean running;
    private Thread thread;
    private KafkaProducer<String, String> producer;
    private Counter published;
    private Counter failures;

    void start(@Observes StartupEvent event) {
        if (!config.relayEnabled()) {
            return;
        }
        published = registry.counter("outbox_published_total");
        failures = registry.counter("outbox_publish_failures_total");
        registry.gauge("outbox_pending", pending);
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 2,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 3000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 8000),
                new StringSerializer(), new StringSerializer());
        running = true;
        thread = new Thread(this::run, "outbox-relay");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        if (!running) {
            return;
        }
        running = false;
        wake.release();
        thread.join(TimeUnit.SECONDS.toMillis(10));
        producer.close(Duration.ofSeconds(5));
    }

    /** Asks the relay to publish now (called after a transaction that wrote outbox rows committed). */
    public void wakeUp() {
        if (wake.availablePermits() == 0) {
            wake.release();
        }
    }

    private void run() {
        long backoffMs = 0;
        while (running) {
            try {
                int sent = publishBatch();
                backoffMs = 0;
                if (sent < config.batchSize()) {
                    wake.tryAcquire(config.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                    wake.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (KafkaException | PublishFailedException e) {
                backoffMs = backOff(backoffMs, "Kafka", e);
            } catch (PersistenceException e) {
                backoffMs = backOff(backoffMs, "the database", e);
            }
        }
    }

    private long backOff(long previousMs, String what, RuntimeException cause) {
        failures.increment();
        long next = Math.min(config.maxBackoff().toMillis(), previousMs == 0 ? 200 : previousMs * 2);
        LOG.warnf("outbox relay cannot publish (%s unavailable: %s); %d events wait, next attempt in %d ms",
                what, cause.getMessage(), pending.get(), next);
        try {
            Thread.sleep(next);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return next;
    }

    /** Publishes up to one batch; returns how many rows it published. */
    int publishBatch() {
        return QuarkusTransaction.requiringNew().call(() -> {
            boolean mine = (Boolean) em.createNativeQuery("select pg_try_advisory_xact_lock(?1)")
                    .setParameter(1, LOCK_ID).getSingleResult();
            if (!mine) {
                return 0;
            }
            List<OutboxEvent> rows = em.createQuery("from OutboxEvent order by seq", OutboxEvent.class)
                    .setMaxResults(config.batchSize())
                    .getResultList();
            if (rows.isEmpty()) {
                pending.set(0);
                return 0;
            }
            List<Future<RecordMetadata>> acks = new ArrayList<>(rows.size());
            for (OutboxEvent row : rows) {
                ProducerRecord<String, String> record = new ProducerRecord<>(row.topic, row.recordKey, row.payload);
                record.headers().add("event_type", row.eventType.getBytes(StandardCharsets.UTF_8));
                acks.add(producer.send(record));
            }
            producer.flush();
            awaitAll(acks);
            List<Long> seqs = rows.stream().map(r -> r.seq).toList();
            em.createQuery("delete from OutboxEvent where seq in :seqs").setParameter("seqs", seqs).executeUpdate();
            published.increment(rows.size());
            pending.set(((Number) em.createNativeQuery("select count(*) from outbox_event").getSingleResult())
                    .longValue() - rows.size());
            return rows.size();
        });
    }

    private void awaitAll(List<Future<RecordMetadata>> acks) {
        long deadline = System.nanoTime() + config.sendTimeout().toNanos();
        for (Future<RecordMetadata> ack : acks) {
            try {
                ack.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (ExecutionException e) {
                throw new PublishFailedException("Kafka refused an event: " + e.getCause().getMessage(), e.getCause());
            } catch (TimeoutException e) {
                throw new PublishFailedException("no acknowledgement within " + config.sendTimeout(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PublishFailedException("interrupted while waiting for acknowledgements", e);
            }
        }
    }

    /** A batch that Kafka did not acknowledge; its rows stay in the outbox. */
    static class PublishFailedException extends RuntimeException {
        PublishFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
