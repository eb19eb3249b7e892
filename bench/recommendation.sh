#!/usr/bin/env bash
# Benchmarks of the recommendation service against real Kafka, PostgreSQL and Redis.
#   bench/recommendation.sh perf            throughput (user events/s end to end), serving latency cached/uncached,
#                                           click-to-changed-recommendations latency; then serving latency uncached
#                                           and cached on a demo-sized catalog (30 categories, 2,000 newsletters,
#                                           50,000 posts, as ./suite loads) right after loading it, with an
#                                           item-to-item model trained on its taste history
#   bench/recommendation.sh throughput      only the first part of perf, with the machine CPU one user event costs
#                                           (after a warm-up load of PERF_WARMUP, default 30,000, events of other users)
#   bench/recommendation.sh two-instances   two instances in one consumer group; one is stopped (SIGTERM), then
#                                           the other is killed (SIGKILL) while events flow: exactly once in effect?
#   bench/recommendation.sh quality         offline evaluation on simulated readers with item-level tastes
#                                           (RecommendationEvaluation): hit-rate, nDCG, recall@10, coverage, novelty
#                                           of the ranking before the item-to-item model (its weight 0) and with it,
#                                           against most-popular and category-only baselines from the same history
#   bench/recommendation.sh training-scale  the item-to-item training alone, in one JVM, on synthetic histories of
#                                           10,000 / 40,000 / 160,000 readers over 50,000 posts: time and memory
#   bench/recommendation.sh all             perf, two-instances and quality (default)
# Starts its own Kafka broker, database, Redis and service processes on ports outside the suite's, and stops /
# drops all of them on exit. Env: PERF_EVENTS (default 50000), BENCH_REDIS_PORT (default 19379).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
MODE=${1:-all}
WORK=$(mktemp -d /tmp/rec-bench.XXXXXX)
KAFKA_PORT=${KAFKA_PORT:-19392}
PORT_A=${PORT_A:-18182}
PORT_B=${PORT_B:-18183}
REDIS_PORT=${BENCH_REDIS_PORT:-19379}
REDIS_PID=""
PERF_EVENTS=${PERF_EVENTS:-50000}
DB=""
KAFKA_PID=""
declare -A INSTANCE_PIDS=()

log() { echo "[bench $(date +%H:%M:%S)] $*" >&2; }

