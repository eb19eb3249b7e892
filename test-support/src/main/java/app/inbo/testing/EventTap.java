package app.inbo.testing;

import app.inbo.contracts.events.EventCodec;
import app.inbo.contracts.events.EventEnvelope;
import app.inbo.contracts.events.EventPayload;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.ConfigProvider;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Reads a topic from its beginning with a real Kafka consumer (no group), so a test can assert which events the
 * service under test published. Each call re-reads the whole topic: assertions see every record, duplicates too.
 */
public final class EventTap {

    private final String topic;
    private final String bootstrapServers;

    private EventTap(String topic, String bootstrapServers) {
        this.topic = topic;
        this.bootstrapServers = bootstrapServers;
    }

    /** A tap on {@code topic} of the broker the running service uses. */
    public static EventTap on(String topic) {
        return on(topic, ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
    }

    /** A tap on {@code topic} of the broker at {@code bootstrapServers}. */
    public static EventTap on(String topic, String bootstrapServers) {
        return new EventTap(topic, bootstrapServers);
    }

    /** Every event on the topic whose payload matches, in partition order. */
    public List<EventEnvelope<EventPayload>> events(Predicate<EventEnvelope<EventPayload>> matching) {
        List<EventEnvelope<EventPayload>> found = new ArrayList<>();
        for (ConsumerRecord<String, String> record : records()) {
            EventEnvelope<EventPayload> event = EventCodec.decode(record.value());
            if (matching.test(event)) {
                found.add(event);
            }
        }
        return found;
    }

    /** The raw records (key, value, partition) of the topic. */
    public List<ConsumerRecord<String, String>> records() {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(10));
            List<ConsumerRecord<String, String>> records = new ArrayList<>();
            Instant deadline = Instant.now().plusSeconds(20);
            while (!reachedEnd(consumer, end) && Instant.now().isBefore(deadline)) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }

    private static boolean reachedEnd(KafkaConsumer<String, String> consumer, Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }
}
