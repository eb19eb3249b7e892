package app.inbo.experience.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The recommendation service as seen over real HTTP: a JDK HTTP server answering its internal endpoints with the
 * canned JSON a test put in system properties ({@link Neighbours}), and able to be slow, answer 503 or drop the
 * connection. It checks what the real service would: a service token (signed with the key this resource hands the
 * service under test). The recommendations and the profile a test sets for a user come back together, as the
 * recommendation service answers. (The reading service is not called: its events are projected.)
 */
public class NeighbourStub implements QuarkusTestResourceLifecycleManager {

    private static final Pattern RECOMMENDATIONS = Pattern.compile("/internal/recommendations/users/([0-9a-f-]{36})");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A test-only key pair on the test classpath (ServiceTokens reads its key from the classpath). */
    private static final String RESOURCE_KEY = "service-auth/stub-signing-key";

    private HttpServer server;
    private ScheduledExecutorService delays;
    private PublicKey serviceKey;

    @Override
    public Map<String, String> start() {
        try {
            serviceKey = publicKey(RESOURCE_KEY + ".pub.pem");
            delays = Executors.newSingleThreadScheduledExecutor();
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
            server.setExecutor(Executors.newFixedThreadPool(8));
            server.createContext("/", this::handle);
            server.start();
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            return Map.of(
                    "quarkus.rest-client.recommendation.url", base,
                    "inbo.service-auth.signing-key-location", RESOURCE_KEY + ".pem");
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("neighbour stub could not start", e);
        }
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
        if (delays != null) {
            delays.shutdownNow();
        }
    }

    private static PublicKey publicKey(String resource) throws IOException, GeneralSecurityException {
        try (var in = NeighbourStub.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException(resource + " is not on the test classpath");
            }
            String body = new String(in.readAllBytes(), StandardCharsets.US_ASCII)
                    .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(body)));
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (path.equals("/internal/recommendations/item-counts")) {
            if (!isServiceToken(authorization)) {
                respond(exchange, Neighbours.Service.ITEM_COUNTS, 401, "{}");
                return;
            }
            respond(exchange, Neighbours.Service.ITEM_COUNTS, 200,
                    System.getProperty(Neighbours.ITEM_COUNTS, "{\"items\":[],\"next_after\":null}"));
            return;
        }
        Matcher matcher = RECOMMENDATIONS.matcher(path);
        if (matcher.matches()) {
            Neighbours.Service service = Neighbours.Service.RECOMMENDATIONS;
            if (!isServiceToken(authorization)) {
                respond(exchange, service, 401, "{}");
                return;
            }
            String user = matcher.group(1);
            String body = "{\"recommendations\":"
                    + System.getProperty(Neighbours.RECOMMENDED + user, "{\"items\":[],\"cached\":false}")
                    + ",\"profile\":" + System.getProperty(Neighbours.PROFILE + user, "{\"user_id\":\"" + user
                    + "\",\"preferred_categories\":[],\"completed_items\":[],\"dismissed_items\":[]}") + "}";
            respond(exchange, service, 200, body);
            return;
        }
        send(exchange, 404, "{}");
    }

    private void respond(HttpExchange exchange, Neighbours.Service service, int status, String body) throws IOException {
        switch (Neighbours.mode(service)) {
            case DOWN -> send(exchange, 503, "{\"title\":\"Service Unavailable\"}");
            case DROP -> exchange.close();
            case SLOW -> delays.schedule(() -> {
                send(exchange, status, body);
                return null;
            }, Neighbours.SLOW_MS, TimeUnit.MILLISECONDS);
            case UP -> send(exchange, status, body);
        }
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (var out = exchange.getResponseBody()) {
            out.write(bytes);
        } catch (IOException clientGone) {
            // the caller timed out and closed the connection: nothing to answer to
        }
    }

    private boolean isServiceToken(String authorization) throws IOException {
        JsonNode claims = claims(authorization);
        if (claims == null || !claims.has("groups") || !claims.get("groups").toString().contains("\"service\"")) {
            return false;
        }
        String[] parts = authorization.substring("Bearer ".length()).split("\\.");
        try {
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initVerify(serviceKey);
            rs256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            return rs256.verify(Base64.getUrlDecoder().decode(parts[2]));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    private static JsonNode claims(String authorization) throws IOException {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return null;
        }
        String[] parts = authorization.substring("Bearer ".length()).split("\\.");
        if (parts.length != 3) {
            return null;
        }
        return JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
    }
}
