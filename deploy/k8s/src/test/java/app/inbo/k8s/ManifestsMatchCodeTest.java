package app.inbo.k8s;

import app.inbo.contracts.topics.TopicSpec;
import app.inbo.contracts.topics.Topics;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Kubernetes manifests are hand-written; these checks keep them true to the code they deploy, so a renamed
 * topic, port, configuration key or consumer group fails the build instead of a rollout.
 */
class ManifestsMatchCodeTest {

    private static final Path ROOT = Path.of(System.getProperty("inbo.project.root", "../.."));
    private static final Path BASE = ROOT.resolve("deploy/k8s/base");
    private static final List<String> SERVICES = List.of("experience-service", "recommendation-service",
            "reading-service", "search-service");
    private static final ObjectMapper YAML = YamlDocuments.YAML;

    @Test
    void everyTopicOfTheContractsIsAKafkaTopicWithItsPartitionsAndCleanupAndNoOther() throws IOException {
        Map<String, String> manifest = new TreeMap<>();
        for (JsonNode topic : documents(BASE.resolve("kafka-topics.yaml"))) {
            assertEquals("KafkaTopic", topic.path("kind").asText());
            assertEquals(topic.path("metadata").path("name").asText(), topic.path("spec").path("topicName").asText());
            manifest.put(topic.path("spec").path("topicName").asText(), topic.path("spec").path("partitions").asInt()
                    + " " + topic.path("spec").path("config").path("cleanup.policy").asText());
        }
        Map<String, String> contracts = new TreeMap<>();
        for (TopicSpec spec : Topics.ALL) {
            contracts.put(spec.name(), spec.partitions() + " " + spec.cleanup().name().toLowerCase());
        }
        assertEquals(contracts, manifest);
    }

    @Test
    void eachServiceListensProbesAndIsReachedOnThePortsOfItsCode() throws IOException {
        for (String service : SERVICES) {
            Properties config = applicationProperties(service);
            String port = config.getProperty("quarkus.http.port");
            JsonNode deployment = one(service, "Deployment");
            JsonNode container = deployment.at("/spec/template/spec/containers/0");
            assertEquals(port, container.at("/ports/0/containerPort").asText(), service);
            assertEquals(port, env(container).get("QUARKUS_HTTP_PORT"), service);
            assertEquals("/q/health/started", container.at("/startupProbe/httpGet/path").asText(), service);
            assertEquals("/q/health/ready", container.at("/readinessProbe/httpGet/path").asText(), service);
            assertEquals("/q/health/live", container.at("/livenessProbe/httpGet/path").asText(), service);
            assertEquals(port, one(service, "Service").at("/spec/ports/0/port").asText(), service);
            assertEquals("/q/metrics", one(service, "ServiceMonitor").at("/spec/endpoints/0/path").asText(), service);
            // the grace period outlasts the service's own graceful shutdown plus the preStop pause
            long shutdown = seconds(sharedConfig().getProperty("quarkus.shutdown.timeout"));
            long preStop = container.at("/lifecycle/preStop/sleep/seconds").asLong();
            assertTrue(deployment.at("/spec/template/spec/terminationGracePeriodSeconds").asLong() > shutdown + preStop,
                    service);
        }
    }

    @Test
    void everyEnvironmentVariableIsAConfigurationKeyTheCodeReads() throws IOException {
        Set<String> keys = new HashSet<>();
        for (String service : SERVICES) {
            applicationProperties(service).stringPropertyNames().forEach(key -> keys.add(envName(key)));
        }
        sharedConfig().stringPropertyNames().forEach(key -> keys.add(envName(key)));
        Set<String> names = new TreeSet<>();
        for (String service : SERVICES) {
            names.addAll(env(one(service, "Deployment").at("/spec/template/spec/containers/0")).keySet());
        }
        documents(BASE.resolve("config.yaml")).get(0).path("data").fieldNames().forEachRemaining(names::add);
        // read by the images' start script and by glibc, not the application
        names.removeAll(Set.of("JAVA_OPTS_APPEND", "MALLOC_ARENA_MAX"));
        Set<String> unknown = new TreeSet<>(names);
        unknown.removeAll(keys);
        assertEquals(Set.of(), unknown, "variables no configuration key of the code answers to");
        assertTrue(names.containsAll(Set.of("QUARKUS_DATASOURCE_JDBC_URL", "QUARKUS_DATASOURCE_USERNAME",
                "QUARKUS_DATASOURCE_PASSWORD", "KAFKA_BOOTSTRAP_SERVERS", "QUARKUS_REDIS_HOSTS",
                "MP_JWT_VERIFY_PUBLICKEY_LOCATION", "INBO_SERVICE_AUTH_SIGNING_KEY_LOCATION",
                "QUARKUS_REST_CLIENT_RECOMMENDATION_URL")), names.toString());
    }

    @Test
    void eachServiceReadsTheAppSecretOfItsOwnDatabaseCluster() throws IOException {
        Map<String, JsonNode> clusters = new HashMap<>();
        for (JsonNode cluster : documents(BASE.resolve("postgres.yaml"))) {
            clusters.put(cluster.at("/metadata/name").asText(), cluster);
        }
        for (String service : SERVICES) {
            String jdbc = applicationProperties(service).getProperty("quarkus.datasource.jdbc.url");
            String database = jdbc.substring(jdbc.lastIndexOf('/') + 1);
            JsonNode container = one(service, "Deployment").at("/spec/template/spec/containers/0");
            Set<String> secrets = new HashSet<>();
            container.path("env").forEach(e -> {
                if (e.path("name").asText().startsWith("QUARKUS_DATASOURCE_")) {
                    secrets.add(e.at("/valueFrom/secretKeyRef/name").asText());
                }
            });
            assertEquals(1, secrets.size(), service);
            String secret = secrets.iterator().next();
            JsonNode cluster = clusters.get(secret.substring(0, secret.length() - "-app".length()));
            assertTrue(cluster != null && secret.endsWith("-app"), service + " reads " + secret);
            assertEquals(database, cluster.at("/spec/bootstrap/initdb/database").asText(), service);
            assertEquals(cluster.at("/metadata/name").asText(),
                    one(service, "Deployment").at("/spec/template/metadata/labels/inbo.app~1database").asText(), service);
        }
    }

