package app.inbo.testing;

import app.inbo.kafka.KafkaBroker;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * What a test can do to the real infrastructure its service runs against: cut Redis (through the proxy), stop
 * and restart the Kafka broker (same port and data). State lives in system properties so it works from any
 * class loader of the test JVM.
 */
public final class TestInfra {

    static final String KAFKA_PID = "inbo.test.kafka.pid";
    static final String KAFKA_PORT = "inbo.test.kafka.port";
    static final String KAFKA_DATA = "inbo.test.kafka.data";
    static final String KAFKA_LIB = "inbo.test.kafka.lib";
    static final String REDIS_PROXY = "redis";

    private TestInfra() {
    }

    public static void cutRedis() {
        System.setProperty(TcpProxy.switchProperty(REDIS_PROXY), "false");
    }

    public static void restoreRedis() {
        System.setProperty(TcpProxy.switchProperty(REDIS_PROXY), "true");
    }

    /** True when the tests started their own broker (KAFKA_BOOTSTRAP_SERVERS was unset), so it may be stopped. */
    public static boolean ownsKafka() {
        return System.getProperty(KAFKA_PID) != null;
    }

    public static void stopKafka() throws InterruptedException {
        Optional<ProcessHandle> broker = ProcessHandle.of(Long.parseLong(requireOwned()));
        if (broker.isPresent()) {
            broker.get().destroy();
            broker.get().onExit().orTimeout(30, java.util.concurrent.TimeUnit.SECONDS).join();
        }
    }

    public static void startKafka() throws IOException, InterruptedException {
        requireOwned();
        KafkaBroker broker = KafkaBroker.start(Path.of(System.getProperty(KAFKA_LIB)),
                Path.of(System.getProperty(KAFKA_DATA)), Integer.parseInt(System.getProperty(KAFKA_PORT)));
        System.setProperty(KAFKA_PID, Long.toString(broker.pid()));
    }

    public static Duration kafkaRestartBudget() {
        return Duration.ofSeconds(60);
    }

    private static String requireOwned() {
        String pid = System.getProperty(KAFKA_PID);
        if (pid == null) {
            throw new IllegalStateException("the tests use an external Kafka (KAFKA_BOOTSTRAP_SERVERS); they cannot stop it");
        }
        return pid;
    }
}
