# Part of ./suite (sourced, not run): Redis, the machine's when it answers, else a private one in .suite/redis.
# Expects the suite's configuration (ROOT, STATE, LOGS, PIDS, ...) and deploy/lib/common.sh.

# ----------------------------------------------------------------------------------------------
# Redis
# ----------------------------------------------------------------------------------------------
# shellcheck disable=SC2016
redis_ping() { # HOST PORT
    local reply
    reply=$(timeout 3 bash -c 'exec 3<>"/dev/tcp/$0/$1" && printf "PING\r\n" >&3 && IFS= read -r line <&3 && printf %s "$line"' \
        "$1" "$2" 2>/dev/null) || return 1
    [[ $reply == +PONG* ]]
}

redis_pid() { read_pid "$PIDS/redis.pid"; }

private_redis_running() { # ours: a live redis-server whose working directory is .suite/redis
    local pid
    pid=$(redis_pid)
    alive "$pid" && [[ $(readlink "/proc/$pid/cwd" 2>/dev/null) == "$STATE/redis" ]]
}

start_private_redis() {
    is_local_host "$REDIS_HOST" || die "nothing answers at Redis $REDIS_ADDR and it is not a local address"
    port_open "$REDIS_HOST" "$REDIS_PORT" && die "something listens on $REDIS_ADDR but does not answer PING (password?)"
    command -v redis-server >/dev/null || apt_install redis-server
    mkdir -p "$STATE/redis"
    rm -f "$PIDS/redis.pid"
    info "starting a private Redis on $REDIS_ADDR (data in .suite/redis, append-only)"
    redis-server --port "$REDIS_PORT" --bind "$(bind_addr "$REDIS_HOST")" --protected-mode no \
        --dir "$STATE/redis" --appendonly yes --save "" \
        --daemonize yes --pidfile "$PIDS/redis.pid" --logfile "$LOGS/redis.log" >/dev/null 9>&- ||
        die "redis-server did not start (see ./suite logs redis)"
    local i
    for ((i = 0; i < 100; i++)); do redis_ping "$REDIS_HOST" "$REDIS_PORT" && break; sleep 0.1; done
    redis_ping "$REDIS_HOST" "$REDIS_PORT" || { tail -n 20 "$LOGS/redis.log" >&2; die "the private Redis does not answer"; }
}

up_redis() {
    step "Redis at $REDIS_ADDR"
    if private_redis_running; then
        [[ $(cmdline "$(redis_pid)") == *":$REDIS_PORT"* ]] ||
            die "the suite's private Redis runs elsewhere ($(cmdline "$(redis_pid)")), not on $REDIS_ADDR (INBO_REDIS); ./suite down first"
        OUTCOME[redis]="already running (suite, pid $(redis_pid))"
        ok "private Redis already running (pid $(redis_pid))"
    elif redis_ping "$REDIS_HOST" "$REDIS_PORT"; then
        OUTCOME[redis]="external"
        ok "using the Redis that answers at $REDIS_ADDR"
    else
        start_private_redis
        OUTCOME[redis]="started (suite, pid $(redis_pid))"
        ok "private Redis started (pid $(redis_pid))"
    fi
}


down_redis() { # only a private one: the machine's Redis is never stopped
    if private_redis_running; then
        local pid
        pid=$(redis_pid)
        stop_pid "$pid" redis 30
        ok "private redis stopped (pid $pid)"
        STOPPED=1
    fi
    rm -f "$PIDS/redis.pid"
}
