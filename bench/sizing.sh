#!/usr/bin/env bash
# Sizing of a service pod, measured here: for each service, one more instance started with the JVM options and the
# malloc setting the Kubernetes manifests set (deploy/k8s/base/config.yaml's JAVA_OPTS_APPEND, MALLOC_ARENA_MAX) and
# its container's memory limit
# (-XX:MaxRAM, what the JVM reads from the cgroup in a pod), pinned to one CPU (taskset -c 0). Prints per service:
# seconds from the process start to a ready answer, then the resident memory (RSS, and its peak) after a minute of
# demo-like load on that instance — next to the targets (ready ≤ 10 s on one CPU, RSS ≤ 256 MiB) — and the CPU
# time the instance spent per request during that minute (what a CPU request of the pod buys).
#
# Usage: bench/sizing.sh [LOAD_SECONDS=60]    (needs ./suite up: the instance joins the running suite)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
LOAD_SECONDS=${1:-60}
# shellcheck source=../deploy/lib/config.sh
source "$ROOT/deploy/lib/config.sh"
any_service_running || die "the suite is not up: ./suite up"

read -r -a opts <<<"$(python3 - "$ROOT/deploy/k8s/base/config.yaml" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
block = re.search(r"JAVA_OPTS_APPEND: >-\n((?:    .*\n)+)", text).group(1)
print(" ".join(block.split()))
PY
)"
MALLOC_ARENA_MAX=$(sed -n 's/^ *MALLOC_ARENA_MAX: "\([0-9]*\)"$/\1/p' "$ROOT/deploy/k8s/base/config.yaml")
[[ -n $MALLOC_ARENA_MAX ]] || die "no MALLOC_ARENA_MAX in deploy/k8s/base/config.yaml"
export MALLOC_ARENA_MAX
limit=$(sed -n 's/^ *memory: \([0-9]*\)Mi$/\1/p' "$ROOT/deploy/k8s/base/services/reading-service.yaml" | tail -n1)
SERVICE_JAVA_OPTS=("-XX:MaxRAM=${limit}m" "${opts[@]}")
command -v taskset >/dev/null || die "taskset (util-linux) is needed to pin the instance to one CPU"
SERVICE_LAUNCHER=(taskset -c 0)
BENCH_INSTANCE=9
token=$(jwt_sign "$KEYS/jwt-private.pem" "$DEMO_USER" '["user"]' 3600)

load() { # SVC URL SECONDS: the paths a user hits, in a loop, with a click now and then
    python3 - "$1" "$2" "$3" "$token" <<'PY'
import http.client, json, random, sys, time
service, url, seconds, token = sys.argv[1], sys.argv[2], float(sys.argv[3]), sys.argv[4]
host, port = url.replace("http://", "").split(":")
conn = http.client.HTTPConnection(host, int(port), timeout=10)
headers = {"Authorization": "Bearer " + token, "Content-Type": "application/json"}
paths = {"experience-service": ["/api/experience/home?page=home"],
         "recommendation-service": ["/api/recommendations/me?limit=10"],
         "reading-service": ["/api/reading/categories", "/api/reading/newsletters?size=20", "/api/reading/continue"],
         "search-service": ["/api/search?q=" + w for w in ("technology", "music", "food", "tecnology", "ai+news")]}[service]
end, sent, items = time.time() + seconds, 0, []
while time.time() < end:
    conn.request("GET", random.choice(paths), headers=headers)
    body = conn.getresponse().read()
    sent += 1
    if service == "experience-service":
        page = json.loads(body)
        items = [i["id"] for s in page["sections"] for i in s["items"]] or items
        if items and sent % 5 == 0:
            conn.request("POST", "/api/experience/interactions", json.dumps(
                {"item_id": random.choice(items), "interaction_type": "view", "render_id": page["render_id"]}), headers)
            conn.getresponse().read()
print(sent)
PY
}

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; } # user + system, in clock ticks
printf '\n%-24s %10s %10s %12s %10s %12s\n' SERVICE "READY (s)" "REQUESTS" "RSS (MiB)" "PEAK (MiB)" "CPU ms/req"
for svc in recommendation-service reading-service search-service experience-service; do
    port=$(instance_port "$svc" "$BENCH_INSTANCE")
    port_open 127.0.0.1 "$port" && die "port $port is taken"
    t0=$(now_ms)
    start_instance "$svc" "$BENCH_INSTANCE"
    pid=$(instance_pid "$svc" "$BENCH_INSTANCE")
    until [[ $(http_code "$(instance_url "$svc" "$BENCH_INSTANCE")/q/health/ready") == 200 ]]; do
        instance_running "$svc" "$BENCH_INSTANCE" || die "$svc instance $BENCH_INSTANCE exited (./suite logs $svc-$BENCH_INSTANCE)"
        sleep 0.1
    done
    ready=$(seconds_since "$t0")
    ticks=$(cpu_ticks "$pid")
    sent=$(load "$svc" "$(instance_url "$svc" "$BENCH_INSTANCE")" "$LOAD_SECONDS")
    cpu=$(awk -v a="$ticks" -v b="$(cpu_ticks "$pid")" -v hz="$(getconf CLK_TCK)" -v n="$sent" \
        'BEGIN {printf "%.2f", (b - a) * 1000 / hz / n}')
    rss=$(awk '/^VmRSS:/ {printf "%.0f", $2 / 1024}' "/proc/$pid/status")
    peak=$(awk '/^VmHWM:/ {printf "%.0f", $2 / 1024}' "/proc/$pid/status")
    printf '%-24s %10s %10s %12s %10s %12s\n' "$svc" "$ready" "$sent" "$rss" "$peak" "$cpu"
    stop_instance "$svc" "$BENCH_INSTANCE" >/dev/null
done
printf '\nJVM options (the manifests'"'"'): %s, MALLOC_ARENA_MAX=%s\ntargets: ready <= 10 s on one CPU, RSS <= 256 MiB\n' "${SERVICE_JAVA_OPTS[*]}" "$MALLOC_ARENA_MAX"
