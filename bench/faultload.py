#!/usr/bin/env python3
"""Steady client load through the gateway for the fault suite (bench/faults.sh), and what it checks afterwards.

  faultload.py load   GATEWAY TOKENS_FILE ITEMS_FILE OUT_DIR STOP_FILE [--retry-every-write]
      Until STOP_FILE exists: interaction posts (each with its own Idempotency-Key, retried with the same key on a
      connection error or a 5xx, as a mobile client does), home pages and searches. Writes OUT_DIR/load.json: every
      status seen per kind, the ids each accepted post was answered with, and a per-second timeline.
  faultload.py verify OUT_DIR EXPERIENCE_DB RECOMMENDATION_DB REDIS_PORT PG_PORT
      Compares what the clients were told with what was stored: interactions (lost, duplicated), user events (lost,
      duplicated), the popularity counters in Redis against the stored record. Prints one JSON line.
  faultload.py recovery OUT_DIR FAULT_END_EPOCH
      Seconds from the end of the fault until every kind of request succeeds again for 3 seconds in a row.
"""
import http.client
import json
import os
import random
import subprocess
import sys
import threading
import time
import uuid
from collections import defaultdict

POSTERS, HOME_READERS, SEARCHERS = 4, 2, 1
POST_INTERVAL, HOME_INTERVAL, SEARCH_INTERVAL = 0.10, 0.25, 0.5
LEARNED = ["view", "click", "open", "dismiss"]
WORDS = ["technology", "music", "food", "science", "travel", "design", "money", "health", "sport", "news"]


class Recorder:
    def __init__(self):
        self.lock = threading.Lock()
        self.statuses = defaultdict(lambda: defaultdict(int))
        self.timeline = defaultdict(lambda: defaultdict(lambda: [0, 0]))  # second -> kind -> [ok, failed]
        self.accepted = []  # (user, key, [ids])
        self.unanswered = []  # (user, key): given up after the retries
        self.replay_mismatches = 0

    def saw(self, kind, status):
        second = int(time.time())
        with self.lock:
            self.statuses[kind][str(status)] += 1
            self.timeline[second][kind][0 if status != "error" and int(status) < 500 else 1] += 1


class Client:
    """One keep-alive connection to the gateway, reopened when it breaks.

    A connection the server closed while it was idle (nginx does so when it reloads) fails the next request before
    anything was answered; like every HTTP client library, that request is sent again once on a new connection.
    """

    def __init__(self, host, port, token):
        self.host, self.port, self.token, self.conn = host, port, token, None

    def call(self, method, path, body=None, headers=None):
        all_headers = {"Authorization": "Bearer " + self.token, "Content-Type": "application/json"}
        all_headers.update(headers or {})
        data = json.dumps(body) if body is not None else None
        for fresh in (False, True):
            reused = self.conn is not None
            try:
                if self.conn is None:
                    self.conn = http.client.HTTPConnection(self.host, self.port, timeout=15)
                self.conn.request(method, path, body=data, headers=all_headers)
                response = self.conn.getresponse()
                payload = response.read()
                return response.status, dict(response.getheaders()), payload
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                self.close()
                if not reused or fresh:
                    return "error", {}, b""
            except (OSError, http.client.HTTPException):
                self.close()
                return "error", {}, b""
        return "error", {}, b""

    def close(self):
        if self.conn is not None:
            self.conn.close()
        self.conn = None


def poster(client, user, items, recorder, stop, retry_every_write):
    while not os.path.exists(stop):
        key = str(uuid.uuid4())
        body = {"item_id": random.choice(items), "interaction_type": random.choice(LEARNED),
                "session_id": "faults-" + user[:8]}
        answer = post_with_retries(client, key, body, recorder)
        if answer is None:
            recorder.unanswered.append((user, key))
        else:
            with recorder.lock:
                recorder.accepted.append((user, key, answer))
            if retry_every_write:
                again = post_with_retries(client, key, body, recorder)
                if again != answer:
                    with recorder.lock:
                        recorder.replay_mismatches += 1
        time.sleep(POST_INTERVAL)


def post_with_retries(client, key, body, recorder):
    for attempt in range(8):
        status, _, payload = client.call("POST", "/api/experience/interactions", body, {"Idempotency-Key": key})
        recorder.saw("post", status)
        if status == 202:
            return json.loads(payload)["interaction_ids"]
        if status != "error" and int(status) < 500:
            return None  # refused: the client would not retry a 4xx
        time.sleep(min(2.0, 0.1 * 2 ** attempt))
    return None


def reader(client, path_of, kind, interval, recorder, stop):
    while not os.path.exists(stop):
        status, _, _ = client.call("GET", path_of())
        recorder.saw(kind, status)
        time.sleep(interval)


