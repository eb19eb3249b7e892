# Part of ./suite (sourced, not run): where the suite keeps its state and what it runs against, from the
# environment; then every other part. Sourced by ./suite and the benchmark scripts (ROOT must be set).

STATE="$ROOT/.suite"
KEYS="$STATE/keys"
LOGS="$STATE/logs"
PIDS="$STATE/pids"

PG_ADDR="${INBO_POSTGRES:-127.0.0.1:5432}"
PG_HOST="${PG_ADDR%:*}"
PG_PORT="${PG_ADDR##*:}"
PG_USER="${QUARKUS_DATASOURCE_USERNAME:-postgres}"
REDIS_ADDR="${INBO_REDIS:-127.0.0.1:6379}"
REDIS_HOST="${REDIS_ADDR%:*}"
REDIS_PORT="${REDIS_ADDR##*:}"
KAFKA_EXTERNAL="${KAFKA_BOOTSTRAP_SERVERS:-}"
KAFKA_PORT="${INBO_KAFKA_PORT:-9092}"
KAFKA_BOOTSTRAP="${KAFKA_EXTERNAL:-127.0.0.1:$KAFKA_PORT}"
KAFKA_LIB="$ROOT/deploy/kafka/target/broker-lib"
GATEWAY_PORT=8080
GATEWAY_INTERNAL_PORT=8090
READY_TIMEOUT="${SUITE_READY_TIMEOUT:-180}"

# what cmd_up did per component, for its summary; whether down stopped anything
declare -A OUTCOME=()
STOPPED=0

for part in common postgres redis build kafka services gateway monitoring demo; do
    # shellcheck source=/dev/null
    source "$ROOT/deploy/lib/$part.sh"
done
