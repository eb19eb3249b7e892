package app.inbo.testing;

import app.inbo.kafka.KafkaBroker;
import app.inbo.kafka.TopicProvisioner;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Starts what a service's tests need, for real, and isolates this run's state:
 * <ul>
 *   <li>PostgreSQL at {@code INBO_TEST_POSTGRES} (default 127.0.0.1:5432): a new database per run, dropped after;</li>
 *   <li>Redis at {@code INBO_TEST_REDIS} (default 127.0.0.1:6379): the service's own database index, flushed at
 *       start, reached through a {@link TcpProxy} that tests can cut;</li>
 *   <li>Kafka at {@code KAFKA_BOOTSTRAP_SERVERS}, or, when that is unset, a broker started for this run from
 *       {@code deploy/kafka/target/broker-lib} and stopped after;</li>
 *   <li>an RSA key pair: the service trusts its public half, {@link TestTokens} signs with the private one.</li>
 * </ul>
 * When PostgreSQL or Redis does not answer, the run fails at once saying which and how to start it.
 */
public class InboTestResource implements QuarkusTestResourceLifecycleManager {

    /** Redis database index per service, so services' tests never see each other's keys (the suite uses 0). */
    private static final Map<String, Integer> REDIS_DB = Map.of(
            "reading", 11, "experience", 12, "recommendation", 13, "search", 14, "loop", 15);

    private String service;
    private String database;
    private String postgresHost;
    private int postgresPort;
    private TcpProxy redisProxy;
    private KafkaBroker broker;
    private Path workDir;

    @Override
    public void init(Map<String, String> initArgs) {
        service = initArgs.getOrDefault("service", "service");
        if (!REDIS_DB.containsKey(service)) {
            throw new IllegalArgumentException("unknown service '" + service + "', expected one of " + REDIS_DB.keySet());
        }
    }

    @Override
    public Map<String, String> start() {
        try {
            workDir = Files.createTempDirectory("inbo-test-" + service + "-");
            Map<String, String> config = new HashMap<>();
            config.put("quarkus.datasource.jdbc.url", createDatabase());
            config.put("quarkus.redis.hosts", redis());
            config.put("kafka.bootstrap.servers", kafka());
            config.put("mp.jwt.verify.publickey.location", TestTokens.writeKeyPair(workDir).toString());
            config.put("mp.jwt.verify.issuer", TestTokens.ISSUER);
            // consumer groups unique to this run, so an external broker's committed offsets never leak in
            config.put("inbo.kafka.group-suffix", "-" + database);
            return config;
        } catch (IOException | SQLException e) {
            throw new IllegalStateException("test infrastructure for " + service + " could not start: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting test infrastructure", e);
        }
    }

    @Override
    public void stop() {
        try {
            if (broker != null) {
                String pid = System.getProperty(TestInfra.KAFKA_PID);
                ProcessHandle.of(Long.parseLong(pid)).ifPresent(p -> {
                    p.destroy();
                    p.onExit().join();
                });
                System.clearProperty(TestInfra.KAFKA_PID);
            }
            if (redisProxy != null) {
                redisProxy.close();
            }
            if (database != null) {
                try (Connection c = admin(); Statement s = c.createStatement()) {
                    s.execute("drop database if exists " + database + " with (force)");
                }
            }
        } catch (IOException | SQLException e) {
            throw new IllegalStateException("test infrastructure for " + service + " did not stop cleanly: " + e.getMessage(), e);
        }
    }

    private String createDatabase() throws SQLException {
        String[] hostPort = env("INBO_TEST_POSTGRES", "127.0.0.1:5432").split(":");
        postgresHost = hostPort[0];
        postgresPort = Integer.parseInt(hostPort[1]);
        if (!answers(postgresHost, postgresPort)) {
            throw new IllegalStateException("PostgreSQL is not answering at " + postgresHost + ":" + postgresPort
                    + ". Start it (on this machine: pg_ctlcluster --skip-systemctl-redirect 15 main start), or set "
                    + "INBO_TEST_POSTGRES=host:port to a running server (user postgres, trust auth).");
        }
        database = ("inbo_" + service + "_t" + System.currentTimeMillis() / 1000 + "_"
                + Integer.toString(ThreadLocalRandom.current().nextInt(1 << 20), 36)).toLowerCase(Locale.ROOT);
        try (Connection c = admin(); Statement s = c.createStatement()) {
            s.execute("create database " + database);
        }
        return "jdbc:postgresql://" + postgresHost + ":" + postgresPort + "/" + database;
    }

    private Connection admin() throws SQLException {
        return DriverManager.getConnection(
                "jdbc:postgresql://" + postgresHost + ":" + postgresPort + "/postgres?connectTimeout=3", "postgres", "");
    }

    private String redis() throws IOException {
        String[] hostPort = env("INBO_TEST_REDIS", "127.0.0.1:6379").split(":");
        String host = hostPort[0];
        int port = Integer.parseInt(hostPort[1]);
        int index = REDIS_DB.get(service);
        try {
            String reply = redisCommand(host, port, "SELECT " + index + "\r\nFLUSHDB\r\n");
            if (!reply.startsWith("+OK")) {
                throw new IOException("unexpected reply " + reply.trim());
            }
        } catch (IOException e) {
            throw new IllegalStateException("Redis is not answering at " + host + ":" + port + " (" + e.getMessage()
                    + "). Start it (on this machine: redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save '' "
                    + "--appendonly no), or set INBO_TEST_REDIS=host:port to a running server.", e);
        }
        redisProxy = new TcpProxy(TestInfra.REDIS_PROXY, host, port);
        return "redis://127.0.0.1:" + redisProxy.port() + "/" + index;
    }

    private String kafka() throws IOException, InterruptedException {
        String external = System.getenv("KAFKA_BOOTSTRAP_SERVERS");
        if (external != null && !external.isBlank()) {
            provisionTopics(external);
            return external;
        }
        Path lib = Path.of(System.getProperty("inbo.project.root", "..")).resolve("deploy/kafka/target/broker-lib");
        Path data = workDir.resolve("kafka");
        int port = KafkaBroker.freePort();
        broker = KafkaBroker.start(lib, data, port);
        System.setProperty(TestInfra.KAFKA_PID, Long.toString(broker.pid()));
        System.setProperty(TestInfra.KAFKA_PORT, Integer.toString(port));
        System.setProperty(TestInfra.KAFKA_DATA, data.toString());
        System.setProperty(TestInfra.KAFKA_LIB, lib.toString());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            String pid = System.getProperty(TestInfra.KAFKA_PID);
            if (pid != null) {
                ProcessHandle.of(Long.parseLong(pid)).ifPresent(ProcessHandle::destroyForcibly);
            }
        }));
        provisionTopics(broker.bootstrapServers());
        return broker.bootstrapServers();
    }

    private static void provisionTopics(String bootstrap) throws InterruptedException {
        try {
            TopicProvisioner.createMissing(bootstrap);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("Kafka at " + bootstrap + " did not accept the topics: " + e.getMessage(), e);
        }
    }

    private static boolean answers(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 2000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String redisCommand(String host, int port, String commands) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 2000);
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
            String[] lines = reply.toString().split("\r\n");
            for (String line : lines) {
                if (!line.startsWith("+OK")) {
                    return line;
                }
            }
            return "+OK";
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
