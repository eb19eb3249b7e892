package app.inbo.experience.messaging;

import app.inbo.contracts.topics.Topics;
import app.inbo.experience.service.ReadingProjection;
import app.inbo.support.messaging.EventPipeline;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Keeps the local reading state up to date from {@value Topics#READING_PROGRESS}. */
@ApplicationScoped
public class ReadingConsumer {

    @Inject
    EventPipeline pipeline;

    @Inject
    ReadingProjection projection;

    @Incoming("reading-progress")
    @Blocking
    public void consume(ConsumerRecords<String, String> records) {
        pipeline.process(CatalogConsumer.CONSUMER, Topics.DEAD_LETTER_EXPERIENCE, records, projection::apply);
    }
}
