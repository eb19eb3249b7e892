package app.inbo.search.service;

import app.inbo.contracts.events.EventCodec;
import app.inbo.contracts.events.EventEnvelope;
import app.inbo.contracts.events.EventPayload;
import app.inbo.contracts.events.PoisonEventException;
import app.inbo.contracts.topics.Topics;
import app.inbo.support.cache.GenerationCache;
import app.inbo.support.messaging.TransientFailures;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.narayana.jta.QuarkusTransactionException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Rebuilds the index from the catalog topic: empties it, then reads the (compacted) topic from its beginning up to
 * the end it had when the rebuild started, applying each event through {@link CatalogIndexing} (versions, failure
 * store and all). The live consumer keeps running meanwhile; per-item versions make both orders come out the same.
 * One rebuild at a time, in the background; {@link #status()} reports progress.
 */
@ApplicationScoped
public class IndexRebuild {

    private static final Logger LOG = Logger.getLogger(IndexRebuild.class);
    private static final int MAX_TRANSIENT_RETRIES = 30;

    /** The state of the last rebuild. */
    public record Status(String state, Instant startedAt, Instant finishedAt, long eventsRead, long eventsSkipped,
                         String error) {
        static final Status IDLE = new Status("idle", null, null, 0, 0, null);

        Status progress(long read, long skipped) {
            return new Status(state, startedAt, finishedAt, read, skipped, error);
        }

        Status finish(String finalState, Instant at, String failure) {
            return new Status(finalState, startedAt, at, eventsRead, eventsSkipped, failure);
        }
    }

    @Inject
    EntityManager em;

    @Inject
    CatalogIndexing indexing;

    @Inject
    GenerationCache<String, SearchService.Page> cache;

    @Inject
    Clock clock;

    @Inject
    MeterRegistry registry;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    private final AtomicReference<Status> status = new AtomicReference<>(Status.IDLE);

    public Status status() {
        return status.get();
    }

    /** Starts a rebuild unless one is running; returns whether it started. */
    public boolean start() {
        Status current = status.get();
        Status running = new Status("running", Instant.now(clock), null, 0, 0, null);
        if ("running".equals(current.state()) || !status.compareAndSet(current, running)) {
            return false;
        }
        Thread worker = new Thread(this::run, "search-index-rebuild");
        worker.setDaemon(true);
        worker.start();
        return true;
    }

    private void run() {
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                em.createNativeQuery("delete from search_document").executeUpdate();
                em.createNativeQuery("delete from search_category").executeUpdate();
            });
            cache.invalidate(List.of(SearchCaching.INDEX));
            replay();
            status.updateAndGet(s -> s.finish("done", Instant.now(clock), null));
            LOG.infof("index rebuilt from %s: %d events read, %d skipped", Topics.CATALOG, status.get().eventsRead(),
                    status.get().eventsSkipped());
        } catch (KafkaException | PersistenceException | QuarkusTransactionException | RebuildFailedException e) {
            status.updateAndGet(s -> s.finish("failed", Instant.now(clock), e.toString()));
            LOG.errorf(e, "index rebuild failed");
        }
    }

    private void replay() {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.CATALOG, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(Topics.CATALOG, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(10));
            long read = 0;
            long skipped = 0;
            while (!reachedEnd(consumer, end)) {
                ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(500));
                List<EventEnvelope<EventPayload>> batch = new ArrayList<>(records.count());
                for (ConsumerRecord<String, String> record : records) {
                    if (record.offset() >= end.getOrDefault(new TopicPartition(record.topic(), record.partition()), 0L)) {
                        continue;
                    }
                    try {
                        batch.add(EventCodec.decode(record.value()));
                    } catch (PoisonEventException poison) {
                        skipped++;
                        registry.counter("search_rebuild_skipped_total", "reason", poison.reason().name()).increment();
                        LOG.warnf("rebuild skips %s/%d@%d: %s", record.topic(), record.partition(), record.offset(),
                                poison.getMessage());
                    }
                }
                applyWithTransientRetry(batch);
                read += batch.size();
                long readNow = read;
                long skippedNow = skipped;
                status.updateAndGet(s -> s.progress(readNow, skippedNow));
            }
        }
    }

    private void applyWithTransientRetry(List<EventEnvelope<EventPayload>> batch) {
        if (batch.isEmpty()) {
            return;
        }
        long backoffMs = 200;
        for (int attempt = 1; ; attempt++) {
            try {
                QuarkusTransaction.requiringNew().run(() -> indexing.index(batch));
                registry.counter("search_rebuild_events_total").increment(batch.size());
                return;
            } catch (PersistenceException | QuarkusTransactionException e) {
                if (!TransientFailures.isTransient(e) || attempt >= MAX_TRANSIENT_RETRIES) {
                    throw new RebuildFailedException("a batch of " + batch.size() + " events could not be applied", e);
                }
                LOG.warnf("rebuild: database unavailable (%s); retrying in %d ms", e.getMessage(), backoffMs);
                pause(backoffMs);
                backoffMs = Math.min(5000, backoffMs * 2);
            }
        }
    }

    private static boolean reachedEnd(KafkaConsumer<String, String> consumer, Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }

    private static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RebuildFailedException("interrupted", e);
        }
    }

    static class RebuildFailedException extends RuntimeException {
        RebuildFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
