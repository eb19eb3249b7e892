package app.inbo.support.messaging;

import app.inbo.contracts.events.EventCodec;
import app.inbo.contracts.events.EventEnvelope;
import app.inbo.contracts.events.EventPayload;
import app.inbo.contracts.events.PoisonEventException;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * How every consumer of the suite processes a batch of Kafka records:
 * <ol>
 *   <li>decode each record; one that can never be processed (malformed, unknown type, unsupported schema version)
 *       is parked on the dead-letter topic with its reason, and the rest go on;</li>
 *   <li>hand the batch's first deliveries (events whose id this consumer has not processed before, see
 *       {@link ProcessedEvents}) to the {@link EventHandler} in one transaction, which also records their ids;</li>
 *   <li>a transient failure (database briefly away) rolls back and retries the batch with back-off until it
 *       passes: nothing is dead-lettered for it;</li>
 *   <li>any other failure rolls back, and the batch is applied again one event per transaction, so the one event
 *       that fails is isolated, logged with its stack trace and parked; its neighbours are applied;</li>
 *   <li>except while the application stops ({@link ApplicationStopping}): then a failure is the shutdown's doing
 *       (persistence unit or data source already closed), nothing is parked, and the batch is given back
 *       uncommitted with {@link ConsumerStoppedException}, to be redelivered to whoever owns the partition next.</li>
 * </ol>
 * The method returns only when every record was applied or parked, so the offset never passes an unhandled record.
 */
@ApplicationScoped
public class EventPipeline {

    private static final Logger LOG = Logger.getLogger(EventPipeline.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    @Inject
    ProcessedEvents processedEvents;

    @Inject
    DeadLetters deadLetters;

    @Inject
    MeterRegistry registry;

    @Inject
    ApplicationStopping application;

    /** Called once by each consumer when it is created: its metrics exist from then on, at 0. */
    public void announce(String consumer) {
        deadLetters.announce(consumer);
    }

    public void process(String consumer, String deadLetterTopic, Iterable<ConsumerRecord<String, String>> records,
                        EventHandler handler) {
        List<Decoded> decoded = new ArrayList<>();
        for (ConsumerRecord<String, String> record : records) {
            try {
                decoded.add(new Decoded(record, EventCodec.decode(record.value())));
            } catch (PoisonEventException poison) {
                deadLetters.park(deadLetterTopic, consumer, record, poison.reason().name(), poison.getMessage());
            }
        }
        if (decoded.isEmpty()) {
            return;
        }
        if (application.stopping()) {
            throw new ConsumerStoppedException(null);
        }
        registry.counter("inbo_events_received_total", "consumer", consumer).increment(decoded.size());
        try {
            withTransientRetry(consumer, () -> applyInOneTransaction(consumer, decoded, handler));
        } catch (ConsumerStoppedException stopped) {
            throw stopped;
        } catch (RuntimeException batchFailure) {
            stopIfStopping(consumer, decoded.size(), batchFailure);
            // Not transient: some event in the batch fails however often it is tried. Find it by applying one
            // event per transaction; this is the one place that classifies unnamed failures, and none is hidden.
            LOG.warnf("batch of %d events for %s failed (%s); applying them one by one to isolate the cause",
                    decoded.size(), consumer, batchFailure.toString());
            for (Decoded one : decoded) {
                try {
                    withTransientRetry(consumer, () -> applyInOneTransaction(consumer, List.of(one), handler));
                } catch (ConsumerStoppedException stopped) {
                    throw stopped;
                } catch (RuntimeException eventFailure) {
                    stopIfStopping(consumer, decoded.size(), eventFailure);
                    LOG.errorf(eventFailure, "event %s (%s) cannot be applied by %s", one.event().eventId(),
                            one.event().eventType(), consumer);
                    deadLetters.park(deadLetterTopic, consumer, one.record(), DeadLetters.HANDLER_FAILED,
                            eventFailure.getClass().getSimpleName() + ": " + eventFailure.getMessage());
                }
            }
        }
    }

    /** A failure while the application stops is not the records' fault: the batch goes back, nothing is parked. */
    private void stopIfStopping(String consumer, int size, RuntimeException failure) {
        if (application.stopping()) {
            LOG.infof("%s: the application is stopping; a batch of %d events is given back uncommitted (%s)", consumer,
                    size, TransientFailures.describe(failure));
            registry.counter("inbo_events_given_back_total", "consumer", consumer).increment(size);
            throw new ConsumerStoppedException(failure);
        }
    }

    private void applyInOneTransaction(String consumer, List<Decoded> batch, EventHandler handler) {
        QuarkusTransaction.requiringNew().run(() -> {
            Set<UUID> fresh = processedEvents.firstDeliveries(consumer,
                    batch.stream().map(one -> one.event().eventId()).toList());
            List<EventEnvelope<EventPayload>> firstDeliveries = new ArrayList<>(fresh.size());
            for (Decoded one : batch) {
                // remove: an id that appears twice in one batch is applied once
                if (fresh.remove(one.event().eventId())) {
                    firstDeliveries.add(one.event());
                }
            }
            if (!firstDeliveries.isEmpty()) {
                handler.apply(firstDeliveries);
            }
            registry.counter("inbo_events_applied_total", "consumer", consumer).increment(firstDeliveries.size());
            registry.counter("inbo_events_duplicates_total", "consumer", consumer)
                    .increment(batch.size() - firstDeliveries.size());
        });
    }

    private void withTransientRetry(String consumer, Runnable work) {
        long backoffMs = 100;
        while (true) {
            try {
                work.run();
                return;
            } catch (RuntimeException failure) {
                if (failure instanceof ConsumerStoppedException || !TransientFailures.isTransient(failure)) {
                    throw failure;
                }
                if (application.stopping()) {
                    throw new ConsumerStoppedException(failure);
                }
                registry.counter("inbo_events_transient_retries_total", "consumer", consumer).increment();
                LOG.warnf("%s: transient failure (%s); retrying in %d ms", consumer, TransientFailures.describe(failure), backoffMs);
                sleep(backoffMs);
                backoffMs = Math.min(MAX_BACKOFF.toMillis(), backoffMs * 2);
            }
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConsumerStoppedException(e);
        }
    }

    /** The consumer is shutting down: nothing is parked, nothing committed, the batch is redelivered. */
    public static class ConsumerStoppedException extends RuntimeException {
        ConsumerStoppedException(Throwable cause) {
            super("the consumer is stopping; the batch is given back uncommitted and will be redelivered", cause);
        }
    }

    private record Decoded(ConsumerRecord<String, String> record, EventEnvelope<EventPayload> event) {
    }
}
