# Part of ./suite (sourced, not run): the four services, each as REPLICAS instances on their own ports.
# Expects the suite's configuration and deploy/lib/common.sh; build.sh for service_jar.
#
# Instance I (1-based) of a service listens on its base port + 100 * (I - 1): experience-service 8081, 8181, ...
# Its pid file is .suite/pids/SERVICE-I.pid and its log .suite/logs/SERVICE-I.log.

SERVICES=(experience-service recommendation-service reading-service search-service)
declare -A SERVICE_PORT=([experience-service]=8081 [recommendation-service]=8082 [reading-service]=8083 [search-service]=8084)
declare -A SERVICE_DB=([experience-service]=inbo_experience [recommendation-service]=inbo_recommendation
                       [reading-service]=inbo_reading [search-service]=inbo_search)
declare -A SERVICE_API=([experience-service]=experience [recommendation-service]=recommendations
                        [reading-service]=reading [search-service]=search)
# the upstream each service is known by in deploy/gateway/nginx.conf
declare -A SERVICE_UPSTREAM=([experience-service]=experience_service [recommendation-service]=recommendation_service
                             [reading-service]=reading_service [search-service]=search_service)
# the JVM the suite runs services with (SUITE_JAVA_OPTS adds to it), and what runs deploy/bin/run-service
# (bench/sizing.sh: taskset); both exec, so the pid file holds the JVM's PID
SERVICE_JAVA_OPTS=(-Xms64m -Xmx256m)
SERVICE_LAUNCHER=()
# longer than a service's own graceful shutdown (quarkus.shutdown.timeout): in-flight requests finish, consumers
# hand back their partitions, the outbox relay stops
SERVICE_STOP_TIMEOUT=40

REPLICAS_FILE="$STATE/replicas"
STARTED_INSTANCES=()

instance_port() { echo $((SERVICE_PORT[$1] + 100 * ($2 - 1))); } # SVC I
instance_url() { echo "http://127.0.0.1:$(instance_port "$1" "$2")"; }
instance_pidfile() { echo "$PIDS/$1-$2.pid"; }
instance_log() { echo "$LOGS/$1-$2.log"; }
instance_pid() { read_pid "$(instance_pidfile "$1" "$2")"; }

instance_running() { # SVC I: ours, the java process running this checkout's jar on this instance's port
    local pid
    pid=$(instance_pid "$1" "$2")
    alive "$pid" && [[ $(cmdline "$pid") == *"$(service_jar "$1")"* ]]
}

# How many instances of each service run (or ran last): what up --replicas N chose.
replicas() { if [[ -s $REPLICAS_FILE ]]; then cat "$REPLICAS_FILE"; else echo 1; fi; }

