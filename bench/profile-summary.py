#!/usr/bin/env python3
"""Summarises a CPU profile in collapsed-stack form (bench/lib.sh's BENCH_PROFILE): where the service's CPU went,
by thread and by concern, and the busiest frames.

Each sample is counted once, under the first concern (in the order below) that one of its frames names, so the
shares add up to 100 %: a sample inside a REST client's JSON reading counts as the client call.
Usage: bench/profile-summary.py FILE [TOP_FRAMES=25]
"""
import collections
import re
import sys

CONCERNS = [
    ("GC", r"GCTaskThread|VMThread|SerialHeap|GenCollect|DefNewGeneration|G1|ParallelScavenge"),
    ("JIT compiler", r"CompileBroker|C1Compiler|C2Compiler|Compilation::"),
    ("call to another service (REST client, its JSON reading)",
     r"resteasy/reactive/client|rest/client/reactive|Http1xClient|ClientSendRequest"),
    ("fault tolerance", r"io/smallrye/faulttolerance"),
    ("JSON writing (responses)", r"ServerSerialisers|MessageBodyWriter|jackson/databind/ser|JsonGenerator"),
    ("JSON reading (requests, events)", r"MessageBodyReader|jackson/databind/deser|JsonParser"),
    ("JDBC and pool", r"org/postgresql|io/agroal"),
    ("Hibernate and transactions", r"org/hibernate|narayana|arjuna"),
    ("Kafka clients", r"org/apache/kafka|smallrye/reactive/messaging"),
    ("Redis client", r"io/vertx/redis|quarkus/redis"),
    ("authentication (token checks)", r"smallrye/jwt|jose4j|HttpAuthenticator|JWTAuthMechanism"),
    ("metrics", r"micrometer"),
    ("application code", r"app/inbo/"),
    ("HTTP server (routing, RESTEasy)", r"resteasy/reactive/server|Http1xServer|vertx/ext/web"),
    ("network I/O and event loop (Netty, kernel)", r"io/netty|_\[k\]"),
]


def main():
    path = sys.argv[1]
    top = int(sys.argv[2]) if len(sys.argv) > 2 else 25
    stacks = []
    for line in open(path):
        frames, _, count = line.rstrip("\n").rpartition(" ")
        if frames:
            stacks.append((frames.split(";"), int(count)))
    total = sum(c for _, c in stacks)
    if not total:
        sys.exit(f"{path}: no samples")
    threads, concerns, leaves = collections.Counter(), collections.Counter(), collections.Counter()
    patterns = [(name, re.compile(pattern)) for name, pattern in CONCERNS]
    for frames, count in stacks:
        thread = frames[0] if frames[0].startswith("[") else "(no thread name)"
        threads[re.sub(r"\d+", "N", re.sub(r" tid=\d+", "", thread))] += count
        text = ";".join(frames)
        concern = next((name for name, p in patterns if p.search(text)), "other")
        concerns[concern] += count
        leaves[frames[-1]] += count

    def show(title, counter, limit):
        print(title)
        for name, count in counter.most_common(limit):
            print(f"  {100 * count / total:5.1f} %  {name}")

    print(f"{total} samples ({path})")
    show("by thread", threads, 8)
    show("by concern (first match in the order of CONCERNS)", concerns, len(CONCERNS) + 1)
    show(f"busiest frames (self time, top {top})", leaves, top)


if __name__ == "__main__":
    main()
