package app.inbo.recommendation.messaging;

import app.inbo.contracts.topics.Topics;
import app.inbo.recommendation.service.FollowIngestion;
import app.inbo.support.messaging.EventPipeline;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Follows and unfollows (keyed by user id) → the users' follows, a batch per transaction. */
@ApplicationScoped
public class FollowConsumer {

    @Inject
    EventPipeline pipeline;

    @Inject
    FollowIngestion ingestion;

    @Incoming("follows")
    @Blocking
    public void consume(ConsumerRecords<String, String> records) {
        pipeline.process(ConsumerName.SERVICE, Topics.DEAD_LETTER_RECOMMENDATION, records, ingestion::apply);
    }
}