def load(gateway, tokens_file, items_file, out_dir, stop, retry_every_write):
    host, port = gateway.replace("http://", "").split(":")
    users = [line.split() for line in open(tokens_file) if line.strip()]
    items = [line.strip() for line in open(items_file) if line.strip()]
    recorder = Recorder()
    threads = []
    for i in range(POSTERS):
        user, token = users[i % len(users)]
        threads.append(threading.Thread(target=poster, args=(Client(host, int(port), token), user, items, recorder,
                                                               stop, retry_every_write)))
    for i in range(HOME_READERS):
        user, token = users[(POSTERS + i) % len(users)]
        threads.append(threading.Thread(target=reader, args=(Client(host, int(port), token),
                                                               lambda: "/api/experience/home?page=home", "home",
                                                               HOME_INTERVAL, recorder, stop)))
    for i in range(SEARCHERS):
        user, token = users[i % len(users)]
        threads.append(threading.Thread(target=reader, args=(Client(host, int(port), token),
                                                               lambda: "/api/search?q=" + random.choice(WORDS),
                                                               "search", SEARCH_INTERVAL, recorder, stop)))
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    with open(os.path.join(out_dir, "load.json"), "w") as out:
        json.dump({"users": [u for u, _ in users[:POSTERS]],
                   "statuses": recorder.statuses,
                   "accepted": recorder.accepted,
                   "unanswered": recorder.unanswered,
                   "replay_mismatches": recorder.replay_mismatches,
                   "timeline": {str(s): k for s, k in recorder.timeline.items()}}, out)


def psql(port, db, sql):
    out = subprocess.run(["psql", "-X", "-qtA", "-h", "127.0.0.1", "-p", str(port), "-U", "postgres", "-d", db,
                          "-c", sql], check=True, capture_output=True, text=True).stdout
    return [line.split("|") for line in out.splitlines() if line]


def verify(out_dir, experience_db, recommendation_db, redis_port, pg_port):
    run = json.load(open(os.path.join(out_dir, "load.json")))
    users = ",".join("'" + u + "'" for u in run["users"])
    accepted = {i for _, _, ids in run["accepted"] for i in ids}
    stored = [r[0] for r in psql(pg_port, experience_db,
                                 f"select id, interaction_type from interaction where user_id in ({users})")]
    keys = psql(pg_port, experience_db, "select response from idempotent_request where scope in ("
                + ",".join("'interactions:" + u + "'" for u in run["users"]) + ")")
    answered = {i for (response,) in keys if response for i in json.loads(response)}
    events = psql(pg_port, recommendation_db, "select metadata->>'interaction_id', count(*) from user_event "
                  f"where user_id in ({users}) group by 1")
    applied = {e[0]: int(e[1]) for e in events}
    # counters: every counter of the items these users touched, Redis against the stored record
    record = psql(pg_port, experience_db, """
        select k.item_id, k.counter, coalesce(c.value, 0) + coalesce(d.delta, 0)
        from (select distinct item_id, counter from item_count_delta union select item_id, counter from item_count) k
        left join item_count c using (item_id, counter)
        left join (select item_id, counter, sum(delta) as delta from item_count_delta group by 1, 2) d using (item_id, counter)
        where k.item_id in (select item_id from interaction where user_id in (""" + users + "))")
    keys_redis = ["exp:item:%s:%s" % (item, counter) for item, counter, _ in record]
    values = []
    for start in range(0, len(keys_redis), 500):
        chunk = keys_redis[start:start + 500]
        out = subprocess.run(["redis-cli", "-p", str(redis_port), "mget", *chunk], check=True, capture_output=True,
                             text=True).stdout.splitlines()
        values.extend(out)
    drift = sum(abs(int(v or 0) - int(c[2])) for v, c in zip(values, record))
    statuses = run["statuses"]
    result = {
        "posts_sent": sum(statuses.get("post", {}).values()),
        "requests_sent": sum(sum(k.values()) for k in statuses.values()),
        "accepted": len(run["accepted"]),
        "gateway_5xx": sum(n for k in statuses.values() for s, n in k.items() if s != "error" and int(s) >= 500),
        "gateway_5xx_by_kind": {kind: sum(n for s, n in k.items() if s != "error" and int(s) >= 500)
                                for kind, k in statuses.items()},
        "connection_errors": sum(k.get("error", 0) for k in statuses.values()),
        "unanswered": len(run["unanswered"]),
        "interactions_stored": len(stored),
        "lost": len(accepted - set(stored)),
        "duplicated": len(stored) - len(set(stored)) + len(set(stored) - answered),
        "user_events": sum(applied.values()),
        "events_lost": len(set(stored) - set(applied)),
        "events_duplicated": sum(n - 1 for n in applied.values()),
        "counter_drift": drift,
        "replay_mismatches": run["replay_mismatches"],
    }
    print(json.dumps(result))


def recovery(out_dir, fault_end):
    run = json.load(open(os.path.join(out_dir, "load.json")))
    seconds = sorted(int(s) for s in run["timeline"])
    clean = 0
    for s in seconds:
        if s < fault_end:
            continue
        failed = sum(k[1] for k in run["timeline"][str(s)].values())
        clean = clean + 1 if failed == 0 else 0
        if clean == 3:
            print(max(0, s - 2 - fault_end))
            return
    print(-1)


if __name__ == "__main__":
    command = sys.argv[1]
    if command == "load":
        load(*sys.argv[2:7], "--retry-every-write" in sys.argv[7:])
    elif command == "verify":
        verify(*sys.argv[2:7])
    elif command == "recovery":
        recovery(sys.argv[2], int(sys.argv[3]))
    else:
        sys.exit(__doc__)
