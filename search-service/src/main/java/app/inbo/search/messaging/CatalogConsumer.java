package app.inbo.search.messaging;

import app.inbo.contracts.topics.Topics;
import app.inbo.search.service.CatalogIndexing;
import app.inbo.support.messaging.EventPipeline;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Keeps the search index in step with the catalog topic of the reading service. */
@ApplicationScoped
public class CatalogConsumer {

    public static final String CONSUMER = "search-service";

    @Inject
    EventPipeline pipeline;

    void announce(@Observes StartupEvent start) {
        pipeline.announce(CONSUMER);
    }

    @Inject
    CatalogIndexing indexing;

    @Incoming("catalog")
    @Blocking
    public void consume(ConsumerRecords<String, String> records) {
        pipeline.process(CONSUMER, Topics.DEAD_LETTER_SEARCH, records, indexing::index);
    }
}
