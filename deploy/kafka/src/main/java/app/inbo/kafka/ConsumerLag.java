package app.inbo.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * How far each consumer group is behind: per group, the sum over its partitions of the log end offset minus the
 * committed offset; a partition a member is assigned but that has no commit yet counts from the log start.
 */
public final class ConsumerLag {

    private ConsumerLag() {
    }

    /** Group id → records behind, for every consumer group of the cluster. */
    public static Map<String, Long> of(String bootstrapServers)
            throws ExecutionException, InterruptedException, TimeoutException {
        Map<String, Long> lag = new TreeMap<>();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            for (ConsumerGroupListing group : admin.listConsumerGroups().all().get(10, TimeUnit.SECONDS)) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin
                        .listConsumerGroupOffsets(group.groupId()).partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
                Set<TopicPartition> partitions = new HashSet<>(committed.keySet());
                admin.describeConsumerGroups(List.of(group.groupId())).all().get(10, TimeUnit.SECONDS)
                        .get(group.groupId()).members()
                        .forEach(member -> partitions.addAll(member.assignment().topicPartitions()));
                if (partitions.isEmpty()) {
                    continue;
                }
                Map<TopicPartition, Long> ends = offsets(admin, partitions, OffsetSpec.latest());
                Map<TopicPartition, Long> starts = offsets(admin, partitions, OffsetSpec.earliest());
                long behind = 0;
                for (TopicPartition partition : partitions) {
                    OffsetAndMetadata commit = committed.get(partition);
                    long position = commit != null ? commit.offset() : starts.get(partition);
                    behind += Math.max(0, ends.get(partition) - position);
                }
                lag.put(group.groupId(), behind);
            }
        }
        return lag;
    }

    private static Map<TopicPartition, Long> offsets(Admin admin, Set<TopicPartition> partitions, OffsetSpec spec)
            throws ExecutionException, InterruptedException, TimeoutException {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(partition -> request.put(partition, spec));
        Map<TopicPartition, Long> offsets = new HashMap<>();
        admin.listOffsets(request).all().get(10, TimeUnit.SECONDS)
                .forEach((partition, info) -> offsets.put(partition, info.offset()));
        return offsets;
    }
}
