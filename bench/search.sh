#!/usr/bin/env bash
# Search-service benchmark: publishes the demo catalog (12 categories, 2,000 newsletters, 50,000 posts, seed 42)
# as catalog events to a private broker, starts the service on a fresh database, and measures
#   - indexing throughput from the topic (documents/s, from the first indexed document to the last);
#   - query latency p50/p99 over a fixed mix of 1,200 distinct queries (words, pairs, typos, exact names,
#     category/type filters, page sizes, suggest) at concurrency C: once uncached (every query is new), once
#     again from the Redis cache; next to a trivial endpoint (/q/health/live) measured the same way, same run.
# Targets (2 cores): >= 2,000 documents/s; query p99 <= 20 ms.
# Usage: bench/search.sh [CONCURRENCY=4]   (BENCH_BY_KIND=1: also p50/p99 per kind of query, uncached and cached)
#   SEARCH_BENCH_KEEP=DIR keeps the indexed database inbo_search_bench and writes the query mix to DIR/queries.txt,
#   for EXPLAIN (ANALYZE) on the bench data afterwards (drop it yourself when done).
#   BENCH_JFR=FILE records a flight recording of the service during the uncached run.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

concurrency=${1:-4}
port=18094
kafka_port=19194
redis_db=8
lib=$BENCH_ROOT/deploy/kafka/target/broker-lib
# shellcheck disable=SC2086  # a list of options
bench_java() { java $BENCH_CLIENT_JAVA_OPTS -cp "$lib/*" "$BENCH_ROOT/bench/SearchBench.java" "$@"; }

bench_build search-service
bench_kafka "$kafka_port"
bench_database inbo_search_bench
if [[ -n ${SEARCH_BENCH_KEEP:-} ]]; then
    BENCH_DBS=()
fi

echo "== demo catalog published to the catalog topic (before the service starts)"
bench_java feed "127.0.0.1:$kafka_port" "$BENCH_WORK/queries.txt"
if [[ -n ${SEARCH_BENCH_KEEP:-} ]]; then
    mkdir -p "$SEARCH_BENCH_KEEP" && cp "$BENCH_WORK/queries.txt" "$SEARCH_BENCH_KEEP/queries.txt"
fi

echo "== indexing from the topic"
# a long cache TTL, so that the second pass measures cache hits even when the first pass takes over 30 s
bench_service search-service "$port" inbo_search_bench "$kafka_port" "$redis_db" INBO_SEARCH_CACHE_TTL=10m
base=http://127.0.0.1:$port
bench_java indexed "$base" 52000
psql -qAt -h "${BENCH_PG%:*}" -p "${BENCH_PG#*:}" -U postgres -d inbo_search_bench -c \
    "select '   documents: ' || count(*) filter (where not deleted) || ', lexicon words: ' || (select count(*) from search_term) || ', failures: ' || (select count(*) from index_failure) from search_document"

token=$(bench_token "$(cat /proc/sys/kernel/random/uuid)")
# warm-up (JIT, connection pools): rounds of 600 other queries (each round its own, so none is a cache hit) and the
# trivial endpoint; the measured runs come after the JIT compiler has settled (BENCH_WARMUP_ROUNDS, default 8)
for round in $(seq 1 "${BENCH_WARMUP_ROUNDS:-8}"); do
    awk -v r="$round" 'NR <= 600 { sub(/q=/, "q=warm" r "+"); print }' "$BENCH_WORK/queries.txt" >"$BENCH_WORK/warm.txt"
    BENCH_BY_KIND='' bench_java queries "$base" "$token" "$BENCH_WORK/warm.txt" "$concurrency" >/dev/null
done
awk 'BEGIN { for (i = 0; i < 1200; i++) print "/q/health/live" }' >"$BENCH_WORK/trivial.txt"

