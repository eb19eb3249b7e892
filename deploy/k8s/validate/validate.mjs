// Validates every operator object of the rendered overlays against the operator's CRD schema:
//  - Strimzi (kafka.strimzi.io): the CRDs generated from Strimzi's own API model (deploy/k8s/validate.sh makes them
//    with Strimzi's crd-generator), checked with ajv, unknown fields rejected (as kubectl --validate=strict does);
//  - CloudNativePG, Prometheus Operator, KEDA, Gateway API: the validators the @kubernetes-models packages generate
//    from those operators' CRDs (types, required fields, enums; they do not reject unknown fields).
// Core Kubernetes kinds are validated strictly by RenderedManifestsTest (Java); any other kind fails here.
// Usage: node validate.mjs STRIMZI_CRD_DIR RENDERED.yaml...
import fs from "node:fs";
import yaml from "js-yaml";
import Ajv from "ajv";
import { Cluster } from "@kubernetes-models/cloudnative-pg/postgresql.cnpg.io/v1/Cluster";
import { ServiceMonitor } from "@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/ServiceMonitor";
import { PrometheusRule } from "@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PrometheusRule";
import { ScaledObject } from "@kubernetes-models/keda/keda.sh/v1alpha1/ScaledObject";
import { HTTPRoute } from "@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1/HTTPRoute";

const [strimziDir, ...rendered] = process.argv.slice(2);
const CORE_GROUPS = new Set(["", "apps", "batch", "policy", "autoscaling", "networking.k8s.io",
  "rbac.authorization.k8s.io", "storage.k8s.io", "scheduling.k8s.io", "coordination.k8s.io", "discovery.k8s.io"]);
const MODELS = {
  "postgresql.cnpg.io/v1 Cluster": Cluster,
  "monitoring.coreos.com/v1 ServiceMonitor": ServiceMonitor,
  "monitoring.coreos.com/v1 PrometheusRule": PrometheusRule,
  "keda.sh/v1alpha1 ScaledObject": ScaledObject,
  "gateway.networking.k8s.io/v1 HTTPRoute": HTTPRoute,
};

// kubectl --validate=strict: a field the schema does not name is an error, unless the schema preserves them
function strict(schema) {
  if (schema && typeof schema === "object") {
    if (schema.properties && schema.additionalProperties === undefined && !schema["x-kubernetes-preserve-unknown-fields"]) {
      schema.additionalProperties = false;
    }
    for (const value of Object.values(schema)) strict(value);
  }
  return schema;
}

const ajv = new Ajv({ strict: false, allErrors: true });
const strimzi = {};
for (const file of fs.readdirSync(strimziDir)) {
  const crd = yaml.load(fs.readFileSync(`${strimziDir}/${file}`, "utf8"));
  for (const version of crd.spec.versions) {
    const schema = strict(structuredClone(version.schema.openAPIV3Schema));
    strimzi[`${crd.spec.group}/${version.name} ${crd.spec.names.kind}`] = ajv.compile(schema);
  }
}

let problems = 0, checked = 0;
for (const file of rendered) {
  for (const object of yaml.loadAll(fs.readFileSync(file, "utf8"))) {
    if (!object) continue;
    const key = `${object.apiVersion} ${object.kind}`;
    const group = object.apiVersion.includes("/") ? object.apiVersion.split("/")[0] : "";
    if (CORE_GROUPS.has(group)) continue;
    const where = `${file}: ${key} ${object.metadata?.name}`;
    checked++;
    if (strimzi[key]) {
      if (!strimzi[key](object)) {
        problems++;
        console.error(`${where}: ${ajv.errorsText(strimzi[key].errors, { separator: "; " })}`);
      }
    } else if (MODELS[key]) {
      try {
        new MODELS[key](object).validate();
      } catch (e) {
        problems++;
        console.error(`${where}: ${e.message}`);
      }
    } else {
      problems++;
      console.error(`${where}: no schema for this kind (an API version the operators do not serve?)`);
    }
  }
}
console.log(`operator objects: ${checked} validated, ${problems} invalid`);
process.exit(problems ? 1 : 0);
