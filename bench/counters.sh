#!/usr/bin/env bash
# Popularity-counter reconciliation benchmark (experience service). Starts a private Kafka broker, a fresh database,
# the neighbour stub (bench/experience-stub.py, here also serving the item-feature counts) and the service; publishes
# a catalog of ITEMS newsletters, then stores interactions touching every item (views on all, clicks on a third,
# opens and dismisses on some) through the batch endpoint. Then, timed from the admin endpoint:
#   - one reconciliation with the three sources in agreement (steady state),
#   - one after FLUSHDB of the service's Redis database (every counter and trending bucket restored),
#   - one after corrupting 1 % of the counters (set too high or negative),
#   - one backup snapshot (first, every counter new) and one more (nothing changed).
# Target: the closing note of the counters issue quotes the time of one reconciliation for 50,000 items.
# Usage: bench/counters.sh [ITEMS=50000]
set -euo pipefail
source "$(dirname "$0")/lib.sh"

items=${1:-50000}
port=18185
kafka_port=19196
stub_port=18191
redis_db=7
db=inbo_bench_counters

bench_need hey
bench_build experience-service
bench_kafka "$kafka_port"
bench_database "$db"
redis_cli() { redis-cli -h "${BENCH_REDIS%:*}" -p "${BENCH_REDIS#*:}" -n "$redis_db" "$@"; }
psql_db() { psql -qtA -h "${BENCH_PG%:*}" -p "${BENCH_PG#*:}" -U postgres -d "$db" -c "$1"; }

echo "== seeding: $items catalog events"
java -cp "$BENCH_ROOT/deploy/kafka/target/broker-lib/*" "$BENCH_ROOT/bench/ExperienceSeed.java" \
    "127.0.0.1:$kafka_port" "$items" >"$BENCH_WORK/items.txt" 2>"$BENCH_WORK/seed.log"

# interactions touching every item, 500 per batch file, and what the item features would count for them
mkdir -p "$BENCH_WORK/batches"
python3 - "$BENCH_WORK/items.txt" "$BENCH_WORK/batches" "$BENCH_WORK/counts.json" <<'PY'
import json, random, sys
ids = [l.strip() for l in open(sys.argv[1]) if l.strip()]
random.seed(11)
kinds = ["view", "click", "open", "dismiss"]
counts, interactions = {}, []
for i, item in enumerate(ids):
    mine = ["view"] * random.randint(1, 3) + ["click"] * (i % 3 == 0) + ["open"] * (i % 7 == 0) + ["dismiss"] * (i % 50 == 0)
    c = counts.setdefault(item, [0, 0, 0, 0])
    for kind in mine:
        c[kinds.index(kind)] += 1
        interactions.append({"item_id": item, "interaction_type": kind, "section_type": "trending", "session_id": "bench"})
random.shuffle(interactions)
for n in range(0, len(interactions), 500):
    with open("%s/%05d.json" % (sys.argv[2], n // 500), "w") as f:
        json.dump({"interactions": interactions[n:n + 500]}, f)
json.dump(counts, open(sys.argv[3], "w"))
print("   %d interactions in %d batches" % (len(interactions), (len(interactions) + 499) // 500))
PY
python3 "$BENCH_ROOT/bench/experience-stub.py" "$stub_port" "$BENCH_WORK/items.txt" "$BENCH_WORK/counts.json" &
BENCH_PIDS+=("$!")

bench_service experience-service "$port" "$db" "$kafka_port" "$redis_db" \
    QUARKUS_REST_CLIENT_RECOMMENDATION_URL="http://127.0.0.1:$stub_port" \
    INBO_EXPERIENCE_COUNTERS_SNAPSHOT_INTERVAL=1h INBO_EXPERIENCE_COUNTERS_RECONCILE_INTERVAL=1h \
    INBO_EXPERIENCE_COUNTERS_FIRST_RECONCILE_DELAY=1h
base=http://127.0.0.1:$port
for _ in $(seq 1 1500); do
    [[ $(psql_db "select count(*) from catalog_item") -ge $items ]] && break
    sleep 0.2
done
echo "   projected: $(psql_db "select count(*) from catalog_item") items"

token=$(bench_token "$(cat /proc/sys/kernel/random/uuid)")
admin=$(bench_token "$(cat /proc/sys/kernel/random/uuid)" admin)
start=$(date +%s.%N)
find "$BENCH_WORK/batches" -name '*.json' | sort | xargs -P 4 -I{} curl -sf -o /dev/null -X POST \
    -H "Authorization: Bearer $token" -H 'Content-Type: application/json' --data-binary @{} \
    "$base/api/experience/interactions/batch"
printf '   stored %s interactions in %.1f s\n' "$(psql_db "select count(*) from interaction")" \
    "$(echo "$(date +%s.%N) - $start" | bc -l)"
sleep 2 # the Redis increments follow each commit

run() { # LABEL METHOD PATH -> prints the wall time and the report's figures
    local label=$1 out t0 t1
    t0=$(date +%s%N)
    out=$(curl -sf -X POST -H "Authorization: Bearer $admin" "$base$2")
    t1=$(date +%s%N)
    python3 - "$label" "$(( (t1 - t0) / 1000000 ))" "$out" <<'PY'
import json, sys
label, wall, r = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
if "counters_checked" in r:
    f = r["features"]
    print("   %-44s %6s ms  (%d items, %d counters, %d deltas folded; drift %d on %d items; restored %d, corrected %d, "
          "within threshold %d; features %s, lag %d, excess %d items; trending items restored %d)" % (label, wall,
          r["items_checked"], r["counters_checked"], r["folded_deltas"], r["total_drift"], r["drifting_items"],
          r["restored"], r["corrected"], r["within_threshold"], f["status"], f["lag"], f["excess_items"],
          r["trending_items_restored"]))
else:
    print("   %-44s %6s ms  (taken %d, unchanged %d, rejected %d, missing %d)" % (label, wall, r["taken"],
          r["unchanged"], r["rejected"], r["missing"]))
PY
}

echo "== reconciliation and backup of $items items (admin endpoint, wall time)"
run "reconcile (first: folds every delta)" /api/experience/admin/counters/reconciliations
run "reconcile (steady state, sources agree)" /api/experience/admin/counters/reconciliations
run "snapshot (first: every counter new)" /api/experience/admin/counters/snapshots
run "snapshot (nothing changed)" /api/experience/admin/counters/snapshots
redis_cli flushdb >/dev/null
run "reconcile after FLUSHDB (restore everything)" /api/experience/admin/counters/reconciliations
echo "   redis now: $(redis_cli dbsize) keys"
# corrupt 1 % of the click counters: half set far too high, half negative
python3 - "$BENCH_WORK/counts.json" <<'PY' | redis_cli >/dev/null
import json, sys
counts = json.load(open(sys.argv[1]))
clicked = [i for i, c in sorted(counts.items()) if c[1] > 0]
for n, item in enumerate(clicked[: max(1, len(counts) // 100)]):
    print("SET exp:item:%s:clicks %d" % (item, 100000 if n % 2 == 0 else -5))
PY
run "reconcile after corrupting 1 % of counters" /api/experience/admin/counters/reconciliations
run "reconcile (steady state again)" /api/experience/admin/counters/reconciliations
echo "== memory"
echo "   experience-service RSS: $(bench_rss_mb "$BENCH_PID_experience_service") MB"
