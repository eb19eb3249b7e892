# Part of ./suite (sourced, not run): a real Prometheus (Debian's package, unpacked into .suite/, never installed
# as a system service) scraping every instance of every service with the alert rules of deploy/monitoring, so an
# operator can watch an alert fire here (stop Kafka: InboDependencyDown, then InboOutboxGrowing). ./suite up
# --monitoring starts it; http://localhost:9090/alerts.
# Expects the suite's configuration, deploy/lib/common.sh and deploy/lib/services.sh.

PROMETHEUS_PORT=9090
PROMETHEUS_HOME="$STATE/prometheus"
PROMETHEUS_BIN="$PROMETHEUS_HOME/pkg/usr/bin/prometheus"

prometheus_pid() { read_pid "$PIDS/prometheus.pid"; }

prometheus_running() {
    local pid
    pid=$(prometheus_pid)
    alive "$pid" && [[ $(cmdline "$pid") == *"$PROMETHEUS_HOME"* ]]
}

ensure_prometheus() {
    [[ -x $PROMETHEUS_BIN ]] && return 0
    mkdir -p "$PROMETHEUS_HOME/pkg"
    info "fetching Debian's prometheus package (unpacked into .suite/prometheus, not installed)"
    (cd "$PROMETHEUS_HOME" && { apt-get download prometheus >>"$LOGS/apt.log" 2>&1 ||
        { as_root apt-get update -q >>"$LOGS/apt.log" 2>&1 && apt-get download prometheus >>"$LOGS/apt.log" 2>&1; }; } &&
        dpkg-deb -x prometheus_*.deb pkg && rm -f prometheus_*.deb) ||
        die "could not fetch the prometheus package (see $LOGS/apt.log)"
}

# Scrapes every instance every 5 s; the job is the service's name, as in the cluster's ServiceMonitors.
render_prometheus() {
    local svc i n
    n=$(replicas)
    {
        echo "# rendered by ./suite for $n instance(s) of each service"
        echo "global:"
        echo "  scrape_interval: 5s"
        echo "  evaluation_interval: 5s"
        echo "rule_files:"
        echo "  - $ROOT/deploy/monitoring/inbo-alerts.rules.yml"
        echo "scrape_configs:"
        for svc in "${SERVICES[@]}"; do
            echo "  - job_name: $svc"
            echo "    metrics_path: /q/metrics"
            echo "    static_configs:"
            echo "      - targets:"
            for ((i = 1; i <= n; i++)); do echo "          - 127.0.0.1:$(instance_port "$svc" "$i")"; done
        done
    } >"$PROMETHEUS_HOME/prometheus.yml"
}

up_monitoring() {
    step "Monitoring (Prometheus) on :$PROMETHEUS_PORT"
    ensure_prometheus
    render_prometheus
    if prometheus_running; then
        kill -HUP "$(prometheus_pid)"
        OUTCOME[prometheus]="already running (pid $(prometheus_pid)), configuration reloaded"
    else
        port_open 127.0.0.1 "$PROMETHEUS_PORT" && die "port $PROMETHEUS_PORT is taken by a process the suite did not start"
        mkdir -p "$PROMETHEUS_HOME/data"
        # shellcheck disable=SC2016
        (cd "$PROMETHEUS_HOME" && exec setsid bash -c 'echo $$ >"$0"; exec "$@"' "$PIDS/prometheus.pid" \
            "$PROMETHEUS_BIN" --config.file="$PROMETHEUS_HOME/prometheus.yml" \
            --storage.tsdb.path="$PROMETHEUS_HOME/data" --storage.tsdb.retention.time=2d \
            --web.listen-address="127.0.0.1:$PROMETHEUS_PORT" --web.enable-lifecycle) \
            </dev/null >>"$LOGS/prometheus.log" 2>&1 9>&- &
        local n
        for ((n = 0; n < 100; n++)); do
            [[ $(http_code "http://127.0.0.1:$PROMETHEUS_PORT/-/ready") == 200 ]] && break
            sleep 0.2
        done
        [[ $(http_code "http://127.0.0.1:$PROMETHEUS_PORT/-/ready") == 200 ]] ||
            { tail -20 "$LOGS/prometheus.log" >&2; die "Prometheus did not start (see ./suite logs prometheus)"; }
        OUTCOME[prometheus]="started (pid $(prometheus_pid))"
    fi
    ok "Prometheus ${OUTCOME[prometheus]}: http://localhost:$PROMETHEUS_PORT/alerts"
}

down_monitoring() {
    if prometheus_running; then
        local pid
        pid=$(prometheus_pid)
        stop_pid "$pid" prometheus 30
        ok "prometheus stopped (pid $pid)"
        STOPPED=1
    fi
    rm -f "$PIDS/prometheus.pid"
}
