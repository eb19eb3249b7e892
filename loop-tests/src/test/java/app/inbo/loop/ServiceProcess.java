package app.inbo.loop;

import org.awaitility.Awaitility;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A service started from its shipped jar, as a separate process, by deploy/bin/run-service: the launcher ./suite and
 * the benchmarks use, so that the tests run a service the way it is run.
 */
final class ServiceProcess implements AutoCloseable {

    /** Where the services' infrastructure is: PostgreSQL as host:port, Redis as host:port/db, the key pair's folder. */
    record Infrastructure(String postgres, String redis, String kafka, Path keys) {
    }

    private final String name;
    private final int port;
    private final ProcessBuilder builder;
    private final Process process;
    private final Path log;

    private ServiceProcess(String name, int port, ProcessBuilder builder, Path log) throws IOException {
        this.name = name;
        this.port = port;
        this.builder = builder;
        this.log = log;
        this.process = builder.start();
    }

    /** Starts MODULE on PORT against DATABASE; ENV adds settings of the test's own (INBO_..., QUARKUS_...). */
    static ServiceProcess start(String module, int port, Infrastructure infrastructure, String database,
                                Map<String, String> env, Path logDir) throws IOException {
        Path launcher = Path.of(System.getProperty("inbo.project.root", "..")).resolve("deploy/bin/run-service");
        // the JVM running the tests runs the services too
        String java = ProcessHandle.current().info().command().orElse("java");
        Path log = logDir.resolve(module + ".log");
        ProcessBuilder builder = new ProcessBuilder("bash", launcher.toString(),
                "--postgres", infrastructure.postgres() + "/" + database, "--redis", infrastructure.redis(),
                "--kafka", infrastructure.kafka(), "--keys", infrastructure.keys().toString(), "--java", java,
                module, Integer.toString(port), "-Xms64m", "-Xmx256m")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
        builder.environment().putAll(env);
        return new ServiceProcess(module, port, builder, log);
    }

    /** The same service started again, with the same settings (after {@link #close()}). */
    ServiceProcess startAgain() throws IOException {
        return new ServiceProcess(name, port, builder, log);
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** Waits until the service reports ready (PostgreSQL, Redis and Kafka reachable, migrations done). */
    void awaitReady(Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create(baseUrl() + "/q/health/ready"))
                .timeout(Duration.ofSeconds(2)).build();
        Awaitility.await(name + " ready").atMost(timeout).pollInterval(Duration.ofMillis(200)).until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited: " + tail());
            }
            try {
                return http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (IOException notListeningYet) {
                return false;
            }
        });
    }

    private String tail() throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
