#!/usr/bin/env bash
# The fault suite: the whole suite with two instances of every service, under a steady load of interaction posts,
# home pages and searches through the gateway (bench/faultload.py), and one fault at a time. Per scenario one
# line: requests sent, posts accepted, 5xx the clients saw, interactions stored, user events applied, counter
# drift (Redis against the stored record, after one reconciliation), lost, duplicated, seconds to recover.
#
#   bench/faults.sh [SCENARIO...]      default: every scenario, in this order
#     kill        one instance of each service killed with SIGKILL, started again after 10 s
#     kafka       the Kafka broker stopped for 30 s
#     redis       Redis restarted empty (the suite's own Redis: this script starts the suite with a private one)
#     postgres    every connection of the services terminated (pg_terminate_backend)
#     rolling     ./suite restart: every instance of every service, one at a time
#     redeliver   every interaction event of the scenario delivered a second time
#     poison      three poison records on each consumed topic (not JSON, unknown type, unsupported version)
#     retry       every write sent twice by the client, with the same Idempotency-Key
#
# Needs the suite down (it starts its own: private Redis, the machine's PostgreSQL, --replicas 2) and stops it at
# the end. Targets: lost 0 and duplicated 0 everywhere; no 5xx during the rolling restart and for idempotent
# requests when an instance dies; drift 0 after one reconciliation; poison dead-lettered while consumers go on.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
SCENARIOS=("$@")
((${#SCENARIOS[@]})) || SCENARIOS=(kill kafka redis postgres rolling redeliver poison retry)
LOAD_SECONDS=${FAULTS_LOAD_SECONDS:-15}
# every scenario's client log, verification and reconciliation report, kept for a look after the run
WORK="$ROOT/.suite/faults/$(date +%Y%m%d-%H%M%S)"
mkdir -p "$WORK"

free_port() { local p; for ((p = $1; p < $1 + 200; p++)); do (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }; done; }
redis_port=${FAULTS_REDIS_PORT:-$(free_port 26480)}
export INBO_REDIS="127.0.0.1:$redis_port"
# shellcheck source=../deploy/lib/config.sh
source "$ROOT/deploy/lib/config.sh"

any_service_running && die "the suite is running: ./suite down first (the fault suite starts its own, with a private Redis)"
cleanup() { "$ROOT/suite" down >"$WORK/down.log" 2>&1 || cat "$WORK/down.log"; echo "details: ${WORK#"$ROOT/"}"; }
trap cleanup EXIT

step "Fault suite: starting the suite with 2 instances of every service (private Redis on :$redis_port)"
INBO_DEMO_NEWSLETTERS=${INBO_DEMO_NEWSLETTERS:-400} INBO_DEMO_POSTS=${INBO_DEMO_POSTS:-4000} \
    "$ROOT/suite" up --replicas 2 >"$WORK/up.log" 2>&1 || { tail -40 "$WORK/up.log"; die "./suite up failed"; }
ok "suite up"

admin=$(jwt_sign "$KEYS/jwt-private.pem" "$(cat /proc/sys/kernel/random/uuid)" '["user","admin"]' 7200)
# the items the clients interact with: newsletters of the catalog
curl -sf -H "Authorization: Bearer $admin" "http://127.0.0.1:$GATEWAY_PORT/api/reading/newsletters?size=100" |
    python3 -c 'import json,sys; [print(i["id"]) for i in json.load(sys.stdin)["items"]]' >"$WORK/items.txt"
[[ -s $WORK/items.txt ]] || die "no catalog items to interact with"

topic_count() { kafka_cli count "$KAFKA_BOOTSTRAP" "$1" 2>>"$LOGS/kafka-cli.log"; }
dead_letters() { echo $(($(topic_count experience.dead-letter) + $(topic_count recommendation.dead-letter) + $(topic_count search.dead-letter))); }

printf '\n%-10s %6s %8s %8s %7s %8s %6s %5s %4s %8s %s\n' SCENARIO SENT ACCEPTED "GW 5XX" STORED "EVENTS" DRIFT LOST DUP RECOVER NOTES
for scenario in "${SCENARIOS[@]}"; do
    dir="$WORK/$scenario"
    mkdir -p "$dir"
    : >"$dir/tokens.txt"
    for _ in 1 2 3 4 5 6 7 8; do
        user=$(cat /proc/sys/kernel/random/uuid)
        echo "$user $(jwt_sign "$KEYS/jwt-private.pem" "$user" '["user"]' 7200)" >>"$dir/tokens.txt"
    done
    retry_flag=()
    [[ $scenario == retry ]] && retry_flag=(--retry-every-write)
    dead_before=$(dead_letters)
    started_ms=$(now_ms)
    python3 "$ROOT/bench/faultload.py" load "http://127.0.0.1:$GATEWAY_PORT" "$dir/tokens.txt" "$WORK/items.txt" \
        "$dir" "$dir/stop" ${retry_flag[@]+"${retry_flag[@]}"} &
    load_pid=$!
    sleep 5
    notes=""
    case $scenario in
        kill)
            for svc in "${SERVICES[@]}"; do kill -KILL "$(instance_pid "$svc" 2)"; done
            sleep 10
            for svc in "${SERVICES[@]}"; do start_instance "$svc" 2; done >>"$dir/fault.log" 2>&1
            wait_ready "experience-service 2" "recommendation-service 2" "reading-service 2" "search-service 2" >>"$dir/fault.log"
            ;;
        kafka)
            down_kafka >>"$dir/fault.log"
            sleep 30
            up_kafka >>"$dir/fault.log" 2>&1
            ;;
        redis)
            redis-cli -p "$redis_port" shutdown nosave >/dev/null 2>&1 || true
            for _ in $(seq 50); do private_redis_running || break; sleep 0.1; done
            rm -rf "$STATE/redis"
            start_private_redis >>"$dir/fault.log"
            ;;
        postgres)
            terminated=$(psql_admin -tAc "select count(*) filter (where pg_terminate_backend(pid)) from pg_stat_activity
                where datname in ('inbo_experience', 'inbo_recommendation', 'inbo_reading', 'inbo_search')")
            notes="$terminated connections terminated"
            ;;
        rolling)
            "$ROOT/suite" restart >"$dir/fault.log" 2>&1 || { tail -20 "$dir/fault.log"; die "./suite restart failed"; }
            ;;
        redeliver | poison | retry) ;;
        *) die "unknown scenario $scenario" ;;
    esac
    fault_end=$(date +%s)
    sleep "$LOAD_SECONDS"
    touch "$dir/stop"
    wait "$load_pid"
    case $scenario in
        redeliver)
            notes="$(kafka_cli redeliver "$KAFKA_BOOTSTRAP" experience.interaction.recorded "$started_ms" 2>>"$LOGS/kafka-cli.log") events delivered again"
            ;;
        poison)
            for topic in reading.catalog.changed reading.progress.recorded experience.interaction.recorded; do
                kafka_cli produce "$KAFKA_BOOTSTRAP" "$topic" poison "{not json" 2>>"$LOGS/kafka-cli.log"
                kafka_cli produce "$KAFKA_BOOTSTRAP" "$topic" poison \
                    '{"event_id":"'"$(cat /proc/sys/kernel/random/uuid)"'","event_type":"no.such.type","schema_version":1,"occurred_at":"2026-01-01T00:00:00Z","producer":"faults","key":"poison","payload":{}}' 2>>"$LOGS/kafka-cli.log"
                kafka_cli produce "$KAFKA_BOOTSTRAP" "$topic" poison \
                    '{"event_id":"'"$(cat /proc/sys/kernel/random/uuid)"'","event_type":"experience.interaction.recorded","schema_version":99,"occurred_at":"2026-01-01T00:00:00Z","producer":"faults","key":"poison","payload":{}}' 2>>"$LOGS/kafka-cli.log"
            done
            ;;
    esac
    SUITE_CATCH_UP_TIMEOUT=300 await_caught_up >"$dir/catchup.log" 2>&1
    [[ $scenario != poison ]] || notes="$(($(dead_letters) - dead_before)) dead-lettered (18 expected: 3 per topic and consumer)"
    # one reconciliation once nothing can be in flight (the counters' settle time is 10 s)
    sleep 11
    curl -sf -X POST -H "Authorization: Bearer $admin" \
        "http://127.0.0.1:$GATEWAY_PORT/api/experience/admin/counters/reconciliations" >"$dir/reconciliation.json" ||
        notes+=" (reconciliation failed)"
    result=$(python3 "$ROOT/bench/faultload.py" verify "$dir" inbo_experience inbo_recommendation "$redis_port" "$PG_PORT")
    recover=$(python3 "$ROOT/bench/faultload.py" recovery "$dir" "$fault_end")
    echo "$result" >"$dir/result.json"
    python3 - "$scenario" "$recover" "$notes" "$result" <<'PY'
import json, sys
scenario, recover, notes, r = sys.argv[1], int(sys.argv[2]), sys.argv[3], json.loads(sys.argv[4])
extra = []
fivexx = ", ".join(f"{kind} {n}" for kind, n in r["gateway_5xx_by_kind"].items() if n)
if fivexx: extra.append("5xx: " + fivexx)
if r["connection_errors"]: extra.append(f"{r['connection_errors']} connection errors")
if r["unanswered"]: extra.append(f"{r['unanswered']} posts unanswered after retries")
if r["replay_mismatches"]: extra.append(f"{r['replay_mismatches']} replays answered differently")
if r["events_lost"] or r["events_duplicated"]: extra.append(f"events lost {r['events_lost']} duplicated {r['events_duplicated']}")
print(f"{scenario:<10} {r['requests_sent']:>6} {r['accepted']:>8} {r['gateway_5xx']:>8} {r['interactions_stored']:>7} "
      f"{r['user_events']:>8} {r['counter_drift']:>6} {r['lost']:>5} {r['duplicated']:>4} "
      f"{(str(recover) + ' s') if recover >= 0 else 'never':>8} {'; '.join([n for n in [notes] + extra if n])}")
PY
done
