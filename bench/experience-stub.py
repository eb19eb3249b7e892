# The experience service's neighbours for bench/experience.sh: canned answers for the reading service's
# continue-reading and the recommendation service's internal endpoints. Usage: python3 experience-stub.py PORT ITEM_IDS_FILE
import json, random, re, sys
from http.server import ThreadingHTTPServer, BaseHTTPRequestHandler

ids = [line.strip() for line in open(sys.argv[2]) if line.strip()]
random.seed(7)
REC = re.compile(r"^/internal/recommendations/users/([0-9a-f-]{36})(/profile)?$")

class Stub(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def do_GET(self):
        path = self.path.split("?")[0]
        if path == "/api/reading/continue":
            body = {"items": [{"id": i, "type": "newsletter", "title": "Started " + i[-4:], "description": None,
                               "url": "https://inbo.app/n/" + i, "progress": 40, "last_read_at": "2026-01-01T00:00:00Z",
                               "newsletter_name": None} for i in ids[:5]]}
        elif REC.match(path):
            user, profile = REC.match(path).groups()
            if profile:
                body = {"user_id": user, "preferred_categories": [
                    {"category_id": "00000000-000b-e9c4-0000-000000000003", "slug": "category-3", "weight": 2.0},
                    {"category_id": "00000000-000b-e9c4-0000-000000000007", "slug": "category-7", "weight": 1.0}],
                        "completed_items": ids[5:8], "dismissed_items": [], "updated_at": "2026-01-01T00:00:00Z"}
            else:
                body = {"items": [{"id": i, "type": "newsletter", "title": "Rec", "categories": [], "score": 0.9,
                                   "reason": "category_affinity"} for i in ids[10:30]], "cached": True}
        else:
            self.send_response(404); self.send_header("Content-Length", "0"); self.end_headers(); return
        data = json.dumps(body).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Stub).serve_forever()
