# The experience service's neighbour for bench/experience.sh: canned answers of the recommendation service's internal
# endpoint (recommendations and profile in one answer; for bench/counters.sh also the item-feature counts, from a
# JSON file {item_id: [views, clicks, opens, dismisses]}).
# A minimal HTTP/1.1 keep-alive server on asyncio with the answers encoded once: the stub shares the machine's two
# cores with the service it stands beside, so it should cost as little as it can (Python's http.server spent
# ~0.5 ms of CPU per call, a tenth of a home page).
# Usage: python3 experience-stub.py PORT ITEM_IDS_FILE [ITEM_COUNTS_FILE]
import asyncio, bisect, json, re, sys

ids = [line.strip() for line in open(sys.argv[2]) if line.strip()]
counts = json.load(open(sys.argv[3])) if len(sys.argv) > 3 else {}
counted = sorted(counts)
REC = re.compile(r"^/internal/recommendations/users/([0-9a-f-]{36})$")
RECOMMENDATIONS = json.dumps({"items": [{"id": i, "type": "newsletter", "title": "Rec", "categories": [], "score": 0.9,
                                         "reason": "category_affinity"} for i in ids[10:30]], "cached": True})
PROFILE_REST = json.dumps({"preferred_categories": [
    {"category_id": "00000000-000b-e9c4-0000-000000000003", "slug": "category-3", "weight": 2.0},
    {"category_id": "00000000-000b-e9c4-0000-000000000007", "slug": "category-7", "weight": 1.0}],
    "completed_items": ids[5:8], "dismissed_items": [], "updated_at": "2026-01-01T00:00:00Z"})[1:]


def answer(target):
    path, _, query = target.partition("?")
    if path == "/internal/recommendations/item-counts":
        params = dict(p.split("=", 1) for p in query.split("&") if "=" in p)
        after, limit = params.get("after", ""), int(params.get("limit", "5000"))
        start = bisect.bisect_right(counted, after)
        page = counted[start:start + limit]
        return 200, json.dumps({"items": [{"item_id": i, "views": counts[i][0], "clicks": counts[i][1],
                                           "opens": counts[i][2], "dismisses": counts[i][3]} for i in page],
                                "next_after": page[-1] if len(page) == limit else None}).encode()
    match = REC.match(path)
    if match:
        return 200, ('{"recommendations":' + RECOMMENDATIONS + ',"profile":{"user_id":"' + match.group(1) + '",'
                     + PROFILE_REST + '}').encode()
    return 404, b"{}"


async def serve(reader, writer):
    try:
        while True:
            head = await reader.readuntil(b"\r\n\r\n")
            target = head.split(b" ", 2)[1].decode()
            status, body = answer(target)
            writer.write(b"HTTP/1.1 %d %s\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s"
                         % (status, b"OK" if status == 200 else b"Not Found", len(body), body))
            await writer.drain()
    except (asyncio.IncompleteReadError, ConnectionError):
        pass
    finally:
        writer.close()


async def main():
    server = await asyncio.start_server(serve, "127.0.0.1", int(sys.argv[1]))
    async with server:
        await server.serve_forever()

asyncio.run(main())
