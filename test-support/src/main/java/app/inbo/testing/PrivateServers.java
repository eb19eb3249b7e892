package app.inbo.testing;

import app.inbo.kafka.KafkaBroker;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL cluster and a Redis server of this test JVM's own, started from the machine's binaries on free
 * ports, with their data in a temporary directory, and stopped and deleted when the JVM exits. What they hold was
 * created by the tests, so the tests may empty it; a server someone else runs is never touched that way.
 */
public final class PrivateServers {

    private static String redis;
    private static String postgres;

    private PrivateServers() {
    }

    /** {@code host:port} of this JVM's Redis (no persistence), started on first use. */
    public static synchronized String redis() {
        if (redis == null) {
            String binary = executable(List.of("/usr/bin/redis-server", "/usr/local/bin/redis-server"))
                    .orElseThrow(() -> new IllegalStateException("the tests start a Redis of their own and need "
                            + "redis-server (apt-get install redis-server), or INBO_TEST_REDIS=host:port naming a "
                            + "server whose database indexes 11-15 the tests may empty"));
            try {
                Path dir = Files.createTempDirectory("inbo-test-redis-");
                int port = KafkaBroker.freePort();
                Process process = new ProcessBuilder(binary, "--port", Integer.toString(port), "--bind", "127.0.0.1",
                        "--save", "", "--appendonly", "no", "--dir", dir.toString(), "--daemonize", "no")
                        .redirectErrorStream(true).redirectOutput(dir.resolve("redis.log").toFile()).start();
                onExit(() -> {
                    process.destroy();
                    waitFor(process);
                    delete(dir);
                });
                awaitPort(port, process, dir.resolve("redis.log"));
                redis = "127.0.0.1:" + port;
            } catch (IOException e) {
                throw new IllegalStateException("the tests' Redis did not start: " + e.getMessage(), e);
            }
        }
        return redis;
    }

    /**
     * {@code host:port} of this JVM's PostgreSQL cluster (user postgres, trust authentication, durability off),
     * initialised and started on first use. As root, the server runs as the postgres OS user (initdb refuses root).
     */
    public static synchronized String postgres() {
        if (postgres == null) {
            Path bin = postgresBinaries().orElseThrow(() -> new IllegalStateException("nothing answers on "
                    + "PostgreSQL's port and the tests need the server binaries to start their own (apt-get install "
                    + "postgresql), or INBO_TEST_POSTGRES=host:port naming a running server (user postgres, trust)"));
            try {
                Path home = Files.createTempDirectory("inbo-test-postgres-");
                Path data = home.resolve("data");
                Files.createDirectory(data);
                boolean root = "root".equals(System.getProperty("user.name"));
                if (root) {
                    run(List.of("chown", "-R", "postgres:postgres", home.toString()), home);
                }
                run(asPostgres(root, bin.resolve("initdb").toString(), "-D", data.toString(), "-U", "postgres",
                        "--auth=trust", "--encoding=UTF8", "--no-locale"), home);
                int port = KafkaBroker.freePort();
                String options = "-p " + port + " -c listen_addresses=127.0.0.1 -c unix_socket_directories='' "
                        + "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200";
                run(asPostgres(root, bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l",
                        home.resolve("postgres.log").toString(), "-o", options, "-w", "-t", "60", "start"), home);
                onExit(() -> {
                    try {
                        run(asPostgres(root, bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate",
                                "-w", "stop"), home);
                    } finally {
                        delete(home);
                    }
                });
                postgres = "127.0.0.1:" + port;
            } catch (IOException e) {
                throw new IllegalStateException("the tests' PostgreSQL did not start: " + e.getMessage(), e);
            }
        }
        return postgres;
    }

    static boolean answers(String address) {
        int colon = address.lastIndexOf(':');
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address.substring(0, colon),
                    Integer.parseInt(address.substring(colon + 1))), 2000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static Optional<Path> postgresBinaries() { // the newest /usr/lib/postgresql/<version>/bin with initdb
        Path versions = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(versions)) {
            return Optional.empty();
        }
        try (Stream<Path> dirs = Files.list(versions)) {
            return dirs.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("initdb")))
                    .max(Comparator.comparingInt(b -> version(b.getParent().getFileName().toString())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int version(String name) {
        try {
            return Integer.parseInt(name);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static Optional<String> executable(List<String> candidates) {
        return candidates.stream().filter(c -> Files.isExecutable(Path.of(c))).findFirst();
    }

    private static List<String> asPostgres(boolean root, String... command) {
        List<String> full = new ArrayList<>();
        if (root) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(List.of(command));
        return full;
    }

    private static void run(List<String> command, Path dir) {
        try {
            Path log = dir.resolve("commands.log");
            Process process = new ProcessBuilder(command).directory(Path.of("/").toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " failed:\n" + tail(log));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + String.join(" ", command), e);
        }
    }

    private static void awaitPort(int port, Process process, Path log) {
        try {
            Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                    .until(() -> answers("127.0.0.1:" + port) || !process.isAlive());
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException("not answering on port " + port + " after 30 s:\n" + tail(log), e);
        }
        if (!process.isAlive()) {
            throw new IllegalStateException("exited before answering on port " + port + ":\n" + tail(log));
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static void waitFor(Process process) {
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void onExit(Runnable stop) {
        Runtime.getRuntime().addShutdownHook(new Thread(stop, "inbo-test-server-stop"));
    }

    /** Deletes {@code dir} and what it holds, as far as it can (a leftover temporary file is harmless). */
    static void delete(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temporary directory is harmless
        }
    }
}
