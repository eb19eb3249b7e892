package app.inbo.testing;

import app.inbo.kafka.KafkaBroker;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * Starts what a service's tests need, for real, and isolates this run's state (see {@link RealInfrastructure}):
 * <ul>
 *   <li>PostgreSQL: a new database per run, dropped after;</li>
 *   <li>Redis: the service's own database index of the tests' own server, emptied at start, reached through a
 *       {@link TcpProxy} that tests can cut;</li>
 *   <li>Kafka at {@code KAFKA_BOOTSTRAP_SERVERS}, or, when that is unset, a broker started for this run from
 *       {@code deploy/kafka/target/broker-lib} and stopped after;</li>
 *   <li>an RSA key pair: the service trusts its public half, {@link TestTokens} signs with the private one.</li>
 * </ul>
 */
public class InboTestResource implements QuarkusTestResourceLifecycleManager {

    /** Redis database index per test module, so modules never see each other's keys (the suite uses 0). */
    private static final Map<String, Integer> REDIS_DB = Map.of(
            "reading", 11, "experience", 12, "recommendation", 13, "search", 14, "loop", 15);

    private String service;
    private String database;
    private Path workDir;
    private TcpProxy redisProxy;
    private KafkaBroker broker;

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
            database = RealInfrastructure.createDatabase(service);
            config.put("quarkus.datasource.jdbc.url", RealInfrastructure.jdbcUrl(database));
            config.put("quarkus.redis.hosts", redis());
            config.put("kafka.bootstrap.servers", kafka(workDir));
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
                RealInfrastructure.dropDatabase(database);
            }
            if (workDir != null) {
                PrivateServers.delete(workDir);
            }
        } catch (IOException | SQLException e) {
            throw new IllegalStateException("test infrastructure for " + service + " did not stop cleanly: " + e.getMessage(), e);
        }
    }

    private String redis() throws IOException {
        int index = REDIS_DB.get(service);
        String address = RealInfrastructure.ownRedis(index);
        int colon = address.lastIndexOf(':');
        redisProxy = new TcpProxy(TestInfra.REDIS_PROXY, address.substring(0, colon),
                Integer.parseInt(address.substring(colon + 1)));
        return "redis://127.0.0.1:" + redisProxy.port() + "/" + index;
    }

    private String kafka(Path workDir) throws IOException, InterruptedException {
        String external = RealInfrastructure.externalKafka();
        if (external != null) {
            RealInfrastructure.provisionTopics(external);
            return external;
        }
        Path data = workDir.resolve("kafka");
        broker = RealInfrastructure.startKafka(data);
        System.setProperty(TestInfra.KAFKA_PID, Long.toString(broker.pid()));
        System.setProperty(TestInfra.KAFKA_PORT, broker.bootstrapServers().substring(broker.bootstrapServers().lastIndexOf(':') + 1));
        System.setProperty(TestInfra.KAFKA_DATA, data.toString());
        System.setProperty(TestInfra.KAFKA_LIB, Path.of(System.getProperty("inbo.project.root", ".."))
                .resolve("deploy/kafka/target/broker-lib").toString());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            String pid = System.getProperty(TestInfra.KAFKA_PID);
            if (pid != null) {
                ProcessHandle.of(Long.parseLong(pid)).ifPresent(ProcessHandle::destroyForcibly);
            }
        }));
        return broker.bootstrapServers();
    }
}
