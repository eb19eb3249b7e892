package app.inbo.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy in front of a real server that a test can cut and restore, to show what a service does while the
 * server is unreachable. It is switched through a system property ({@code inbo.test.proxy.NAME.open}), which is
 * visible to every class loader of the test JVM.
 */
public final class TcpProxy implements AutoCloseable {

    private final String name;
    private final String targetHost;
    private final int targetPort;
    private final ServerSocket server;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean running = true;

    public TcpProxy(String name, String targetHost, int targetPort) throws IOException {
        this.name = name;
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        System.setProperty(switchProperty(name), "true");
        daemon("proxy-" + name + "-accept", this::acceptLoop).start();
        daemon("proxy-" + name + "-watch", this::watchLoop).start();
    }

    public static String switchProperty(String name) {
        return "inbo.test.proxy." + name + ".open";
    }

    public int port() {
        return server.getLocalPort();
    }

    private boolean isOpen() {
        return Boolean.parseBoolean(System.getProperty(switchProperty(name), "true"));
    }

    private void acceptLoop() {
        while (running) {
            try {
                Socket client = server.accept();
                if (!isOpen()) {
                    client.close();
                    continue;
                }
                Socket upstream = new Socket();
                upstream.connect(new InetSocketAddress(targetHost, targetPort), 2000);
                open.add(client);
                open.add(upstream);
                daemon("proxy-" + name + "-up", () -> pump(client, upstream)).start();
                daemon("proxy-" + name + "-down", () -> pump(upstream, client)).start();
            } catch (IOException e) {
                if (!running) {
                    return;
                }
            }
        }
    }

    /** Cutting the proxy also breaks connections that are already open, as a server crash would. */
    private void watchLoop() {
        while (running) {
            if (!isOpen()) {
                open.forEach(TcpProxy::closeQuietly);
                open.clear();
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void pump(Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (IOException closed) {
            // one side went away: close the pair below
        } finally {
            closeQuietly(from);
            closeQuietly(to);
            open.remove(from);
            open.remove(to);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException alreadyGone) {
            // nothing left to release
        }
    }

    private static Thread daemon(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }

    @Override
    public void close() throws IOException {
        running = false;
        server.close();
        open.forEach(TcpProxy::closeQuietly);
    }
}
