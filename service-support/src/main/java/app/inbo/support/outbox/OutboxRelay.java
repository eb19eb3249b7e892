package app.inbo.support.outbox;

import app.inbo.support.jdbc.SqlArrays;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.narayana.jta.QuarkusTransactionException;
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
import org.hibernate.Session;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
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

    /** The thread that publishes, whenever a commit wakes it and every {@code poll-interval}. */
    public static final String RELAY_THREAD = "outbox-relay";
    /** The thread that counts the waiting rows for {@code outbox_pending}, on its own schedule. */
    public static final String PENDING_COUNT_THREAD = "outbox-pending";

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    /** Advisory lock id: "outbox" in ASCII. */
    private static final long LOCK_ID = 0x6f7574626f78L;
    private static final String TRY_LOCK = "select pg_try_advisory_xact_lock(?)";
    private static final String NEXT_ROWS =
            "select seq, topic, record_key, event_type, payload from outbox_event order by seq limit ?";
    private static final String DELETE_ROWS = "delete from outbox_event where seq = any(?::int8[])";
    private static final String COUNT_ROWS = "select count(*) from outbox_event";

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
    private ScheduledExecutorService counter;
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
        thread = new Thread(this::run, RELAY_THREAD);
        thread.setDaemon(true);
        thread.start();
        // counted on its own schedule, whatever the relay is doing: while Kafka is away the relay spends its time
        // waiting for acknowledgements and backing off, and every instance reports the backlog, not only the one
        // holding the publishing lock
        counter = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread t = new Thread(runnable, PENDING_COUNT_THREAD);
            t.setDaemon(true);
            return t;
        });
        long interval = config.pendingCountInterval().toMillis();
        counter.scheduleWithFixedDelay(this::recountPending, 0, interval, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        if (!running) {
            return;
        }
        running = false;
        counter.shutdownNow();
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
        return QuarkusTransaction.requiringNew().call(() -> em.unwrap(Session.class).doReturningWork(this::publishBatch));
    }

    /**
     * Plain JDBC on the transaction's connection: the rows are read as values (no entities to hydrate and
     * dirty-check at commit) and deleted by one array parameter.
     */
    private int publishBatch(Connection connection) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement(TRY_LOCK)) {
            lock.setLong(1, LOCK_ID);
            try (ResultSet row = lock.executeQuery()) {
                if (!row.next() || !row.getBoolean(1)) {
                    return 0;
                }
            }
        }
        List<Long> seqs = new ArrayList<>(config.batchSize());
        List<Future<RecordMetadata>> acks = new ArrayList<>(config.batchSize());
        try (PreparedStatement select = connection.prepareStatement(NEXT_ROWS)) {
            select.setInt(1, config.batchSize());
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    seqs.add(rows.getLong(1));
                    ProducerRecord<String, String> record = new ProducerRecord<>(rows.getString(2), rows.getString(3),
                            rows.getString(5));
                    record.headers().add("event_type", rows.getString(4).getBytes(StandardCharsets.UTF_8));
                    acks.add(producer.send(record));
                }
            }
        }
        if (seqs.isEmpty()) {
            return 0;
        }
        producer.flush();
        awaitAll(acks);
        try (PreparedStatement delete = connection.prepareStatement(DELETE_ROWS)) {
            SqlArrays.numbers(delete, 1, seqs);
            delete.executeUpdate();
        }
        published.increment(seqs.size());
        return seqs.size();
    }

    /** The {@code outbox_pending} gauge: the rows waiting, counted every {@code pending-count-interval}. */
    private void recountPending() {
        try {
            QuarkusTransaction.requiringNew().run(() -> em.unwrap(Session.class).doWork(this::countPending));
        } catch (PersistenceException | QuarkusTransactionException e) {
            // thrown out of the scheduled task it would end the schedule: logged, and counted again next time
            LOG.warnf("the outbox's waiting events cannot be counted (the database: %s); outbox_pending keeps %d",
                    e.getMessage(), pending.get());
        }
    }

    private void countPending(Connection connection) throws SQLException {
        try (PreparedStatement count = connection.prepareStatement(COUNT_ROWS);
             ResultSet row = count.executeQuery()) {
            row.next();
            pending.set(row.getLong(1));
        }
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
