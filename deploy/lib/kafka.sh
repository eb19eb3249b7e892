# Part of ./suite (sourced, not run): Kafka, the suite's own KRaft broker in .suite/kafka, and its topics.
# Expects the suite's configuration (ROOT, STATE, LOGS, PIDS, ...) and deploy/lib/common.sh.

# ----------------------------------------------------------------------------------------------
# Kafka
# ----------------------------------------------------------------------------------------------
kafka_pid() { read_pid "$PIDS/kafka.pid"; }

kafka_running() { # ours: the broker started on .suite/kafka
    local pid
    pid=$(kafka_pid)
    alive "$pid" && [[ $(cmdline "$pid") == *kafka.Kafka*"$STATE/kafka/"* ]]
}

kafka_cli() { java -cp "$KAFKA_LIB/*:$(kafka_cli_jar)" app.inbo.kafka.KafkaBrokerCli "$@"; }

up_kafka() {
    step "Kafka at $KAFKA_BOOTSTRAP"
    if [[ -n $KAFKA_EXTERNAL ]]; then
        OUTCOME[kafka]="external"
        ok "using KAFKA_BOOTSTRAP_SERVERS=$KAFKA_EXTERNAL"
    elif kafka_running; then
        OUTCOME[kafka]="already running (suite, pid $(kafka_pid))"
        ok "broker already running (pid $(kafka_pid))"
    else
        port_open 127.0.0.1 "$KAFKA_PORT" && die "port $KAFKA_PORT is taken by something that is not the suite's broker (set INBO_KAFKA_PORT or KAFKA_BOOTSTRAP_SERVERS)"
        mkdir -p "$STATE/kafka"
        ln -sfn ../kafka/broker.log "$LOGS/kafka.log"
        info "starting a broker on 127.0.0.1:$KAFKA_PORT (data in .suite/kafka)"
        local pid
        pid=$(cd "$ROOT" && setsid java -cp "$KAFKA_LIB/*:$(kafka_cli_jar)" app.inbo.kafka.KafkaBrokerCli \
            start "$KAFKA_LIB" "$STATE/kafka" "$KAFKA_PORT" </dev/null 2>>"$LOGS/kafka-cli.log" 9>&-) ||
            { tail -n 20 "$LOGS/kafka-cli.log" "$STATE/kafka/broker.log" >&2 2>/dev/null || true; die "the Kafka broker did not start"; }
        pid=$(grep -E '^[0-9]+$' <<<"$pid" | tail -n1 || true)
        [[ -n $pid ]] || die "the Kafka broker did not report its PID (see $LOGS/kafka-cli.log)"
        echo "$pid" >"$PIDS/kafka.pid"
        OUTCOME[kafka]="started (suite, pid $pid)"
        ok "broker started (pid $pid)"
    fi
    kafka_cli topics "$KAFKA_BOOTSTRAP" </dev/null >>"$LOGS/kafka-cli.log" 2>&1 ||
        { tail -n 20 "$LOGS/kafka-cli.log" >&2; die "creating the topics on $KAFKA_BOOTSTRAP failed"; }
    ok "topics present"
}


down_kafka() {
    if kafka_running; then
        local pid
        pid=$(kafka_pid)
        stop_pid "$pid" kafka 60
        ok "kafka stopped (pid $pid)"
        STOPPED=1
    fi
    rm -f "$PIDS/kafka.pid"
}
