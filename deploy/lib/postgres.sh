# Part of ./suite (sourced, not run): PostgreSQL, the machine's when it answers, else a private cluster in .suite/postgres.
# Expects the suite's configuration (ROOT, STATE, LOGS, PIDS, ...) and deploy/lib/common.sh.

# ----------------------------------------------------------------------------------------------
# PostgreSQL
# ----------------------------------------------------------------------------------------------
# .suite/postgres, or where it links to when the postgres OS user cannot reach .suite (see pg_fallback_home)
PG_DATA="$STATE/postgres"
[[ ! -L $PG_DATA ]] || PG_DATA=$(readlink -f "$PG_DATA")
PG_LOG="$LOGS/postgres.log"

pg_bin_dir() { # newest /usr/lib/postgresql/*/bin that has initdb
    local d
    d=$(printf '%s\n' /usr/lib/postgresql/*/bin | sort -V | tail -n1)
    if [[ -x $d/initdb ]]; then echo "$d"; fi
}

pg_answers() { pg_isready -q -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d postgres -t 3 >/dev/null 2>&1; }

# Runs a PostgreSQL server binary as the postgres OS user when we are root (initdb refuses root).
# (from /, which it can always enter)
as_pg() { if ((EUID == 0)); then (cd / && runuser -u postgres -- "$@"); else "$@"; fi; }

private_pg_running() { # ours: the postmaster of .suite/postgres
    [[ -f $PG_DATA/PG_VERSION ]] || return 1
    local pid
    pid=$(private_pg_pid)
    alive "$pid" && [[ $(cmdline "$pid") == *"$PG_DATA"* ]]
}

# When the project sits where the postgres OS user cannot go (e.g. under /root), the cluster lives in
# /var/lib/postgresql/inbo-suite-<hash of the project path>/ and .suite/postgres links to it.
pg_fallback_home() { echo "/var/lib/postgresql/inbo-suite-$(printf %s "$ROOT" | cksum | cut -d' ' -f1)"; }

private_pg_pid() { read_pid "$PG_DATA/postmaster.pid"; }

start_private_postgres() {
    is_local_host "$PG_HOST" || die "nothing answers at PostgreSQL $PG_ADDR and it is not a local address"
    local bin
    bin=$(pg_bin_dir)
    if [[ -z $bin ]]; then
        apt_install postgresql
        bin=$(pg_bin_dir)
        [[ -n $bin ]] || die "PostgreSQL server binaries not found in /usr/lib/postgresql/*/bin"
    fi
    local log=$PG_LOG
    if [[ ! -f $PG_DATA/PG_VERSION ]]; then
        if ((EUID == 0)) && ! runuser -u postgres -- test -x "$STATE"; then
            local home
            home=$(pg_fallback_home)
            info "the postgres OS user cannot reach $STATE; the cluster goes to $home (linked from .suite/postgres)"
            mkdir -p "$home/data"
            chown postgres:postgres "$home" "$home/data"
            rm -rf "$STATE/postgres"
            ln -sfn "$home/data" "$STATE/postgres"
            PG_DATA="$home/data"
            touch "$home/postgres.log"
            ln -sfn "$home/postgres.log" "$LOGS/postgres.log"
            log="$home/postgres.log"
            PG_LOG=$log
        fi
        info "initdb into .suite/postgres"
        mkdir -p "$PG_DATA"
        ((EUID != 0)) || chown postgres:postgres "$PG_DATA"
        chmod 700 "$PG_DATA"
        as_pg "$bin/initdb" -D "$PG_DATA" -U postgres --auth=trust --encoding=UTF8 --no-locale >>"$log.init" 2>&1 ||
            { tail -n 20 "$log.init" >&2; die "initdb failed"; }
        cat >>"$PG_DATA/postgresql.conf" <<'EOF'

# ./suite: a throw-away development cluster
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 200
unix_socket_directories = ''
EOF
    fi
    [[ ! -L $LOGS/postgres.log ]] || log=$(readlink -f "$LOGS/postgres.log")
    touch "$log"
    ((EUID != 0)) || chown postgres:postgres "$log"
    info "starting a private PostgreSQL on $PG_ADDR (data in .suite/postgres)"
    as_pg "$bin/pg_ctl" start -D "$PG_DATA" -l "$log" -w -t 60 \
        -o "-p $PG_PORT -c listen_addresses='$(bind_addr "$PG_HOST")'" >/dev/null 9>&- ||
        { tail -n 20 "$log" >&2; die "the private PostgreSQL did not start (see ./suite logs postgres)"; }
    local i
    for ((i = 0; i < 100; i++)); do pg_answers && break; sleep 0.1; done
    pg_answers || die "the private PostgreSQL started but does not answer at $PG_ADDR"
}

stop_private_postgres() {
    local pid bin
    pid=$(private_pg_pid)
    bin=$(pg_bin_dir)
    if [[ -n $bin ]] && as_pg "$bin/pg_ctl" stop -D "$PG_DATA" -m fast -w -t 60 >/dev/null 2>&1; then
        :
    elif alive "$pid"; then
        stop_pid "$pid" postgres 30
    fi
    ! alive "$pid" || die "PostgreSQL (pid $pid) is still running"
}

psql_admin() {
    PGPASSWORD="${QUARKUS_DATASOURCE_PASSWORD:-}" psql -X -q -v ON_ERROR_STOP=1 \
        -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d postgres "$@"
}

ensure_databases() {
    local svc db created=()
    for svc in "${SERVICES[@]}"; do
        db=${SERVICE_DB[$svc]}
        if [[ $(psql_admin -tAc "select 1 from pg_database where datname = '$db'") != 1 ]]; then
            psql_admin -c "create database $db" >/dev/null
            created+=("$db")
        fi
    done
    if ((${#created[@]})); then ok "created databases ${created[*]}"; else ok "databases present"; fi
}

up_postgres() {
    step "PostgreSQL at $PG_ADDR"
    if private_pg_running; then
        local running_port
        running_port=$(sed -n 4p "$PG_DATA/postmaster.pid")
        [[ $running_port == "$PG_PORT" ]] ||
            die "the suite's private PostgreSQL runs on port $running_port, not $PG_PORT (INBO_POSTGRES); ./suite down first"
        OUTCOME[postgres]="already running (suite, pid $(private_pg_pid))"
        ok "private PostgreSQL already running (pid $(private_pg_pid))"
    elif pg_answers; then
        OUTCOME[postgres]="external"
        ok "using the PostgreSQL that answers at $PG_ADDR"
    else
        start_private_postgres
        OUTCOME[postgres]="started (suite, pid $(private_pg_pid))"
        ok "private PostgreSQL started (pid $(private_pg_pid))"
    fi
    pg_answers || die "PostgreSQL at $PG_ADDR does not answer"
    ensure_databases
}


down_postgres() { # only a private cluster: the machine's PostgreSQL is never stopped
    if private_pg_running; then
        local pid
        pid=$(private_pg_pid)
        stop_private_postgres
        ok "private postgres stopped (pid $pid)"
        STOPPED=1
    fi
}
