# The experience service's neighbour for bench/experience.sh: canned answers of the recommendation service's internal
# endpoint (recommendations and profile in one answer; for bench/counters.sh also the item-feature counts, from a
# JSON file {item_id: [views, clicks, opens, dismisses]}).
# Usage: python3 experience-stub.py PORT ITEM_IDS_FILE [ITEM_COUNTS_FILE]
import bisect, json, random, re, sys
from http.server import ThreadingHTTPServer, BaseHTTPRequestHandler

ids = [line.strip() for line in open(sys.argv[2]) if line.strip()]
counts = json.load(open(sys.argv[3])) if len(sys.argv) > 3 else {}
counted = sorted(counts)
random.seed(7)
REC = re.compile(r"^/internal/recommendations/users/([0-9a-f-]{36})$")

class Stub(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # headers and body leave in two writes; with Nagle's algorithm the body waits for the client's delayed ACK
    # of the headers (~40 ms on Linux) on a kept-alive connection, which every neighbour call then paid
    disable_nagle_algorithm = True

    def log_message(self, *args):
        pass

    def do_GET(self):
        path, _, query = self.path.partition("?")
        if path == "/internal/recommendations/item-counts":
            params = dict(p.split("=", 1) for p in query.split("&") if "=" in p)
            after, limit = params.get("after", ""), int(params.get("limit", "5000"))
            start = bisect.bisect_right(counted, after)
            page = counted[start:start + limit]
            body = {"items": [{"item_id": i, "views": counts[i][0], "clicks": counts[i][1], "opens": counts[i][2],
                               "dismisses": counts[i][3]} for i in page],
                    "next_after": page[-1] if len(page) == limit else None}
        elif REC.match(path):
            user = REC.match(path).group(1)
            body = {"recommendations": {"items": [{"id": i, "type": "newsletter", "title": "Rec", "categories": [],
                                                   "score": 0.9, "reason": "category_affinity"} for i in ids[10:30]],
                                        "cached": True},
                    "profile": {"user_id": user, "preferred_categories": [
                        {"category_id": "00000000-000b-e9c4-0000-000000000003", "slug": "category-3", "weight": 2.0},
                        {"category_id": "00000000-000b-e9c4-0000-000000000007", "slug": "category-7", "weight": 1.0}],
                                "completed_items": ids[5:8], "dismissed_items": [], "updated_at": "2026-01-01T00:00:00Z"}}
        else:
            self.send_response(404); self.send_header("Content-Length", "0"); self.end_headers(); return
        data = json.dumps(body).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Stub).serve_forever()