cleanup() {
  set +e
  for name in "${!INSTANCE_PIDS[@]}"; do
    kill "${INSTANCE_PIDS[$name]}" 2>/dev/null && wait "${INSTANCE_PIDS[$name]}" 2>/dev/null
  done
  if [[ -n "$KAFKA_PID" ]]; then
    kill "$KAFKA_PID" 2>/dev/null
    for _ in $(seq 1 50); do kill -0 "$KAFKA_PID" 2>/dev/null || break; sleep 0.2; done
    kill -9 "$KAFKA_PID" 2>/dev/null
  fi
  [[ -n "$DB" ]] && psql -q -h 127.0.0.1 -U postgres -c "drop database if exists $DB with (force)" >/dev/null 2>&1
  [[ -n "$REDIS_PID" ]] && kill "$REDIS_PID" 2>/dev/null
  if [[ -n "${BENCH_KEEP_LOGS:-}" ]]; then mkdir -p "$BENCH_KEEP_LOGS" && cp "$WORK"/*.log "$BENCH_KEEP_LOGS"/ 2>/dev/null; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

build() {
  log "building recommendation-service (package, no tests) and the driver's classpath"
  (cd "$ROOT" && ./mvnw -q -B package -DskipTests -pl recommendation-service -am \
      dependency:build-classpath -Dmdep.outputFile="$WORK/cp.txt" -Dmdep.includeScope=test >/dev/null)
  CP="$ROOT/recommendation-service/target/test-classes:$ROOT/recommendation-service/target/classes:$(cat "$WORK/cp.txt")"
  openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$WORK/jwt-private.pem" 2>/dev/null
  openssl pkey -in "$WORK/jwt-private.pem" -pubout -out "$WORK/jwt-public.pem"
}

fresh_infra() {
  if [[ -n "$KAFKA_PID" ]]; then kill "$KAFKA_PID"; while kill -0 "$KAFKA_PID" 2>/dev/null; do sleep 0.2; done; fi
  rm -rf "$WORK/kafka"
  local lib="$ROOT/deploy/kafka/target/broker-lib"
  local cli=(java -cp "$lib/*:$ROOT/deploy/kafka/target/kafka-broker-1.0.0-SNAPSHOT.jar" app.inbo.kafka.KafkaBrokerCli)
  KAFKA_PID=$("${cli[@]}" start "$lib" "$WORK/kafka" "$KAFKA_PORT" 2>"$WORK/kafka-cli.log")
  "${cli[@]}" topics "127.0.0.1:$KAFKA_PORT" 2>>"$WORK/kafka-cli.log"
  [[ -n "$DB" ]] && psql -q -h 127.0.0.1 -U postgres -c "drop database if exists $DB with (force)" >/dev/null
  DB="inbo_rec_bench_$$_$RANDOM"
  psql -q -h 127.0.0.1 -U postgres -c "create database $DB" >/dev/null
  # a Redis of the run's own, empty each time (no persistence)
  if [[ -n "$REDIS_PID" ]]; then kill "$REDIS_PID"; while kill -0 "$REDIS_PID" 2>/dev/null; do sleep 0.1; done; fi
  redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no --dir "$WORK" \
    --logfile "$WORK/redis.log" >/dev/null &
  REDIS_PID=$!
  for _ in $(seq 1 100); do [[ $(redis-cli -p "$REDIS_PORT" ping 2>/dev/null) == PONG ]] && break; sleep 0.05; done
  log "kafka pid $KAFKA_PID on $KAFKA_PORT, database $DB, redis on $REDIS_PORT"
}

start_instance() { # name port
  local name=$1 port=$2
  # shellcheck disable=SC2086  # REC_BENCH_JAVA_OPTS: extra JVM options, e.g. a flight recording
  "$ROOT/deploy/bin/run-service" --postgres "127.0.0.1:5432/$DB" --redis "127.0.0.1:$REDIS_PORT/0" \
    --kafka "127.0.0.1:$KAFKA_PORT" --keys "$WORK" recommendation-service "$port" \
    -Xmx768m -XX:+UseParallelGC ${REC_BENCH_JAVA_OPTS:-} \
    -Dmp.messaging.incoming.user-activity.session.timeout.ms=6000 \
    -Dmp.messaging.incoming.user-activity.heartbeat.interval.ms=1000 \
    -Dmp.messaging.incoming.user-activity.client.id="$name" >>"$WORK/$name.log" 2>&1 &
  INSTANCE_PIDS[$name]=$!
  for _ in $(seq 1 150); do
    if curl -fs "http://127.0.0.1:$port/q/health/ready" >/dev/null 2>&1; then
      log "instance $name (pid ${INSTANCE_PIDS[$name]}) ready on $port"; return 0
    fi
    sleep 0.2
  done
  log "instance $name did not become ready"; tail -50 "$WORK/$name.log" >&2; return 1
}

stop_instance() { # name signal
  local name=$1 signal=$2
  kill "-$signal" "${INSTANCE_PIDS[$name]}" && wait "${INSTANCE_PIDS[$name]}" 2>/dev/null || true
  unset "INSTANCE_PIDS[$name]"
}

driver() { # urls args...
  local urls=$1; shift
  java -Xmx1g -cp "$CP" -Dbench.kafka="127.0.0.1:$KAFKA_PORT" -Dbench.jdbc="jdbc:postgresql://127.0.0.1:5432/$DB" \
    -Dbench.urls="$urls" -Dbench.key="$WORK/jwt-private.pem" -Dbench.kafka.pid="$KAFKA_PID" -Dbench.warmup="${PERF_WARMUP:-30000}" \
    -Dbench.service.pids="$(IFS=,; echo "${INSTANCE_PIDS[*]}")" \
    -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
    app.inbo.recommendation.bench.RecommendationBench "$@" 2> >(grep -v "^SLF4J\|INFO\|^\s*$" >&2)
}

metric() { # port name-regex
  curl -fs "http://127.0.0.1:$1/q/metrics" | grep -E "$2" | grep -v '^#' || true
}

perf() {
  fresh_infra
  # the model is retrained every 20 s (10 min in production), so that the demo-sized catalog is served with a model
  # of its taste history: the driver waits for that training before it measures
  REC_BENCH_JAVA_OPTS="${REC_BENCH_JAVA_OPTS:-} -Drecommendation.item-similarity.interval=20s" \
    start_instance a "$PORT_A"
  driver "http://127.0.0.1:$PORT_A" perf "$PERF_EVENTS"
  echo "server-side serve time (recommendation_serve_seconds, both catalogs):"
  metric "$PORT_A" '^recommendation_serve_seconds'
  echo "ingestion (feature writes per batch, batch sizes, cache failures):"
  metric "$PORT_A" '^recommendation_feature_write_(seconds|batch_size)_(count|sum|max)|^recommendation_cache_failures_total|^inbo_events_(applied|dead_lettered|transient)'
  echo "catalog statistics refreshes (vacuum + analyze of the projection while the demo-sized catalog loaded):"
  metric "$PORT_A" '^recommendation_catalog_statistics_(refresh_seconds_(count|sum|max)|failures_total)'
  stop_instance a TERM
}

throughput() {
  fresh_infra
  start_instance a "$PORT_A"
  driver "http://127.0.0.1:$PORT_A" throughput "$PERF_EVENTS"
  echo "ingestion (feature writes per batch, batch sizes; warm-up included):"
  metric "$PORT_A" '^recommendation_feature_write_(seconds|batch_size)_(count|sum|max)|^inbo_events_(applied|dead_lettered|transient)'
  stop_instance a TERM
}

two_instances() {
  fresh_infra
  local a="http://127.0.0.1:$PORT_A" b="http://127.0.0.1:$PORT_B" n=60000
  start_instance a "$PORT_A"
  start_instance b "$PORT_B"
  driver "$a,$b" two-instances catalog 0
  driver "$a,$b" two-instances group 0
  log "publishing $n interactions over ~12 s; instance b is stopped (SIGTERM) after ~3 s"
  driver "$a,$b" two-instances publish "$n" &
  local publisher=$!
  sleep 3
  stop_instance b TERM
  log "b stopped; waiting for a to take over its partitions"
  sleep 2
  driver "$a" two-instances group 0
  log "b restarts; then a is killed (SIGKILL) mid-stream: b must take over after the session timeout (6 s)"
  start_instance b "$PORT_B"
  sleep 1
  driver "$a,$b" two-instances group 0
  stop_instance a KILL
  wait "$publisher"
  driver "$b" two-instances verify "$n"
  driver "$b" two-instances group 0
  echo "duplicates skipped by the idempotency guard on b (redelivered after a's crash):"
  metric "$PORT_B" '^inbo_events_duplicates_total'
  stop_instance b TERM
}

quality() {
  local seed=${QUALITY_SEED:-42}
  fresh_infra
  # the model is trained every 5 s here, so a model of the loaded history exists soon after loading; the shipped
  # A/B experiment is left out, so that each run ranks every reader one way
  REC_BENCH_JAVA_OPTS="${REC_BENCH_JAVA_OPTS:-} -Drecommendation.item-similarity.interval=5s -Drecommendation.item-similarity.first-delay=1s -Drecommendation.experiments.seed-enabled=false -Drecommendation.ranking.similarity-weight=0" \
    start_instance a "$PORT_A"
  driver "http://127.0.0.1:$PORT_A" quality-load "$seed"
  driver "http://127.0.0.1:$PORT_A" quality-measure "$seed" "before (similarity weight 0)" true
  stop_instance a TERM
  # the same history and model; the cached lists of the first ranking are dropped (the run's own Redis)
  redis-cli -p "$REDIS_PORT" flushall >/dev/null
  REC_BENCH_JAVA_OPTS="${REC_BENCH_JAVA_OPTS:-} -Drecommendation.item-similarity.interval=5s -Drecommendation.item-similarity.first-delay=1s -Drecommendation.experiments.seed-enabled=false" \
    start_instance a "$PORT_A"
  driver "http://127.0.0.1:$PORT_A" quality-measure "$seed" "item-to-item model (default)" false
  stop_instance a TERM
}

build
case "$MODE" in
  perf) perf ;;
  throughput) throughput ;;
  two-instances) two_instances ;;
  quality) quality ;;
  training-scale) driver "" training-scale ;;
  all) perf; two_instances; quality ;;
  *) echo "usage: $0 [perf|throughput|two-instances|quality|training-scale|all]" >&2; exit 2 ;;
esac