    @Test
    void theLagTriggersWatchTheGroupsAndTopicsTheServicesConsumeAndNeverExceedTheirPartitions() throws IOException {
        Map<String, Integer> partitions = new HashMap<>();
        Topics.ALL.forEach(spec -> partitions.put(spec.name(), spec.partitions()));
        for (JsonNode scaler : documents(BASE.resolve("autoscaling.yaml"))) {
            if (!scaler.path("kind").asText().equals("ScaledObject")) {
                continue;
            }
            String service = scaler.at("/spec/scaleTargetRef/name").asText();
            Map<String, String> consumed = consumedTopicsByGroup(applicationProperties(service));
            int most = 0;
            int lagTriggers = 0;
            for (JsonNode trigger : scaler.at("/spec/triggers")) {
                if (!trigger.path("type").asText().equals("kafka")) {
                    continue;
                }
                lagTriggers++;
                String topic = trigger.at("/metadata/topic").asText();
                String group = trigger.at("/metadata/consumerGroup").asText();
                assertTrue(consumed.getOrDefault(group, "").contains(topic), service + ": " + group + " does not read " + topic);
                most = Math.max(most, partitions.get(topic));
            }
            assertEquals(consumed.values().stream().mapToInt(t -> t.split(",").length).sum(), lagTriggers,
                    service + ": one lag trigger per consumed topic");
            assertTrue(scaler.at("/spec/maxReplicaCount").asInt() <= most, service + " scales beyond its partitions");
        }
    }

    @Test
    void theGatewayUpstreamsOfTheClusterAreTheOnesTheRoutingUses() throws IOException {
        String routing = Files.readString(ROOT.resolve("deploy/gateway/nginx.conf"));
        Set<String> used = new TreeSet<>();
        Matcher proxied = Pattern.compile("proxy_pass http://(\\w+)").matcher(routing);
        while (proxied.find()) {
            used.add(proxied.group(1));
        }
        Set<String> defined = new TreeSet<>();
        Matcher upstream = Pattern.compile("upstream (\\w+) \\{\\s*server ([\\w.-]+):(\\d+)")
                .matcher(Files.readString(ROOT.resolve("deploy/gateway/k8s/upstreams.conf")));
        while (upstream.find()) {
            defined.add(upstream.group(1));
            String service = upstream.group(2);
            assertEquals(applicationProperties(service).getProperty("quarkus.http.port"), upstream.group(3), service);
        }
        assertEquals(used, defined);
    }

    @Test
    void thePrometheusRuleShipsExactlyThePlainRulesFile() throws IOException {
        JsonNode plain = YAML.readTree(ROOT.resolve("deploy/monitoring/inbo-alerts.rules.yml").toFile());
        JsonNode rule = documents(BASE.resolve("prometheus-rule.yaml")).get(0);
        assertEquals("PrometheusRule", rule.path("kind").asText());
        assertEquals(plain.path("groups"), rule.at("/spec/groups"));
        assertFalse(plain.path("groups").isEmpty());
    }

    // ---------------------------------------------------------------------------------------------------------

    private static JsonNode one(String service, String kind) throws IOException {
        for (JsonNode document : documents(BASE.resolve("services/" + service + ".yaml"))) {
            if (document.path("kind").asText().equals(kind)) {
                return document;
            }
        }
        throw new AssertionError(service + " has no " + kind);
    }

    private static List<JsonNode> documents(Path file) throws IOException {
        return YamlDocuments.read(file);
    }

    private static Map<String, String> env(JsonNode container) {
        Map<String, String> env = new LinkedHashMap<>();
        container.path("env").forEach(e -> env.put(e.path("name").asText(), e.path("value").asText(null)));
        return env;
    }

    private static Properties applicationProperties(String service) throws IOException {
        return load(ROOT.resolve(service + "/src/main/resources/application.properties"));
    }

    private static Properties sharedConfig() throws IOException {
        return load(ROOT.resolve("service-support/src/main/resources/META-INF/microprofile-config.properties"));
    }

    private static Properties load(Path file) throws IOException {
        Properties properties = new Properties();
        try (var reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        }
        return properties;
    }

    /** The environment variable MicroProfile Config maps to a key: upper case, every other character '_'. */
    private static String envName(String key) {
        return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase();
    }

    private static long seconds(String duration) {
        return Long.parseLong(duration.replace("s", ""));
    }

    /** Consumer group → the topics its channels read ("a,b"), from the mp.messaging.incoming.* keys. */
    private static Map<String, String> consumedTopicsByGroup(Properties config) {
        Map<String, String> byGroup = new HashMap<>();
        for (String key : config.stringPropertyNames()) {
            Matcher channel = Pattern.compile("mp\\.messaging\\.incoming\\.([\\w-]+)\\.group\\.id").matcher(key);
            if (channel.matches()) {
                String group = config.getProperty(key).replace("${inbo.kafka.group-suffix:}", "");
                String prefix = "mp.messaging.incoming." + channel.group(1) + ".";
                String topics = config.getProperty(prefix + "topic", config.getProperty(prefix + "topics", ""));
                byGroup.merge(group, topics, (a, b) -> a + "," + b);
            }
        }
        return byGroup;
    }
}
