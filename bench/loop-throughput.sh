#!/usr/bin/env bash
# The feedback loop's throughput end to end, everything on this machine: interactions posted in batches of 500 to
# the experience service (POST /api/experience/interactions/batch) → its outbox → Kafka → the recommendation
# service → user events and features committed. Starts a private broker, two fresh databases, a stub of the
# experience service's recommendation neighbour (not on this path), both service jars, and publishes a
# synthetic catalog both project. USERS users post concurrently (one hey client each, a token each).
# Prints, after a warm-up load: user events per second from the first post to the last user event applied
# (inbo_events_applied_total of the recommendation service), the outbox backlog, and the machine CPU an event costs.
# Target (2 cores): >= 5,000 user events/s.
# Usage: bench/loop-throughput.sh [BATCHES=200] [WARMUP_BATCHES=600] [USERS=16] [ITEMS=2000]
#   (after 300 warm-up batches the JIT compilers still took 41-48 % of each service's CPU in the measured run)
#   BENCH_JAVA_OPTS overrides the services' JVM options (default: C2, ParallelGC, 512 MB heap)
#   BENCH_PROFILE=PREFIX profiles both services' CPU during the measured run: PREFIX.experience and
#   PREFIX.recommendation (collapsed stacks, see bench/lib.sh; bench/profile-summary.py FILE)
set -euo pipefail
source "$(dirname "$0")/lib.sh"

batches=${1:-200}
warm_batches=${2:-600}
users=${3:-16}
items=${4:-2000}
kafka_port=19197
experience_port=18187
recommendation_port=18188
stub_port=18191
BENCH_JAVA_OPTS=${BENCH_JAVA_OPTS:-"-XX:+UseParallelGC -Xms128m -Xmx512m"}

bench_need hey
bench_build experience-service recommendation-service
bench_kafka "$kafka_port"
bench_database inbo_bench_loop_experience
bench_database inbo_bench_loop_recommendation

echo "== catalog: $items newsletters in 20 categories, published as catalog events"
java -cp "$BENCH_ROOT/deploy/kafka/target/broker-lib/*" "$BENCH_ROOT/bench/ExperienceSeed.java" \
    "127.0.0.1:$kafka_port" "$items" >"$BENCH_WORK/items.txt" 2>"$BENCH_WORK/seed.log"
python3 "$BENCH_ROOT/bench/experience-stub.py" "$stub_port" "$BENCH_WORK/items.txt" &
BENCH_PIDS+=("$!")

bench_service experience-service "$experience_port" inbo_bench_loop_experience "$kafka_port" 7 \
    QUARKUS_REST_CLIENT_RECOMMENDATION_URL="http://127.0.0.1:$stub_port"
bench_service recommendation-service "$recommendation_port" inbo_bench_loop_recommendation "$kafka_port" 6
experience_pid=$BENCH_PID_experience_service
recommendation_pid=$BENCH_PID_recommendation_service

psql_db() { psql -qtA -h "${BENCH_PG%:*}" -p "${BENCH_PG#*:}" -U postgres -d "$1" -c "$2"; }
for _ in $(seq 1 600); do
    [[ $(psql_db inbo_bench_loop_experience "select count(*) from catalog_item") -ge $items &&
       $(psql_db inbo_bench_loop_recommendation "select count(*) from catalog_item") -ge $items ]] && break
    sleep 0.2
done
echo "   projected: experience $(psql_db inbo_bench_loop_experience "select count(*) from catalog_item"), recommendation $(psql_db inbo_bench_loop_recommendation "select count(*) from catalog_item") items"

# one body of 500 interactions (clicks, opens, views) over the catalog, popular items more often
python3 - "$BENCH_WORK/items.txt" >"$BENCH_WORK/batch.json" <<'PY'
import json, random, sys
ids = [l.strip() for l in open(sys.argv[1]) if l.strip()]
random.seed(5)
pick = lambda: ids[min(len(ids) - 1, int(random.paretovariate(1.0)) - 1)] if random.random() < 0.5 else random.choice(ids)
print(json.dumps({"interactions": [{"item_id": pick(), "interaction_type": random.choice(["view", "click", "click", "open"]),
    "section_type": "recommended", "position": random.randint(0, 9), "dwell_time_ms": random.randint(0, 60000),
    "session_id": "loop-bench"} for _ in range(500)]}))
PY
tokens=()
for _ in $(seq 1 "$users"); do
    tokens+=("$(bench_token "$(cat /proc/sys/kernel/random/uuid)")")
