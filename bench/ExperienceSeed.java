// Publishes a synthetic catalog (NewsletterUpserted events, as the reading service would) for bench/experience.sh,
// and prints the item ids, one a line; with a USER, also that user's reading (ReadingProgressRecorded): the first 5
// items started (40 %), the next 3 completed. Run:
// java -cp 'deploy/kafka/target/broker-lib/*' bench/ExperienceSeed.java BOOTSTRAP COUNT [USER]
import app.inbo.contracts.events.CategoryRef;
import app.inbo.contracts.events.EventCodec;
import app.inbo.contracts.events.EventEnvelope;
import app.inbo.contracts.events.ItemType;
import app.inbo.contracts.events.NewsletterUpserted;
import app.inbo.contracts.events.ReadingProgressRecorded;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

public class ExperienceSeed {
    public static void main(String[] args) throws Exception {
        String bootstrap = args[0];
        int count = Integer.parseInt(args[1]);
        Random random = new Random(42);
        List<CategoryRef> categories = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            categories.add(new CategoryRef(new UUID(0xbe9c4L, i), "category-" + i, "Category " + i));
        }
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap,
                "acks", "all", "linger.ms", 5), new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < count; i++) {
                UUID id = new UUID(0xbe9c5L, i);
                Instant created = Instant.now().minus(Duration.ofHours(random.nextInt(24 * 90)));
                NewsletterUpserted n = new NewsletterUpserted(id, "Newsletter " + i, "A newsletter about things " + i,
                        "https://inbo.app/n/" + i, List.of(categories.get(random.nextInt(20)), categories.get(random.nextInt(20))),
                        random.nextInt(10) == 0 ? null : created, created, created.plus(Duration.ofHours(random.nextInt(48))), 1);
                EventEnvelope<NewsletterUpserted> envelope = EventEnvelope.wrap(n, "bench", Instant.now());
                producer.send(new ProducerRecord<>("reading.catalog.changed", envelope.key(), EventCodec.encode(envelope)));
                System.out.println(id);
            }
            if (args.length > 2) {
                UUID user = UUID.fromString(args[2]);
                for (int i = 0; i < Math.min(8, count); i++) {
                    ReadingProgressRecorded read = new ReadingProgressRecorded(user, new UUID(0xbe9c5L, i),
                            ItemType.NEWSLETTER, i < 5 ? 40 : 100, i >= 5, Instant.now().minusSeconds(60L * i));
                    EventEnvelope<ReadingProgressRecorded> envelope = EventEnvelope.wrap(read, "bench", Instant.now());
                    producer.send(new ProducerRecord<>("reading.progress.recorded", envelope.key(), EventCodec.encode(envelope)));
                }
            }
            producer.flush();
        }
    }
}
