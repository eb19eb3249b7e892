package app.inbo.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A single-node Apache Kafka broker in KRaft mode (combined broker + controller), run as a separate JVM from
 * the broker jars in {@code deploy/kafka/target/broker-lib}. The data directory survives restarts, so stopping
 * and starting on the same directory keeps topics and offsets.
 */
public final class KafkaBroker {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

    private final Path dataDir;
    private final int port;
    private final Process process;

    private KafkaBroker(Path dataDir, int port, Process process) {
        this.dataDir = dataDir;
        this.port = port;
        this.process = process;
    }

    /** Starts a broker on {@code port} (its controller on a free port) and waits until it answers. */
    public static KafkaBroker start(Path libDir, Path dataDir, int port) throws IOException, InterruptedException {
        if (!Files.isDirectory(libDir) || !Files.exists(libDir.resolve(brokerJarName(libDir)))) {
            throw new IllegalStateException("Kafka broker jars not found in " + libDir
                    + " - build them with: ./mvnw -q -pl deploy/kafka -am install -DskipTests");
        }
        Files.createDirectories(dataDir);
        Path config = dataDir.resolve("server.properties");
        int controllerPort = controllerPort(dataDir);
        Files.writeString(config, serverProperties(dataDir, port, controllerPort));
        Files.writeString(dataDir.resolve("log4j2.properties"), LOG4J2);
        Path log = dataDir.resolve("broker.log");
        if (!Files.exists(dataDir.resolve("logs").resolve("meta.properties"))) {
            Process format = javaProcess(libDir, dataDir, "kafka.tools.StorageTool",
                    "format", "-t", Uuid.randomUuid().toString(), "-c", config.toString())
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectErrorStream(true)
                    .start();
            if (!format.waitFor(60, TimeUnit.SECONDS) || format.exitValue() != 0) {
                throw new IllegalStateException("formatting Kafka storage failed, see " + log);
            }
        }
        Process broker = javaProcess(libDir, dataDir, "kafka.Kafka", config.toString())
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectErrorStream(true)
                .start();
        KafkaBroker started = new KafkaBroker(dataDir, port, broker);
        started.awaitReady(log);
        return started;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public long pid() {
        return process.pid();
    }

    public Path dataDir() {
        return dataDir;
    }

    /** Stops the broker process (SIGTERM, then SIGKILL after 30 s) and waits for it to exit. */
    public void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    /** A free TCP port on the loopback address. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }

    private void awaitReady(Path log) throws InterruptedException {
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        Map<String, Object> config = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Kafka broker exited with " + process.exitValue() + ", see " + log);
            }
            if (accepts(port)) {
                try (Admin admin = Admin.create(config)) {
                    admin.describeCluster().nodes().get(3, TimeUnit.SECONDS);
                    return;
                } catch (ExecutionException | TimeoutException notYet) {
                    // the listener is open but the controller has not elected itself yet
                }
            }
            Thread.sleep(200);
        }
        process.destroyForcibly();
        throw new IllegalStateException("Kafka broker not ready after " + READY_TIMEOUT + ", see " + log);
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException refused) {
            return false;
        }
    }

    /** The controller port is fixed per data directory so a restart finds the same quorum address. */
    private static int controllerPort(Path dataDir) throws IOException {
        Path file = dataDir.resolve("controller.port");
        if (Files.exists(file)) {
            return Integer.parseInt(Files.readString(file).trim());
        }
        int port = freePort();
        Files.writeString(file, Integer.toString(port));
        return port;
    }

    private static ProcessBuilder javaProcess(Path libDir, Path dataDir, String mainClass, String... args) {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new java.util.ArrayList<>(List.of(java,
                "-Xms64m", "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Dlog4j2.configurationFile=" + dataDir.resolve("log4j2.properties"),
                "-cp", libDir.toAbsolutePath() + "/*", mainClass));
        command.addAll(List.of(args));
        return new ProcessBuilder(command);
    }

    private static String brokerJarName(Path libDir) throws IOException {
        try (var files = Files.list(libDir)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith("kafka_2.13-"))
                    .findFirst()
                    .orElse("kafka_2.13-missing.jar");
        }
    }

    private static String serverProperties(Path dataDir, int port, int controllerPort) {
        return String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
                "log.dirs=" + dataDir.resolve("logs").toAbsolutePath(),
                "auto.create.topics.enable=false",
                "num.partitions=1",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=6",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                // the default 128 MiB dedupe buffer does not fit a small heap
                "log.cleaner.dedupe.buffer.size=8388608",
                "") ;
    }

    private static final String LOG4J2 = String.join("\n",
            "status = warn",
            "appender.out.type = Console",
            "appender.out.name = out",
            "appender.out.layout.type = PatternLayout",
            "appender.out.layout.pattern = [%d] %p %m (%c)%n",
            "rootLogger.level = info",
            "rootLogger.appenderRef.out.ref = out",
            "logger.kafka.name = kafka",
            "logger.kafka.level = info",
            "logger.apache.name = org.apache.kafka",
            "logger.apache.level = warn",
            "");
}