done

applied() {
    curl -fs "http://127.0.0.1:$recommendation_port/q/metrics" |
        awk '/^inbo_events_applied_total\{consumer="recommendation-service"/ { printf "%d", $2 }'
}

post_all() { # BATCHES: posted by USERS concurrent clients, one user each
    local total=$1 i pids=() share
    for i in $(seq 0 $((users - 1))); do
        share=$(( total / users + (i < total % users ? 1 : 0) ))
        ((share > 0)) || continue
        hey -n "$share" -c 1 -m POST -T application/json -D "$BENCH_WORK/batch.json" \
            -H "Authorization: Bearer ${tokens[$i]}" \
            "http://127.0.0.1:$experience_port/api/experience/interactions/batch" >"$BENCH_WORK/hey-$i.txt" &
        pids+=("$!")
    done
    wait "${pids[@]}"
    if cat "$BENCH_WORK"/hey-*.txt | sed -n '/Status code distribution/,$p' | grep -E '^\s+\[[0-9]+\]' | grep -vq '\[202\]'; then
        echo "unexpected responses:" >&2; grep -h -A3 'Status code distribution' "$BENCH_WORK"/hey-*.txt >&2; exit 1
    fi
}

wait_applied() { # TARGET -> seconds waited for inbo_events_applied_total to reach it
    local target=$1
    for _ in $(seq 1 3000); do
        (($(applied) >= target)) && return 0
        sleep 0.1
    done
    echo "only $(applied) of $target events applied after 300 s" >&2
    exit 1
}

profile() { # start|stop: each service's CPU into its own file when BENCH_PROFILE is set
    [[ -n ${BENCH_PROFILE:-} ]] || return 0
    BENCH_PROFILE=$BENCH_PROFILE.experience "bench_profile_$1" "$experience_pid"
    BENCH_PROFILE=$BENCH_PROFILE.recommendation "bench_profile_$1" "$recommendation_pid"
}

run() { # LABEL BATCHES
    local label=$1 n=$2 start_applied t0 t1 postgres_pids cpu_before cpu_after
    start_applied=$(applied)
    postgres_pids=$(pgrep -x postgres | tr '\n' ' ')
    # shellcheck disable=SC2086
    cpu_before=("$(bench_cpu_ms "$experience_pid")" "$(bench_cpu_ms "$recommendation_pid")" "$(bench_cpu_ms $postgres_pids)")
    [[ $label == measured ]] && profile start
    t0=$(date +%s.%N)
    post_all "$n"
    local posted
    posted=$(date +%s.%N)
    wait_applied $((start_applied + n * 500))
    t1=$(date +%s.%N)
    [[ $label == measured ]] && profile stop
    postgres_pids="$postgres_pids $(pgrep -x postgres | tr '\n' ' ')"
    # shellcheck disable=SC2086
    cpu_after=("$(bench_cpu_ms "$experience_pid")" "$(bench_cpu_ms "$recommendation_pid")" "$(bench_cpu_ms $(tr ' ' '\n' <<<"$postgres_pids" | sort -u))")
    printf '   %s: %d interactions posted in %.2f s; all applied as user events after %.2f s: %.0f user events/s end to end\n' \
        "$label" $((n * 500)) "$(echo "$posted - $t0" | bc -l)" "$(echo "$t1 - $t0" | bc -l)" \
        "$(echo "$n * 500 / ($t1 - $t0)" | bc -l)"
    printf '   machine CPU per event: experience %.3f ms, recommendation %.3f ms, PostgreSQL %.3f ms\n' \
        "$(echo "(${cpu_after[0]} - ${cpu_before[0]}) / ($n * 500)" | bc -l)" \
        "$(echo "(${cpu_after[1]} - ${cpu_before[1]}) / ($n * 500)" | bc -l)" \
        "$(echo "(${cpu_after[2]} - ${cpu_before[2]}) / ($n * 500)" | bc -l)"
}

echo "== $users users posting batches of 500 interactions concurrently"
((warm_batches > 0)) && run "warm-up" "$warm_batches"
run "measured" "$batches"
echo "   outbox still waiting: $(psql_db inbo_bench_loop_experience "select count(*) from outbox_event"), user events: $(psql_db inbo_bench_loop_recommendation "select count(*) from user_event")"
echo "   recommendation dead-lettered: $(curl -fs "http://127.0.0.1:$recommendation_port/q/metrics" | awk '/^inbo_events_dead_lettered_total/ { s += $2 } END { print s + 0 }')"
