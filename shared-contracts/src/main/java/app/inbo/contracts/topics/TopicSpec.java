package app.inbo.contracts.topics;

/** How a topic is created: its partition count and whether old records per key are compacted away. */
public record TopicSpec(String name, int partitions, Cleanup cleanup) {

    public enum Cleanup {
        DELETE("delete"), COMPACT("compact");

        private final String policy;

        Cleanup(String policy) {
            this.policy = policy;
        }

        /** The value of Kafka's {@code cleanup.policy}. */
        public String policy() {
            return policy;
        }
    }
}
