package app.inbo.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Every Kubernetes object of the rendered overlays (deploy/k8s/validate.sh renders them into
 * {@code inbo.k8s.rendered}, then runs this) validated strictly against the Kubernetes API's own schema, as the
 * generated models of the official Java client hold it: a wrong type, a missing required field or an unknown field
 * (a typo such as {@code livenesProbe}) fails. The operators' kinds are validated against their CRDs by
 * deploy/k8s/validate/validate.mjs.
 */
class RenderedManifestsTest {

    private static final String RENDERED = System.getProperty("inbo.k8s.rendered", "");
    private static final ObjectMapper YAML = YamlDocuments.YAML;
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The API groups the Kubernetes API server serves itself (gateway.networking.k8s.io is a CRD's). */
    private static final java.util.Set<String> CORE_GROUPS = java.util.Set.of("", "apps", "batch", "policy",
            "autoscaling", "networking.k8s.io", "rbac.authorization.k8s.io", "storage.k8s.io", "scheduling.k8s.io",
            "coordination.k8s.io", "discovery.k8s.io", "admissionregistration.k8s.io", "apiextensions.k8s.io");

    @Test
    void everyCoreObjectOfEveryOverlayMatchesTheKubernetesSchema() throws Exception {
        Assumptions.assumeFalse(RENDERED.isBlank(), "runs from deploy/k8s/validate.sh, which renders the overlays first");
        List<Path> overlays;
        try (Stream<Path> files = Files.list(Path.of(RENDERED))) {
            overlays = files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
        }
        assertFalse(overlays.isEmpty(), "no rendered overlay in " + RENDERED);
        List<String> problems = new ArrayList<>();
        int core = 0;
        for (Path overlay : overlays) {
            for (JsonNode object : documents(overlay)) {
                Class<?> model = coreModel(object.path("apiVersion").asText(), object.path("kind").asText());
                if (model == null) {
                    continue;
                }
                core++;
                String where = overlay.getFileName() + ": " + object.path("kind").asText() + " "
                        + object.at("/metadata/name").asText();
                try {
                    Method validate = model.getMethod("validateJsonElement", JsonElement.class);
                    validate.invoke(null, JsonParser.parseString(JSON.writeValueAsString(object)));
                } catch (InvocationTargetException e) {
                    problems.add(where + ": " + e.getCause().getMessage());
                }
            }
        }
        assertEquals(List.of(), problems);
        assertFalse(core == 0, "no core object was validated");
    }

    /** The client's model of a core kind (V1Deployment for apps/v1 Deployment, ...), or null for another API's. */
    private static Class<?> coreModel(String apiVersion, String kind) {
        String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
        String version = apiVersion.substring(apiVersion.indexOf('/') + 1);
        if (!CORE_GROUPS.contains(group)) {
            return null;
        }
        String name = "io.kubernetes.client.openapi.models."
                + Character.toUpperCase(version.charAt(0)) + version.substring(1) + kind;
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            throw new AssertionError(apiVersion + " " + kind + " is no kind of this Kubernetes API (" + name + ")");
        }
    }

    private static List<JsonNode> documents(Path file) throws IOException {
        return YamlDocuments.read(file);
    }
}
