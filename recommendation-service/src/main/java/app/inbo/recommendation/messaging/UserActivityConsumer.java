package app.inbo.recommendation.messaging;

import app.inbo.contracts.topics.Topics;
import app.inbo.recommendation.service.UserActivityIngestion;
import app.inbo.support.messaging.EventPipeline;
import io.smallrye.common.annotation.Blocking;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Interactions and reading progress (both keyed by user id) → user events and features, a batch per transaction. */
@ApplicationScoped
public class UserActivityConsumer {

    @Inject
    EventPipeline pipeline;

    void announce(@Observes StartupEvent start) {
        pipeline.announce(ConsumerName.SERVICE);
    }

    @Inject
    UserActivityIngestion ingestion;

    @Incoming("user-activity")
    @Blocking
    public void consume(ConsumerRecords<String, String> records) {
        pipeline.process(ConsumerName.SERVICE, Topics.DEAD_LETTER_RECOMMENDATION, records, ingestion::apply);
    }
}
