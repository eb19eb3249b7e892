#!/usr/bin/env bash
# Experience-service benchmark. Starts a private Kafka broker, a fresh database, a stub of the neighbours
# (bench/experience-stub.py: the recommendation service's list and profile) and the service jar; publishes a
# synthetic catalog of ITEMS newsletters as catalog events and the bench user's reading (5 items started, 3
# completed) as reading events, and seeds popularity with interactions.
# Then, in the same run and at the same concurrency:
#   - home page (GET /api/experience/home?page=home, one user with a reading history, recommendations and a
#     profile) vs a trivial endpoint
#     of the same service (GET /api/experience/sections: authenticated, JSON, no I/O): req/s, p50, p99, ratio;
#   - interactions accepted per second through POST /api/experience/interactions/batch (500 per request);
#   - the service's RSS under load (max of samples taken while the load runs).
# Targets (2 cores): home p99 <= 3 x trivial p99; >= 10,000 interactions/s; RSS <= 300 MB.
# Usage: bench/experience.sh [REQUESTS=3000] [CONCURRENCY=8] [ITEMS=2000] [BATCHES=300] (BATCHES=0 skips the batch load;
#        BENCH_WARMUP=N calls of each endpoint before measuring (default 1000);
#        BENCH_JFR=FILE records a flight recording of the service during the home run;
#        BENCH_PROFILE=FILE profiles the service's CPU during the home run, see bench/lib.sh)
set -euo pipefail
source "$(dirname "$0")/lib.sh"

requests=${1:-3000}
concurrency=${2:-8}
items=${3:-2000}
batches=${4:-300}
port=18181
kafka_port=19195
stub_port=18190
db=inbo_bench_experience

bench_need hey
bench_build experience-service
bench_kafka "$kafka_port"
bench_database "$db"

user=$(cat /proc/sys/kernel/random/uuid)
echo "== seeding: $items catalog events, the bench user's reading"
java -cp "$BENCH_ROOT/deploy/kafka/target/broker-lib/*" "$BENCH_ROOT/bench/ExperienceSeed.java" \
    "127.0.0.1:$kafka_port" "$items" "$user" >"$BENCH_WORK/items.txt" 2>"$BENCH_WORK/seed.log"
python3 "$BENCH_ROOT/bench/experience-stub.py" "$stub_port" "$BENCH_WORK/items.txt" &
stub_pid=$!
BENCH_PIDS+=("$stub_pid")

bench_service experience-service "$port" "$db" "$kafka_port" 9 \
    QUARKUS_REST_CLIENT_RECOMMENDATION_URL="http://127.0.0.1:$stub_port" \
    INBO_EXPERIENCE_TRENDING_REFRESH_INTERVAL=2s \
    JAVA_TOOL_OPTIONS="-XX:+UseSerialGC -XX:ReservedCodeCacheSize=48m -XX:MaxMetaspaceSize=128m -Xss512k -XX:MaxDirectMemorySize=32m"
pid=$BENCH_PID_experience_service
base=http://127.0.0.1:$port
psql_db() { psql -qtA -h "${BENCH_PG%:*}" -p "${BENCH_PG#*:}" -U postgres -d "$db" -c "$1"; }
for _ in $(seq 1 600); do
    [[ $(psql_db "select count(*) from catalog_item") -ge $items ]] && break
    sleep 0.2
done
for _ in $(seq 1 300); do
    [[ $(psql_db "select count(*) from reading_state") -ge 8 ]] && break
    sleep 0.2
done
echo "   projected: $(psql_db "select count(*) from catalog_item") items, $(psql_db "select count(*) from reading_state") reading states"

# a batch body of 500 interactions over the catalog (clicks and views), built once
python3 - "$BENCH_WORK/items.txt" >"$BENCH_WORK/batch.json" <<'PY'
import json, random, sys
ids = [l.strip() for l in open(sys.argv[1]) if l.strip()]
random.seed(3)
pick = lambda: ids[min(len(ids) - 1, int(random.paretovariate(1.2)) - 1)]
print(json.dumps({"interactions": [{"item_id": pick(), "interaction_type": random.choice(["view", "view", "click"]),
    "section_type": "trending", "position": random.randint(0, 9), "dwell_time_ms": random.randint(0, 60000),
    "session_id": "bench"} for _ in range(500)]}))
PY

seeder=$(bench_token "$(cat /proc/sys/kernel/random/uuid)")
curl -sf -X POST -H "Authorization: Bearer $seeder" -H 'Content-Type: application/json' \
    --data-binary @"$BENCH_WORK/batch.json" "$base/api/experience/interactions/batch" >/dev/null
sleep 3 # one trending refresh (every 2 s)

