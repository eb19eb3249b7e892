#!/usr/bin/env bash
# Reading-service benchmark: loads the default demo catalog (30 categories, 2,000 newsletters, 50,000 posts)
# through the service's bulk path into a fresh database, then measures "continue reading" latency over
# thousands of calls next to a trivial endpoint of the same service, and the service's RSS.
# Targets (2 cores): load <= 60 s; continue-reading p99 <= 20 ms; RSS <= 300 MB.
# Usage: bench/reading.sh [REQUESTS=2000] [CONCURRENCY=4]
set -euo pipefail
source "$(dirname "$0")/lib.sh"

requests=${1:-2000}
concurrency=${2:-4}
port=18083
kafka_port=19093

bench_need hey
bench_build reading-service
bench_kafka "$kafka_port"
bench_database inbo_reading_bench
bench_service reading-service "$port" inbo_reading_bench "$kafka_port" 9
base=http://127.0.0.1:$port
admin=$(bench_token "$(cat /proc/sys/kernel/random/uuid)" admin)

echo "== demo catalog load (seed 42, 30 categories, 2,000 newsletters, 50,000 posts)"
started=$(date +%s%N)
report=$(curl -sf -X POST -H "Authorization: Bearer $admin" "$base/api/reading/admin/demo")
elapsed_ms=$(( ($(date +%s%N) - started) / 1000000 ))
echo "   $report"
printf '   load time: %.1f s (target <= 60 s)\n' "$(echo "$elapsed_ms / 1000" | bc -l)"

echo "== outbox drain: catalog events published to Kafka"
drain_start=$(date +%s%N)
while :; do
    pending=$(curl -s "$base/q/metrics" | awk '/^outbox_pending /{print $2}')
    [[ ${pending%.*} == 0 ]] && break
    sleep 0.5
done
published=$(curl -s "$base/q/metrics" | awk '/^outbox_published_total /{print $2}')
printf '   %s events published, all within %.1f s after the load returned\n' "${published%.*}" \
    "$(echo "($(date +%s%N) - $drain_start) / 1000000000" | bc -l)"

echo "== latency at concurrency $concurrency over $requests calls each"
user=00000000-0000-4000-8000-000000000001
token=$(bench_token "$user")
curl -sf -H "Authorization: Bearer $token" "$base/api/reading/continue?limit=10" >/dev/null
bench_latency "warm-up" 500 "$concurrency" "$token" "$base/api/reading/continue?limit=10" >/dev/null
trivial=$(bench_latency "trivial (/q/health/live)" "$requests" "$concurrency" "$token" "$base/q/health/live")
continue_line=$(bench_latency "continue reading (limit 10)" "$requests" "$concurrency" "$token" "$base/api/reading/continue?limit=10")
echo "   $trivial"
echo "   $continue_line"
printf '   continue-reading p99 / trivial p99 = %.2f\n' "$(echo "$(bench_p99 "$continue_line") / $(bench_p99 "$trivial")" | bc -l)"
echo "== memory"
echo "   reading-service RSS after load and benchmark: $(bench_rss_mb "$BENCH_PID_reading_service") MB (target <= 300 MB)"
