# Part of ./suite (sourced, not run): output, process, network and package helpers every other part uses.
# Expects ROOT, STATE, LOGS and PIDS to be set.

# ----------------------------------------------------------------------------------------------
# Output helpers
# ----------------------------------------------------------------------------------------------
if [[ -t 1 ]]; then BOLD=$'\e[1m'; RED=$'\e[31m'; GREEN=$'\e[32m'; YELLOW=$'\e[33m'; RESET=$'\e[0m'
else BOLD=""; RED=""; GREEN=""; YELLOW=""; RESET=""; fi

step() { printf '%s==>%s %s\n' "$BOLD" "$RESET" "$*"; }
info() { printf '    %s\n' "$*"; }
ok()   { printf '    %s✓%s %s\n' "$GREEN" "$RESET" "$*"; }
warn() { printf '%swarning:%s %s\n' "$YELLOW" "$RESET" "$*" >&2; }
die()  { printf '%serror:%s %s\n' "$RED" "$RESET" "$*" >&2; exit 1; }

now_ms() { date +%s%3N; }
seconds_since() { # START_MS -> "12.3"
    local d=$(( $(now_ms) - $1 ))
    printf '%d.%d' $((d / 1000)) $(((d % 1000) / 100))
}

# ----------------------------------------------------------------------------------------------
# Process and network helpers
# ----------------------------------------------------------------------------------------------
alive() { # PID: running and not a zombie
    [[ -n ${1:-} ]] && kill -0 "$1" 2>/dev/null || return 1
    local st
    st=$(awk '/^State:/ {print $2}' "/proc/$1/status" 2>/dev/null) || return 1
    [[ $st != Z ]]
}

cmdline() { tr '\0' ' ' 2>/dev/null <"/proc/$1/cmdline" || true; }

read_pid() { # FILE -> the PID in it, or nothing
    if [[ -f $1 ]]; then head -n1 "$1" 2>/dev/null | tr -dc '0-9' || true; fi
}

# shellcheck disable=SC2016  # the single-quoted scripts below get their values as arguments
port_open() { # HOST PORT
    timeout 2 bash -c 'exec 3<>"/dev/tcp/$0/$1"' "$1" "$2" 2>/dev/null
}

http_code() { # URL -> HTTP status, 000 when nothing answers
    curl -s -o /dev/null -m 3 -w '%{http_code}' "$1" 2>/dev/null || true
}

is_local_host() { [[ $1 == 127.* || $1 == localhost || $1 == ::1 || $1 == 0.0.0.0 ]]; }

bind_addr() { [[ $1 == localhost ]] && echo 127.0.0.1 || echo "$1"; }

# "PID TEXT" for each live process whose command line contains one of the TEXTs (absolute paths inside
# this checkout): finds what a pid file missed, e.g. after an interrupted ./suite up
pids_running() { # TEXT...
    local proc pid cmd text
    for proc in /proc/[0-9]*; do
        pid=${proc#/proc/}
        [[ $pid != "$$" && $pid != "$BASHPID" ]] || continue
        cmd=$(cmdline "$pid")
        for text in "$@"; do
            if [[ $cmd == *"$text"* ]] && alive "$pid"; then echo "$pid $text"; break; fi
        done
    done
    return 0
}

children_of() { # PID -> its child processes' PIDs
    local status
    for status in /proc/[0-9]*/status; do
        [[ $(awk '/^PPid:/ {print $2}' "$status" 2>/dev/null) == "$1" ]] && basename "$(dirname "$status")"
    done
    return 0
}

# Stops PID (SIGTERM, SIGKILL after TIMEOUT seconds) and waits until it is gone.
stop_pid() { # PID NAME [TIMEOUT]
    local pid=$1 name=$2 timeout=${3:-30} i
    kill -TERM "$pid" 2>/dev/null || return 0
    for ((i = 0; i < timeout * 10; i++)); do
        alive "$pid" || return 0
        sleep 0.1
    done
    warn "$name (pid $pid) did not stop within ${timeout}s; sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    for ((i = 0; i < 100; i++)); do
        alive "$pid" || return 0
        sleep 0.1
    done
    die "$name (pid $pid) is still running after SIGKILL"
}

# ----------------------------------------------------------------------------------------------
# Installing what is missing (Debian packages)
# ----------------------------------------------------------------------------------------------
as_root() { if ((EUID == 0)); then "$@"; else sudo "$@"; fi; }

apt_install() { # PACKAGE...
    command -v apt-get >/dev/null || die "missing: $*; no apt-get here, install them yourself"
    step "Installing $* (apt-get)"
    local guard=0
    # keep the packages' own services (a system nginx on :80, a PostgreSQL cluster) from starting
    if [[ ! -e /usr/sbin/policy-rc.d ]]; then
        printf '#!/bin/sh\nexit 101\n' | as_root tee /usr/sbin/policy-rc.d >/dev/null
        as_root chmod 755 /usr/sbin/policy-rc.d
        guard=1
    fi
    local rc=0
    local install=(env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends -o Dpkg::Use-Pty=0)
    if ! as_root "${install[@]}" "$@" >"$LOGS/apt.log" 2>&1; then
        info "retrying after apt-get update"
        as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q >>"$LOGS/apt.log" 2>&1 &&
            as_root "${install[@]}" "$@" >>"$LOGS/apt.log" 2>&1 || rc=$?
    fi
    ((guard == 0)) || as_root rm -f /usr/sbin/policy-rc.d
    ((rc == 0)) || { tail -n 20 "$LOGS/apt.log" >&2; die "apt-get install $* failed (see $LOGS/apt.log)"; }
    ok "installed $*"
}

nginx_bin() { command -v nginx 2>/dev/null || { [[ -x /usr/sbin/nginx ]] && echo /usr/sbin/nginx; } || true; }

ensure_tools() {
    local missing=()
    command -v curl >/dev/null || missing+=(curl)
    command -v openssl >/dev/null || missing+=(openssl)
    command -v java >/dev/null || missing+=(openjdk-17-jdk-headless)
    { command -v psql && command -v pg_isready; } >/dev/null || missing+=(postgresql-client)
    [[ -n $(nginx_bin) ]] || missing+=(nginx)
    ((${#missing[@]} == 0)) || apt_install "${missing[@]}"
}

# ----------------------------------------------------------------------------------------------
# Keys and tokens
# ----------------------------------------------------------------------------------------------
# jwt_keys DIR and jwt_sign KEY SUB GROUPS_JSON [TTL] (openssl only), shared with the benchmark scripts
# shellcheck source=deploy/lib/jwt.sh
source "$ROOT/deploy/lib/jwt.sh"

# The dev key pair: the services verify user tokens with the public half and sign their service-to-service
# tokens with the private half; ./suite token signs with it too.
ensure_keys() {
    if [[ -s $KEYS/jwt-private.pem && -s $KEYS/jwt-public.pem ]]; then
        return 0
    fi
    mkdir -p "$KEYS"
    chmod 700 "$KEYS"
    jwt_keys "$KEYS"
    ok "generated a dev key pair in .suite/keys (never commit it)"
}

# Serialises up/down/restart of one checkout.
lock() {
    exec 9>"$STATE/.lock"
    flock -n 9 || die "another ./suite up/down/restart is running in $ROOT"
}