token=$(bench_token "$user")
page=$(curl -sf -H "Authorization: Bearer $token" "$base/api/experience/home?page=home")
echo "   one page: $(python3 -c 'import json,sys; p=json.load(sys.stdin); print(", ".join("%s %d" % (s["type"], len(s["items"])) for s in p["sections"]), "| degraded:", p["degraded"])' <<<"$page")"

echo "== latency at concurrency $concurrency over $requests calls each"
bench_latency "warm-up" "${BENCH_WARMUP:-1000}" "$concurrency" "$token" "$base/api/experience/home?page=home" >/dev/null
bench_latency "warm-up" "${BENCH_WARMUP:-1000}" "$concurrency" "$token" "$base/api/experience/sections" >/dev/null
trivial_cpu=$(bench_cpu_ms "$pid")
trivial=$(bench_latency "trivial (/sections)" "$requests" "$concurrency" "$token" "$base/api/experience/sections")
trivial_cpu=$(($(bench_cpu_ms "$pid") - trivial_cpu))
postgres_pids=$(pgrep -x postgres | tr '\n' ' ')
redis_pids=$(pgrep -x redis-server | tr '\n' ' ')
# shellcheck disable=SC2086
cpu_before=("$(bench_cpu_ms "$pid")" "$(bench_cpu_ms "$stub_pid")" "$(bench_cpu_ms $postgres_pids)" "$(bench_cpu_ms $redis_pids)")
[[ -n ${BENCH_JFR:-} ]] && jcmd "$pid" JFR.start name=home settings=profile >/dev/null
bench_profile_start "$pid"
home=$(bench_latency "home page" "$requests" "$concurrency" "$token" "$base/api/experience/home?page=home")
bench_profile_stop "$pid"
[[ -n ${BENCH_JFR:-} ]] && jcmd "$pid" JFR.dump name=home filename="$BENCH_JFR" >/dev/null
# shellcheck disable=SC2086
cpu_after=("$(bench_cpu_ms "$pid")" "$(bench_cpu_ms "$stub_pid")" "$(bench_cpu_ms $postgres_pids)" "$(bench_cpu_ms $redis_pids)")
trivial2=$(bench_latency "trivial again (/sections)" "$requests" "$concurrency" "$token" "$base/api/experience/sections")
echo "   $trivial"
echo "   $home"
echo "   $trivial2"
printf '   home p99 / trivial p99 = %.2f (target <= 3; trivial measured before the home run)\n' \
    "$(echo "$(bench_p99 "$home") / $(bench_p99 "$trivial")" | bc -l)"
cpu_per_page() { echo "scale=2; (${cpu_after[$1]} - ${cpu_before[$1]}) / $requests" | bc -l; }
echo "   CPU per home page: service $(cpu_per_page 0) ms, neighbour stub $(cpu_per_page 1) ms," \
    "PostgreSQL $(cpu_per_page 2) ms, Redis $(cpu_per_page 3) ms;" \
    "per trivial call: service $(echo "scale=2; $trivial_cpu / $requests" | bc -l) ms"

if ((batches > 0)); then
    echo "== interactions through the batch endpoint: $batches batches of 500 at concurrency 4"
    ( while kill -0 "$pid" 2>/dev/null; do ps -o rss= -p "$pid"; sleep 0.2; done ) >"$BENCH_WORK/rss.txt" &
    sampler=$!
    BENCH_PIDS+=("$sampler")
    out=$(hey -n "$batches" -c 4 -m POST -T application/json -D "$BENCH_WORK/batch.json" \
        -H "Authorization: Bearer $token" "$base/api/experience/interactions/batch")
    kill "$sampler" 2>/dev/null || true
    if sed -n '/Status code distribution/,$p' <<<"$out" | grep -E '^\s+\[[0-9]+\]' | grep -vq '\[202\]'; then
        echo "unexpected responses:" >&2; grep -A5 'Status code distribution' <<<"$out" >&2; exit 1
    fi
    awk '/Requests\/sec/ { printf "   %.0f batch requests/s = %.0f interactions/s accepted (target >= 10,000)\n", $2, $2 * 500 }
         /50% in/ { printf "   batch p50 %.1f ms", $3 * 1000 } /99% in/ { printf ", p99 %.1f ms\n", $3 * 1000 }' <<<"$out"
    echo "   stored: $(psql_db "select count(*) from interaction") interactions, outbox still waiting: $(psql_db "select count(*) from outbox_event")"
    rss_max=$(sort -n "$BENCH_WORK/rss.txt" | tail -1)
    echo "== memory"
    echo "   experience-service RSS: max under the interaction load $((rss_max / 1024)) MB, now $(bench_rss_mb "$pid") MB (target <= 300 MB; -Xmx192m, SerialGC)"
fi
