# Part of ./suite (sourced, not run): the nginx gateway, with deploy/gateway/nginx.conf as its routing and the
# listen addresses and upstreams (every instance of every service) rendered into .suite/nginx/.
# Expects the suite's configuration, deploy/lib/common.sh and deploy/lib/services.sh.

NGINX_PREFIX="$STATE/nginx"
GATEWAY_CONF="$ROOT/deploy/gateway/nginx.conf"
RENDERED_CONF="$NGINX_PREFIX/nginx.conf"
# an instance being restarted (restart_service sets it): rendered "down", so no new request reaches it
DRAINED=""

gateway_pid() { read_pid "$NGINX_PREFIX/nginx.pid"; }

gateway_running() { # ours: the nginx master with our prefix
    local pid
    pid=$(gateway_pid)
    alive "$pid" && [[ $(cmdline "$pid") == *nginx*"$NGINX_PREFIX"* ]]
}

ipv6_loopback() { [[ -r /proc/net/if_inet6 ]] && grep -qE '^0{31}1 .* lo$' /proc/net/if_inet6; }

# The routing as it is in the repository, and the parts that belong to this machine next to it.
render_gateway() {
    mkdir -p "$NGINX_PREFIX/logs" "$NGINX_PREFIX/temp"
    cp "$GATEWAY_CONF" "$RENDERED_CONF"
    {
        echo "listen 127.0.0.1:$GATEWAY_PORT;"
        ! ipv6_loopback || echo "listen [::1]:$GATEWAY_PORT;"
    } >"$NGINX_PREFIX/listen.conf"
    echo "listen 127.0.0.1:$GATEWAY_INTERNAL_PORT;" >"$NGINX_PREFIX/internal-listen.conf"
    local svc i n
    n=$(replicas)
    {
        echo "# rendered by ./suite for $n instance(s) of each service"
        for svc in "${SERVICES[@]}"; do
            echo "upstream ${SERVICE_UPSTREAM[$svc]} {"
            for ((i = 1; i <= n; i++)); do
                # passive health check: an instance that failed is skipped for fail_timeout
                printf '    server 127.0.0.1:%s max_fails=1 fail_timeout=3s%s;\n' "$(instance_port "$svc" "$i")" \
                    "$([[ $DRAINED == "$svc $i" ]] && echo ' down')"
            done
            echo "    keepalive 16;"
            echo "    keepalive_timeout 60s;"
            echo "}"
        done
    } >"$NGINX_PREFIX/upstreams.conf"
}

gateway_args() { echo -p "$NGINX_PREFIX/" -c "$RENDERED_CONF" -e "$NGINX_PREFIX/logs/error.log"; }

# Renders and reloads the running gateway (graceful: old workers finish their requests).
gateway_reload() {
    render_gateway
    # shellcheck disable=SC2046
    "$(nginx_bin)" -t -q $(gateway_args) || die "nginx rejects the rendered gateway config ($RENDERED_CONF)"
    local workers_before
    workers_before=$(children_of "$(gateway_pid)")
    kill -HUP "$(gateway_pid)"
    # reloaded when the old workers are gone (they finish their requests first)
    local n
    for ((n = 0; n < 100; n++)); do
        local left=0 w
        for w in $workers_before; do alive "$w" && [[ $(cmdline "$w") == *"worker process"* ]] && left=1; done
        ((left)) || break
        sleep 0.1
    done
}

up_gateway() {
    step "Gateway (nginx) on :$GATEWAY_PORT"
    if gateway_running; then
        OUTCOME[gateway]="already running (pid $(gateway_pid))"
        gateway_reload
        OUTCOME[gateway]+=", config rendered and reloaded"
        ok "gateway ${OUTCOME[gateway]}"
    else
        port_open 127.0.0.1 "$GATEWAY_PORT" && die "port $GATEWAY_PORT is taken by a process the suite did not start"
        port_open 127.0.0.1 "$GATEWAY_INTERNAL_PORT" &&
            die "port $GATEWAY_INTERNAL_PORT (the services' internal calls) is taken by a process the suite did not start"
        render_gateway
        ln -sfn ../nginx/logs/access.log "$LOGS/gateway.log"
        # shellcheck disable=SC2046
        "$(nginx_bin)" -t -q $(gateway_args) || die "nginx rejects $RENDERED_CONF"
        # shellcheck disable=SC2046
        "$(nginx_bin)" $(gateway_args) 9>&- || die "nginx did not start (see ./suite logs gateway)"
        local i
        for ((i = 0; i < 50; i++)); do gateway_running && break; sleep 0.1; done
        gateway_running || die "nginx did not start (see ./suite logs gateway)"
        OUTCOME[gateway]="started (pid $(gateway_pid))"
        ok "gateway started (pid $(gateway_pid))"
    fi
    [[ $(http_code "http://127.0.0.1:$GATEWAY_PORT/healthz") == 200 ]] || die "the gateway does not answer /healthz"
}

down_gateway() {
    if gateway_running; then
        local pid
        pid=$(gateway_pid)
        stop_pid "$pid" gateway 15
        ok "gateway stopped (pid $pid)"
        STOPPED=1
    fi
    rm -f "$NGINX_PREFIX/nginx.pid"
}
