package app.inbo.support.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Settings of the outbox relay ({@code inbo.outbox.*}). */
@ConfigMapping(prefix = "inbo.outbox")
public interface OutboxConfig {

    /** Whether this instance runs the relay (tests of pure logic may switch it off). */
    @WithDefault("true")
    boolean relayEnabled();

    /** How long the relay sleeps when nothing woke it: picks up rows left by other instances or failures. */
    @WithDefault("500ms")
    Duration pollInterval();

    /** Rows published per transaction. */
    @WithDefault("500")
    int batchSize();

    /** Longest back-off between attempts while Kafka is unreachable. */
    @WithDefault("5s")
    Duration maxBackoff();

    /**
     * How often each instance counts the rows waiting ({@code outbox_pending}), whether or not it is the one
     * publishing and whether or not Kafka answers.
     */
    @WithDefault("2s")
    Duration pendingCountInterval();

    /** How long one batch may wait for Kafka's acknowledgements before it is retried. */
    @WithDefault("10s")
    Duration sendTimeout();
}
