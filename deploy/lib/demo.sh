# Part of ./suite (sourced, not run): the demo catalog, waiting for the consumers to catch up with what was
# published, and the feedback-loop demo. Expects the suite's configuration and the other parts.

DEMO_SEED="${INBO_DEMO_SEED:-42}"
DEMO_NEWSLETTERS="${INBO_DEMO_NEWSLETTERS:-2000}"
DEMO_POSTS="${INBO_DEMO_POSTS:-50000}"
DEMO_USER=00000000-0000-4000-8000-000000000001
CATCH_UP_TIMEOUT="${SUITE_CATCH_UP_TIMEOUT:-600}"

load_demo_data() { # the deterministic demo catalog, once, when the catalog is empty
    local admin reading categories
    step "Demo data"
    admin=$(jwt_sign "$KEYS/jwt-private.pem" "$(cat /proc/sys/kernel/random/uuid)" '["user","admin"]' 600)
    reading=$(instance_url reading-service 1)
    categories=$(curl -sf -H "Authorization: Bearer $admin" "$reading/api/reading/categories") ||
        die "cannot read the catalog from the reading service"
    if [[ $categories != "[]" ]]; then
        ok "catalog already loaded; left as it is"
        return 0
    fi
    info "loading the demo catalog (seed $DEMO_SEED, $DEMO_NEWSLETTERS newsletters, $DEMO_POSTS posts) ..."
    curl -sf -X POST -H "Authorization: Bearer $admin" \
        "$reading/api/reading/admin/demo?seed=$DEMO_SEED&newsletters=$DEMO_NEWSLETTERS&posts=$DEMO_POSTS" \
        >"$LOGS/demo-load.json" || die "loading the demo catalog failed; see ./suite logs reading"
    ok "demo catalog loaded: $(cat "$LOGS/demo-load.json")"
}

# "GROUP LAG" per consumer group of the suite's services (what they have not applied yet), from Kafka itself.
consumer_lags() {
    kafka_cli lag "$KAFKA_BOOTSTRAP" 2>>"$LOGS/kafka-cli.log" | grep -E '^(experience|recommendation|search)-service' || true
}

# Returns once every consumer group has applied everything published so far, printing the lag as it shrinks;
# after CATCH_UP_TIMEOUT it says how far behind they still are and returns anyway.
await_caught_up() {
    step "Consumers catching up"
    local t0 lags total last=-1
    t0=$(now_ms)
    while true; do
        lags=$(consumer_lags)
        total=$(awk '{s += $2} END {print s + 0}' <<<"$lags")
        if ((total == 0)); then
            ok "every consumer is caught up (after $(seconds_since "$t0") s)"
            return 0
        fi
        if ((total != last)); then
            info "$(printf "%'d" "$total") events still to apply: $(awk '$2 > 0 {printf "%s%s %d", sep, $1, $2; sep=", "}' <<<"$lags")"
            last=$total
        fi
        if (($(now_ms) - t0 > CATCH_UP_TIMEOUT * 1000)); then
            warn "the consumers are still catching up after ${CATCH_UP_TIMEOUT}s ($total events to go); the suite serves meanwhile, with projections behind (./suite status shows the lag)"
            return 0
        fi
        sleep 2
    done
}

warm_all() {
    step "Warming every instance (the paths a first user takes)"
    local svc i n
    n=$(replicas)
    # the recommendation service first: the home page calls it
    for svc in recommendation-service reading-service search-service experience-service; do
        for ((i = 1; i <= n; i++)); do warm_instance "$svc" "$i"; done
    done
    ok "warmed ($WARM_ROUNDS rounds of each instance's first paths)"
}

# The feedback loop against the running suite, through the gateway; by default as a new user each time (a user
# whose history is long, such as a demo user after many runs, needs more than three clicks to change their list).
cmd_demo() {
    local user=${1:-$(cat /proc/sys/kernel/random/uuid)}
    [[ $(http_code "http://127.0.0.1:$GATEWAY_PORT/healthz") == 200 ]] || die "the suite is not up: ./suite up"
    command -v python3 >/dev/null || apt_install python3
    await_caught_up
    python3 "$ROOT/deploy/demo/feedback_loop.py" "http://127.0.0.1:$GATEWAY_PORT" "$user" \
        "$(jwt_sign "$KEYS/jwt-private.pem" "$user" '["user"]' 3600)"
}