# Instances whose pid file exists, whatever the replica count says (what down must stop): "SVC I" lines.
instances_on_record() {
    local f name
    for f in "$PIDS"/*-service-*.pid; do
        [[ -f $f ]] || continue
        name=$(basename "$f" .pid)
        echo "${name%-*} ${name##*-}"
    done
}

any_service_running() {
    local svc i
    while read -r svc i; do instance_running "$svc" "$i" && return 0; done < <(instances_on_record)
    return 1
}

readiness() { # SVC I -> UP / DOWN / unreachable
    local body status
    body=$(curl -s -m 3 "$(instance_url "$1" "$2")/q/health/ready" 2>/dev/null) || true
    status=$(grep -o '"status" *: *"[A-Z]*"' <<<"$body" | head -n1 | grep -o '[A-Z]*"$' | tr -d '"' || true)
    echo "${status:-unreachable}"
}

start_instance() { # SVC I
    local svc=$1 i=$2 pidfile log
    pidfile=$(instance_pidfile "$svc" "$i")
    log=$(instance_log "$svc" "$i")
    rm -f "$pidfile"
    printf '\n===== %s ./suite: starting %s instance %s =====\n' "$(date '+%F %T')" "$svc" "$i" >>"$log"
    # shellcheck disable=SC2086,SC2016  # SUITE_JAVA_OPTS is a list of options; $$ is the inner shell's
    (cd "$ROOT" && exec setsid bash -c 'echo $$ >"$0"; exec "$@"' "$pidfile" \
        ${SERVICE_LAUNCHER[@]+"${SERVICE_LAUNCHER[@]}"} "$ROOT/deploy/bin/run-service" \
        --postgres "$PG_HOST:$PG_PORT/${SERVICE_DB[$svc]}" --redis "$REDIS_HOST:$REDIS_PORT/0" \
        --kafka "$KAFKA_BOOTSTRAP" --keys "$KEYS" --recommendation "http://127.0.0.1:$GATEWAY_INTERNAL_PORT" \
        "$svc" "$(instance_port "$svc" "$i")" "${SERVICE_JAVA_OPTS[@]}" ${SUITE_JAVA_OPTS:-}) \
        </dev/null >>"$log" 2>&1 9>&- &
    local n
    for ((n = 0; n < 50; n++)); do [[ -s $pidfile ]] && break; sleep 0.1; done
    [[ -s $pidfile ]] || die "$svc instance $i did not start (see ./suite logs $svc-$i)"
}

# Stops an instance gracefully (SIGTERM: the service finishes what it does and hands back its partitions).
stop_instance() { # SVC I
    local pid
    pid=$(instance_pid "$1" "$2")
    if instance_running "$1" "$2"; then
        stop_pid "$pid" "$1 instance $2" "$SERVICE_STOP_TIMEOUT"
        ok "$1 instance $2 stopped (pid $pid)"
    fi
    rm -f "$(instance_pidfile "$1" "$2")"
}

show_instance_problem() { # SVC I: its log's tail and readiness answer, on stderr
    printf '\n%s--- last lines of %s ---%s\n' "$BOLD" "$(instance_log "$1" "$2")" "$RESET" >&2
    tail -n 40 "$(instance_log "$1" "$2")" >&2 || true
    local body
    body=$(curl -s -m 3 "$(instance_url "$1" "$2")/q/health/ready" 2>/dev/null || true)
    [[ -z $body ]] || printf '\n%s instance %s /q/health/ready: %s\n' "$1" "$2" "$body" >&2
}

wait_ready() { # "SVC I"... until each instance's /q/health/ready is 200
    local t0 deadline pending=("$@") still entry
    t0=$(now_ms)
    deadline=$((SECONDS + READY_TIMEOUT))
    while ((${#pending[@]})); do
        still=()
        for entry in "${pending[@]}"; do
            set -- $entry
            if [[ $(http_code "$(instance_url "$1" "$2")/q/health/ready") == 200 ]]; then
                ok "$1 instance $2 ready (:$(instance_port "$1" "$2"), after $(seconds_since "$t0") s)"
            elif ! instance_running "$1" "$2"; then
                show_instance_problem "$1" "$2"
                die "$1 instance $2 exited before it was ready (./suite logs $1-$2; ./suite down stops the rest)"
            else
                still+=("$entry")
            fi
        done
        pending=(${still[@]+"${still[@]}"})
        ((${#pending[@]})) || break
        if ((SECONDS >= deadline)); then
            for entry in "${pending[@]}"; do show_instance_problem $entry; done
            die "not ready after ${READY_TIMEOUT}s: ${pending[*]} (./suite logs NAME; ./suite down stops what runs)"
        fi
        sleep 1
    done
}

# The paths a user hits first, called on one instance before it takes traffic: a cold JVM answers its first
# requests slowly (class loading, connection pools, the first query plans), and the home page's call to the
# recommendation service has a 300 ms budget that a cold neighbour misses.
WARM_ROUNDS=${SUITE_WARM_ROUNDS:-15}
warm_instance() { # SVC I
    local url token user=$DEMO_USER path n
    url=$(instance_url "$1" "$2")
    token=$(jwt_sign "$KEYS/jwt-private.pem" "$user" '["user"]' 600)
    local paths=()
    case $1 in
        experience-service) paths=("/api/experience/home?page=home") ;;
        recommendation-service) paths=("/api/recommendations/me?limit=10") ;;
        reading-service) paths=("/api/reading/categories" "/api/reading/newsletters?size=20" "/api/reading/continue") ;;
        search-service) paths=("/api/search?q=technology" "/api/search?q=tecnology+news" "/api/search/suggest?q=tech") ;;
    esac
    for ((n = 0; n < WARM_ROUNDS; n++)); do
        for path in "${paths[@]}"; do
            curl -s -o /dev/null -m 10 -H "Authorization: Bearer $token" "$url$path" || true
        done
    done
}

up_services() { # N: make N instances of each service run (start missing ones, stop extra ones)
    local n=$1 svc i started=()
    step "Services ($n instance$( ((n == 1)) || echo s) each)"
    # instances beyond N from an earlier --replicas: drained from the gateway first, then stopped
    local extra=()
    while read -r svc i; do ((i > n)) && extra+=("$svc $i"); done < <(instances_on_record)
    if ((${#extra[@]})); then
        echo "$n" >"$REPLICAS_FILE"
        ! gateway_running || gateway_reload
        local entry
        for entry in "${extra[@]}"; do stop_instance $entry; done
    fi
    for svc in "${SERVICES[@]}"; do
        for ((i = 1; i <= n; i++)); do
            if instance_running "$svc" "$i"; then
                OUTCOME[$svc]+="${OUTCOME[$svc]:+, }#$i already running (pid $(instance_pid "$svc" "$i"))"
                ok "$svc instance $i already running (pid $(instance_pid "$svc" "$i"))"
            else
                port_open 127.0.0.1 "$(instance_port "$svc" "$i")" &&
                    die "port $(instance_port "$svc" "$i") for $svc instance $i is taken by a process the suite did not start"
                start_instance "$svc" "$i"
                OUTCOME[$svc]+="${OUTCOME[$svc]:+, }#$i started (pid $(instance_pid "$svc" "$i"))"
                started+=("$svc $i")
            fi
        done
    done
    echo "$n" >"$REPLICAS_FILE"
    ((${#started[@]} == 0)) || info "started ${#started[@]} instances; waiting for /q/health/ready (up to ${READY_TIMEOUT}s)"
    ((${#started[@]} == 0)) || wait_ready "${started[@]}"
    STARTED_INSTANCES=(${started[@]+"${started[@]}"})
}

down_services() {
    local svc i pids=() entry pid
    # all at once: each takes a few seconds to hand back its partitions
    while read -r svc i; do
        if instance_running "$svc" "$i"; then
            pid=$(instance_pid "$svc" "$i")
            kill -TERM "$pid" 2>/dev/null || true
            pids+=("$svc:$i:$pid")
        fi
    done < <(instances_on_record)
    for entry in ${pids[@]+"${pids[@]}"}; do
        IFS=: read -r svc i pid <<<"$entry"
        stop_pid "$pid" "$svc instance $i" "$SERVICE_STOP_TIMEOUT"
        ok "$svc instance $i stopped (pid $pid)"
        STOPPED=1
    done
    rm -f "$PIDS"/*-service-*.pid
}

# A rolling restart: one instance at a time is taken out of the gateway, stopped gracefully, started, waited
# for, warmed and put back. With one instance there is nowhere else to send requests: a short outage.
restart_service() { # SVC
    local svc=$1 i n
    n=$(replicas)
    for ((i = 1; i <= n; i++)); do
        step "Restarting $svc instance $i of $n"
        if ((n > 1)); then
            DRAINED="$svc $i"
            gateway_reload
            info "taken out of the gateway; in-flight requests finish"
            sleep "${SUITE_DRAIN_SECONDS:-2}"
        fi
        stop_instance "$svc" "$i"
        start_instance "$svc" "$i"
        wait_ready "$svc $i"
        warm_instance "$svc" "$i"
        DRAINED=""
        ((n == 1)) || gateway_reload
        ok "$svc instance $i back in the gateway"
    done
}
