#!/usr/bin/env python3
"""The feedback loop, shown against the running suite through the gateway.

Usage: feedback_loop.py GATEWAY_URL USER_ID USER_TOKEN
Prints the user's recommendations, renders their home screen, clicks a few items of one category there,
then polls the recommendations until they change and prints what changed and how long it took.
"""
import json
import sys
import time
import urllib.request
from collections import Counter

gateway, user_id, token = sys.argv[1], sys.argv[2], sys.argv[3]


def call(method, path, body=None):
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(gateway + path, data=data, method=method, headers={
        "Authorization": "Bearer " + token, "Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read() or b"null")


def recommendations():
    return call("GET", "/api/recommendations/me?limit=10")


def show(title, recs):
    print(f"\n{title} (cached: {str(recs['cached']).lower()})")
    for rank, item in enumerate(recs["items"], 1):
        categories = ", ".join(item.get("categories") or [])
        print(f"  {rank:2}. {item['title'][:48]:48}  [{categories}]  {item['reason']}  {item['score']:.3f}")


def categories_of(recs):
    """How many of the recommended items are in each category (an item counts for each of its categories)."""
    return Counter(c for item in recs["items"] for c in (item.get("categories") or []))


before = recommendations()
show(f"Recommendations for demo user {user_id}", before)

page = call("GET", "/api/experience/home?page=home&session_id=suite-demo")
shown = []
for section in page["sections"]:
    for position, item in enumerate(section["items"]):
        categories = (item.get("metadata") or {}).get("categories") or []
        slugs = [c["slug"] if isinstance(c, dict) else c for c in categories]
        if slugs:
            shown.append((item, section["type"], position, slugs))
print(f"\nHome screen {page['render_id']}: " + ", ".join(
    f"{s['type']} ({len(s['items'])})" for s in page["sections"]) +
    ("; degraded: " + ", ".join(d["section"] + " " + d["reason"] for d in page["degraded"]) if page["degraded"] else ""))

on_page = Counter(slug for _, _, _, slugs in shown for slug in slugs)
recommended = categories_of(before)
candidates = [slug for slug, count in on_page.items() if count >= 3] or list(on_page)
if not candidates:
    sys.exit("the home screen shows no items with categories: is the demo catalog loaded?")
target = min(candidates, key=lambda slug: (recommended.get(slug, 0), -on_page[slug]))
clicks = [{"render_id": page["render_id"], "item_id": item["id"], "section_type": section, "position": position,
           "interaction_type": "click", "dwell_time_ms": 4000, "session_id": "suite-demo"}
          for item, section, position, slugs in shown if target in slugs][:3]
print(f"\nClicking {len(clicks)} items of category '{target}' "
      f"(it had {recommended.get(target, 0)} of the top 10):")
for click in clicks:
    title = next(item["title"] for item, _, _, _ in shown if item["id"] == click["item_id"])
    print(f"  click {title[:60]} ({click['section_type']} #{click['position']})")

started = time.monotonic()
call("POST", "/api/experience/interactions/batch", {"interactions": clicks})
after = recommendations()
while [i["id"] for i in after["items"]] == [i["id"] for i in before["items"]] and time.monotonic() - started < 10:
    time.sleep(0.02)
    after = recommendations()
elapsed_ms = (time.monotonic() - started) * 1000
show(f"Recommendations {elapsed_ms:.0f} ms after the clicks", after)

gained = categories_of(after)
print(f"\nWhat changed: '{target}' went from {recommended.get(target, 0)} to {gained.get(target, 0)} of the top 10; "
      f"{len(set(i['id'] for i in after['items']) - set(i['id'] for i in before['items']))} new items; "
      f"click → changed recommendations in {elapsed_ms:.0f} ms.")