report() { # LABEL "count p50 p99 max rps"
    read -r n p50 p99 max rps <<<"$2"
    printf '   %-34s %5d requests  %6s req/s   p50 %7s ms   p99 %7s ms   max %7s ms\n' "$1" "$n" "$rps" "$p50" "$p99" "$max"
}
echo "== latency at concurrency $concurrency"
# each measured run first warms its own client JVM (JIT, connections) with requests that are not measured
awk 'NR <= 400 { sub(/q=/, "q=warmer+"); print }' "$BENCH_WORK/queries.txt" >"$BENCH_WORK/warm-client.txt"
by_kind=${BENCH_BY_KIND:+uncached}
trivial=$(BENCH_BY_KIND='' bench_java queries "$base" "$token" "$BENCH_WORK/trivial.txt" "$concurrency" "$BENCH_WORK/trivial.txt")
server_time() { # total seconds and count of searches answered from the index, as the service measured them
    curl -sf "$base/q/metrics" | awk '/^search_query_seconds_(sum|count)\{.*endpoint="search"/ { v[$1 ~ /_sum/ ? "s" : "n"] = $2 }
        END { printf "%s %s\n", v["s"] + 0, v["n"] + 0 }'
}
postgres_pids=$(pgrep -x postgres | tr '\n' ' ')
read -r time_before count_before <<<"$(server_time)"
# shellcheck disable=SC2086
cpu_before=("$(bench_cpu_ms "$BENCH_PID_search_service")" "$(bench_cpu_ms $postgres_pids)")
[[ -n ${BENCH_JFR:-} ]] && jcmd "$BENCH_PID_search_service" JFR.start name=search settings=profile >/dev/null
steal_before=$(bench_steal_ticks)
uncached=$(BENCH_BY_KIND=$by_kind bench_java queries "$base" "$token" "$BENCH_WORK/queries.txt" "$concurrency" "$BENCH_WORK/warm-client.txt")
# shellcheck disable=SC2086
cpu_after=("$(bench_cpu_ms "$BENCH_PID_search_service")" "$(bench_cpu_ms $postgres_pids)")
read -r time_after count_after <<<"$(server_time)"
steal=$(bench_steal_percent "$steal_before" "$(bench_steal_ticks)")
[[ -n ${BENCH_JFR:-} ]] && jcmd "$BENCH_PID_search_service" JFR.dump name=search filename="$BENCH_JFR" >/dev/null
cached=$(BENCH_BY_KIND=${by_kind:+cached} bench_java queries "$base" "$token" "$BENCH_WORK/queries.txt" "$concurrency" "$BENCH_WORK/warm-client.txt")
report "trivial (/q/health/live)" "$trivial"
report "search mix, uncached (all new)" "$uncached"
report "search mix, again (Redis cache)" "$cached"
read -r _ t50 t99 _ _ <<<"$trivial"
read -r _ u50 u99 _ _ <<<"$uncached"
read -r _ c50 c99 _ _ <<<"$cached"
printf '   uncached p99 / trivial p99 = %.2f   cached p99 / trivial p99 = %.2f   (target: search p99 <= 20 ms)\n' \
    "$(echo "$u99 / $t99" | bc -l)" "$(echo "$c99 / $t99" | bc -l)"
searched=$(echo "$count_after - $count_before" | bc)
if ((searched > 0)); then
    # the mix's searches (suggest excluded) and the requests of the client's own warm-up, which are uncached too
    printf '   uncached, inside the service: %d index searches, mean %.2f ms (query, correction, result page; no HTTP, no cache)\n' \
        "$searched" "$(echo "($time_after - $time_before) * 1000 / $searched" | bc -l)"
    requests=$(($(wc -l <"$BENCH_WORK/queries.txt") + $(wc -l <"$BENCH_WORK/warm-client.txt")))
    printf '   CPU per uncached request (incl. the client warm-up): service %.2f ms, PostgreSQL %.2f ms\n' \
        "$(echo "(${cpu_after[0]} - ${cpu_before[0]}) / $requests" | bc -l)" \
        "$(echo "(${cpu_after[1]} - ${cpu_before[1]}) / $requests" | bc -l)"
fi
echo "   CPU time taken by the hypervisor (steal) during the uncached run: $steal % (a noisy neighbour when high)"
echo "== memory"
echo "   search-service RSS after indexing and queries: $(bench_rss_mb "$BENCH_PID_search_service") MB"
