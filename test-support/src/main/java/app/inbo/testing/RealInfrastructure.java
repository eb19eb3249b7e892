package app.inbo.testing;

import app.inbo.kafka.KafkaBroker;
import app.inbo.kafka.TopicProvisioner;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;

/**
 * The real PostgreSQL, Redis and Kafka the tests run against, and the isolation of one run's state in them. Nothing
 * needs starting by hand, and nothing the tests did not create is emptied or dropped:
 * <ul>
 *   <li>PostgreSQL: {@code INBO_TEST_POSTGRES} when set ({@code private}: a cluster of this JVM's own, as on a
 *       machine where nothing answers), else the server on 127.0.0.1:5432 when one answers, else a cluster of this
 *       JVM's own ({@link PrivateServers}); the tests create databases named after the run and drop only those;</li>
 *   <li>Redis: {@code INBO_TEST_REDIS} when set (a server whose indexes 11-15 the tests may empty), else a server of
 *       this JVM's own;</li>
 *   <li>Kafka: {@code KAFKA_BOOTSTRAP_SERVERS} when set, else a broker of the run's own.</li>
 * </ul>
 */
public final class RealInfrastructure {

    private static final String MACHINE_POSTGRES = "127.0.0.1:5432";
    private static String postgres;

    private RealInfrastructure() {
    }

    public static synchronized String postgresAddress() {
        if (postgres == null) {
            String configured = System.getenv("INBO_TEST_POSTGRES");
            if ("private".equals(configured)) {
                postgres = PrivateServers.postgres();
            } else if (configured != null && !configured.isBlank()) {
                if (!PrivateServers.answers(configured)) {
                    throw new IllegalStateException("PostgreSQL is not answering at INBO_TEST_POSTGRES=" + configured);
                }
                postgres = configured;
            } else {
                postgres = PrivateServers.answers(MACHINE_POSTGRES) ? MACHINE_POSTGRES : PrivateServers.postgres();
            }
        }
        return postgres;
    }

    /** Creates a database named after {@code prefix} and this run; returns its name. */
    public static String createDatabase(String prefix) throws SQLException {
        String name = ("inbo_" + prefix + "_t" + System.currentTimeMillis() / 1000 + "_"
                + Integer.toString(ThreadLocalRandom.current().nextInt(1 << 20), 36)).toLowerCase(Locale.ROOT);
        try (Connection c = admin(); Statement s = c.createStatement()) {
            s.execute("create database " + name);
        }
        return name;
    }

    public static String jdbcUrl(String database) {
        return "jdbc:postgresql://" + postgresAddress() + "/" + database;
    }

    public static void dropDatabase(String database) throws SQLException {
        try (Connection c = admin(); Statement s = c.createStatement()) {
            s.execute("drop database if exists " + database + " with (force)");
        }
    }

    private static Connection admin() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://" + postgresAddress() + "/postgres?connectTimeout=3",
                "postgres", "");
    }

    /** Empties Redis database {@code index} of the tests' own Redis and returns that server's {@code host:port}. */
    public static String ownRedis(int index) {
        String configured = System.getenv("INBO_TEST_REDIS");
        String address = configured == null || configured.isBlank() ? PrivateServers.redis() : configured;
        try {
            String reply = redisCommand(address, "SELECT " + index + "\r\nFLUSHDB\r\n");
            if (!reply.startsWith("+OK")) {
                throw new IOException("unexpected reply " + reply.trim());
            }
        } catch (IOException e) {
            throw new IllegalStateException("the tests' Redis is not answering at " + address + " (" + e.getMessage()
                    + ")", e);
        }
        return address;
    }

    /** The broker for this run: KAFKA_BOOTSTRAP_SERVERS when set, else one started in {@code dataDir}. */
    public static KafkaBroker startKafka(Path dataDir) throws IOException, InterruptedException {
        Path lib = Path.of(System.getProperty("inbo.project.root", "..")).resolve("deploy/kafka/target/broker-lib");
        KafkaBroker broker = KafkaBroker.start(lib, dataDir, KafkaBroker.freePort());
        provisionTopics(broker.bootstrapServers());
        return broker;
    }

    public static String externalKafka() {
        String external = System.getenv("KAFKA_BOOTSTRAP_SERVERS");
        return external == null || external.isBlank() ? null : external;
    }

    public static void provisionTopics(String bootstrap) throws InterruptedException {
        try {
            TopicProvisioner.createMissing(bootstrap);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka at " + bootstrap + " did not accept the topics: " + e.getMessage(), e);
        }
    }

    private static InetSocketAddress socketAddress(String address) {
        int colon = address.lastIndexOf(':');
        return new InetSocketAddress(address.substring(0, colon), Integer.parseInt(address.substring(colon + 1)));
    }

    private static String redisCommand(String address, String commands) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(socketAddress(address), 2000);
            socket.setSoTimeout(3000);
            OutputStream out = socket.getOutputStream();
            out.write(commands.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[256];
            StringBuilder reply = new StringBuilder();
            while (reply.toString().split("\r\n", -1).length <= 2) {
                int read = in.read(buffer);
                if (read < 0) {
                    break;
                }
                reply.append(new String(buffer, 0, read, StandardCharsets.US_ASCII));
            }
            for (String line : reply.toString().split("\r\n")) {
                if (!line.startsWith("+OK")) {
                    return line;
                }
            }
            return "+OK";
        }
    }

}
