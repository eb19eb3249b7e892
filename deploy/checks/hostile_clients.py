#!/usr/bin/env python3
"""Hostile clients against the running suite, through the gateway: every endpoint of every service, as listed by
the services' own OpenAPI documents (so a new endpoint is covered the day it exists).

  hostile_clients.py bad-input GATEWAY KEY_PEM
      For every operation: malformed JSON, a field named twice, wrong types, NUL and control characters, 1 MB
      strings, overflowing numbers, bad UUIDs, unknown enum values, oversized arrays, wrong content types, unknown
      fields, hostile path and query values (NUL, malformed escapes, traversal, 20 KB). Asserts: no 5xx; every 4xx
      is application/problem+json with its status and a correlation id.
  hostile_clients.py security GATEWAY KEY_PEM
      For every operation: no token, an expired token, a token of another issuer, one signed with a foreign key,
      one with alg "none", a tampered signature: 401 problem+json. Admin operations with a user's token: 403.
      Another user's data: a user cannot read another's features nor record on another's render.

Exits 1 with the failing requests listed when an assertion fails. KEY_PEM: the private key the suite's services
trust (.suite/keys/jwt-private.pem).
"""
import base64
import http.client
import json
import subprocess
import sys
import tempfile
import time
import uuid
from urllib.parse import quote

APIS = ["experience", "recommendations", "reading", "search"]
# operations that change the catalog wholesale: exercised with hostile input, never with a valid baseline body
HEAVY = {("post", "/api/reading/admin/demo"), ("post", "/api/reading/admin/bulk"),
         ("post", "/api/search/admin/index/rebuild")}
ADMIN_PREFIXES = ("/api/experience/admin/", "/api/reading/admin/", "/api/search/admin/", "/api/recommendations/users/",
                  "/api/recommendations/items/", "/api/recommendations/admin/")
ADMIN_WRITES = ("/api/reading/categories", "/api/reading/newsletters", "/api/reading/posts")
MEGABYTE = "x" * (1024 * 1024)


def b64(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def sign(key_pem, claims, alg="RS256", header_extra=None):
    header = {"alg": alg, "typ": "JWT", **(header_extra or {})}
    signing_input = b64(json.dumps(header).encode()) + "." + b64(json.dumps(claims).encode())
    if alg == "none":
        return signing_input + "."
    signature = subprocess.run(["openssl", "dgst", "-sha256", "-sign", key_pem], input=signing_input.encode(),
                               capture_output=True, check=True).stdout
    return signing_input + "." + b64(signature)


def claims(sub, groups, ttl=3600, issuer="https://auth.inbo.app"):
    now = int(time.time())
    return {"iss": issuer, "sub": sub, "upn": sub, "groups": groups, "iat": now, "exp": now + ttl,
            "jti": str(uuid.uuid4())}


class Gateway:
    def __init__(self, url):
        host, port = url.replace("http://", "").split(":")
        self.host, self.port = host, int(port)

    def call(self, method, target, body=None, headers=None):
        conn = http.client.HTTPConnection(self.host, self.port, timeout=60)
        try:
            conn.putrequest(method, target, skip_accept_encoding=True)
            data = body.encode() if isinstance(body, str) else body
            for name, value in (headers or {}).items():
                conn.putheader(name, value)
            if data is not None:
                conn.putheader("Content-Length", str(len(data)))
            conn.endheaders(data)
            response = conn.getresponse()
            return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
        finally:
            conn.close()


def operations(gateway, token):
    ops = []
    for api in APIS:
        status, _, body = gateway.call("GET", f"/api/{api}/openapi?format=json", headers={"Accept": "application/json"})
        if status != 200:
            sys.exit(f"/api/{api}/openapi answered {status}")
        doc = json.loads(body)
        for path, methods in doc["paths"].items():
            if not path.startswith("/api/"):
                continue
            for method, op in methods.items():
                if method in ("get", "post", "put", "delete", "patch"):
                    ops.append((method, path, op, doc))
    return ops


def resolve(schema, doc):
    while schema and "$ref" in schema:
        name = schema["$ref"].split("/")[-1]
        schema = doc["components"]["schemas"][name]
    return schema or {}


def example(schema, doc, depth=0):
    """A plausible value for a schema (the baseline the mutations start from)."""
    schema = resolve(schema, doc)
    kind = schema.get("type")
    if "enum" in schema:
        return schema["enum"][0]
    if kind == "object" or "properties" in schema:
        return {name: example(sub, doc, depth + 1) for name, sub in (schema.get("properties") or {}).items()
                if depth < 4}
    if kind == "array":
        return [example(schema.get("items", {}), doc, depth + 1)]
    if kind == "integer":
        return 1
    if kind == "number":
        return 1.5
    if kind == "boolean":
        return True
    if schema.get("format") == "uuid":
        return str(uuid.uuid4())
    if schema.get("format") == "date-time":
        return "2026-01-01T00:00:00Z"
    if schema.get("pattern") == "[a-z][a-z0-9_]*" or "slug" in str(schema.get("pattern", "")):
        return "x" + uuid.uuid4().hex[:6]
    return "text"


def fields(schema, doc, prefix=""):
    """(path, schema) of every field of a body schema, nested ones too, for the per-field mutations."""
    schema = resolve(schema, doc)
    out = []
    for name, sub in (schema.get("properties") or {}).items():
        sub_resolved = resolve(sub, doc)
        out.append((prefix + name, sub_resolved))
        if sub_resolved.get("type") == "array":
            item = resolve(sub_resolved.get("items", {}), doc)
            if "properties" in item:
                out.extend(fields(item, doc, prefix + name + "[0]."))
    return out


def set_field(body, path, value):
    body = json.loads(json.dumps(body))
    target = body
    parts = path.replace("[0]", ".0").split(".")
    for part in parts[:-1]:
        target = target[int(part)] if part.isdigit() else target.setdefault(part, {})
    last = parts[-1]
    if isinstance(target, list):
        target[int(last)] = value
    else:
        target[last] = value
    return body


def path_with(path, params, value_of):
    for param in params:
        path = path.replace("{" + param["name"] + "}", value_of(param))
    return path


def bad_input(gateway_url, key_pem):
    gateway = Gateway(gateway_url)
    admin = sign(key_pem, claims(str(uuid.uuid4()), ["user", "admin"]))
    failures, sent = [], 0
    kinds = {}

    def check(what, method, target, body=None, content_type="application/json", extra=None):
        nonlocal sent
        kinds[what.split()[0]] = kinds.get(what.split()[0], 0) + 1
        headers = {"Authorization": "Bearer " + admin, "Content-Type": content_type, **(extra or {})}
        try:
            status, response_headers, payload = gateway.call(method.upper(), target, body, headers)
        except (OSError, http.client.HTTPException) as e:
            failures.append(f"{what}: {method.upper()} {target[:120]}: connection failed ({e})")
            return
        sent += 1
        problem = None
        if status >= 400:
            try:
                problem = json.loads(payload)
            except ValueError:
                pass
        if status >= 500:
            failures.append(f"{what}: {method.upper()} {target[:120]} answered {status}: {payload[:200]!r}")
        elif status >= 400 and (not response_headers.get("content-type", "").startswith("application/problem+json")
                                or not isinstance(problem, dict) or problem.get("status") != status
                                or not problem.get("correlation_id")):
            failures.append(f"{what}: {method.upper()} {target[:120]} answered {status} "
                            f"{response_headers.get('content-type')}: {payload[:200]!r}")

    hostile_path_values = {"bad uuid": "not-a-uuid", "NUL": "%00", "control": "%01", "malformed escape": "%ZZ",
                           "lone percent": "%", "traversal": "..%2F..%2Fq%2Fhealth", "raw braces": "{id}",
                           "20 KB": "a" * 20000, "unicode": quote("ünï©ødé"), "empty-ish": "%20"}
    hostile_query_values = {"NUL": "%00", "control": "%1F", "malformed escape": "%ZZ", "overflow": "99999999999999999999",
                            "negative": "-1", "not a number": "abc", "20 KB": "a" * 20000, "bad uuid": "nope",
                            "unknown enum": "no_such_value", "empty": ""}
    for method, path, op, doc in operations(gateway, admin):
        params = op.get("parameters", [])
        path_params = [p for p in params if p.get("in") == "path"]
        query_params = [p for p in params if p.get("in") == "query"]

        def fill(param):
            schema = resolve(param.get("schema", {}), doc)
            if "enum" in schema:
                return schema["enum"][0]
            return "post" if param["name"] == "item_type" else str(uuid.uuid4())

        base = path_with(path, path_params, fill)
        body_schema = None
        content = (op.get("requestBody") or {}).get("content", {})
        if content:
            body_schema = next(iter(content.values())).get("schema")
        body = example(body_schema, doc) if body_schema else None
        body_text = json.dumps(body) if body is not None else None
        heavy = (method, path) in HEAVY

        for param in path_params:
            for name, value in hostile_path_values.items():
                check(f"path {param['name']} {name}", method,
                      path_with(path, path_params, lambda p: value if p is param else fill(p)),
                      None if heavy else body_text)
        for param in query_params:
            for name, value in hostile_query_values.items():
                check(f"query {param['name']} {name}", method, f"{base}?{param['name']}={value}",
                      None if heavy else body_text)
        check("unknown query parameter with NUL", method, base + "?zzz=%00", None if heavy else body_text)
        if body_schema is None:
            continue
        for name, raw in {"malformed JSON": "{", "truncated": body_text[:-1], "empty body": "", "null": "null",
                          "array instead of object": "[]", "string instead of object": '"x"',
                          "deep nesting": "[" * 5000 + "]" * 5000}.items():
            check(f"body {name}", method, base, raw)
        if isinstance(body, dict) and body:
            first = next(iter(body))
            check("body field named twice", method, base,
                  body_text[:-1] + ", " + json.dumps(first) + ": " + json.dumps(body[first]) + "}")
            check("body unknown field", method, base, json.dumps({**body, "zzz_unknown": 1}))
        for content_type in ("text/plain", "application/xml", "application/x-www-form-urlencoded", "application/json; charset=latin1"):
            check(f"content type {content_type}", method, base, body_text, content_type)
        for field, schema in fields(body_schema, doc):
            kind = schema.get("type")
            mutations = {"null": None, "object instead": {"a": 1}, "array instead": [1, 2]}
            if kind == "string" or kind is None:
                mutations.update({"NUL": "a\u0000b", "control characters": "a\u0001\u001f\u007fb", "1 MB": MEGABYTE,
                                  "number instead": 12345, "empty": "", "bad uuid": "not-a-uuid",
                                  "unknown enum": "no_such_value", "lone surrogate escape": "\ud800",
                                  "bad date": "2026-13-45T99:99:99Z"})
            if kind in ("integer", "number"):
                mutations.update({"overflow": 10 ** 30, "huge float": 1e308, "negative": -1, "fraction": 1.5,
                                  "string instead": "abc", "min long": -(2 ** 63)})
            if kind == "array":
                mutations.update({"10,001 elements": [example(schema.get("items", {}), doc)] * 10001, "empty": []})
            if kind == "boolean":
                mutations.update({"string instead": "yes"})
            for name, value in mutations.items():
                check(f"field {field} {name}", method, base,
                      json.dumps(set_field(body, field, value)))
    print("sent by kind: " + ", ".join(f"{kind} {n}" for kind, n in sorted(kinds.items())))
    report("bad input", sent, failures)


def security(gateway_url, key_pem):
    gateway = Gateway(gateway_url)
    user_id, other_id = str(uuid.uuid4()), str(uuid.uuid4())
    user = sign(key_pem, claims(user_id, ["user"]))
    with tempfile.NamedTemporaryFile(suffix=".pem") as foreign_key:
        subprocess.run(["openssl", "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out",
                        foreign_key.name], check=True, capture_output=True)
        foreign = sign(foreign_key.name, claims(user_id, ["user", "admin"]))
    expired = sign(key_pem, claims(user_id, ["user", "admin"], ttl=-60))
    other_issuer = sign(key_pem, claims(user_id, ["user", "admin"], issuer="https://evil.example"))
    none = sign(key_pem, claims(user_id, ["user", "admin"]), alg="none")
    valid = sign(key_pem, claims(user_id, ["user", "admin"]))
    tampered = valid[:-6] + ("AAAAAA" if not valid.endswith("AAAAAA") else "BBBBBB")
    escalated = valid.split(".")[0] + "." + b64(json.dumps(claims(user_id, ["user", "admin", "service"])).encode()) \
        + "." + valid.split(".")[2]
    failures, sent = [], 0

    def expect(what, expected, method, target, token, body=None):
        nonlocal sent
        headers = {"Content-Type": "application/json"}
        if token is not None:
            headers["Authorization"] = "Bearer " + token
        status, response_headers, payload = gateway.call(method.upper(), target, body, headers)
        sent += 1
        if status != expected or not response_headers.get("content-type", "").startswith("application/problem+json"):
            failures.append(f"{what}: {method.upper()} {target} answered {status} "
                            f"{response_headers.get('content-type')} (expected {expected} problem+json): {payload[:160]!r}")

    for method, path, op, doc in operations(gateway, valid):
        target = path
        for param in op.get("parameters", []):
            if param.get("in") == "path":
                target = target.replace("{" + param["name"] + "}", "post" if param["name"] == "item_type" else str(uuid.uuid4()))
        body = "{}" if op.get("requestBody") else None
        for what, token in {"no token": None, "expired": expired, "another issuer": other_issuer,
                            "foreign key": foreign, "alg none": none, "tampered signature": tampered,
                            "groups changed after signing": escalated, "garbage": "not.a.jwt"}.items():
            expect(what, 401, method, target, token, body)
        admin_only = target.startswith(ADMIN_PREFIXES) or (method != "get" and target.startswith(ADMIN_WRITES))
        if admin_only:
            expect("admin operation, user token", 403, method, target, user, body)
    # another user's data: features are an admin's view; a render belongs to the user it was shown to
    expect("another user's features", 403, "get", f"/api/recommendations/users/{other_id}/features", user)
    other = sign(key_pem, claims(other_id, ["user"]))
    status, _, page = gateway.call("GET", "/api/experience/home?page=home", None, {"Authorization": "Bearer " + other})
    if status == 200:
        page = json.loads(page)
        items = [i for s in page["sections"] for i in s["items"]]
        if items:
            expect("interaction on another user's render", 403, "post", "/api/experience/interactions", user,
                   json.dumps({"render_id": page["render_id"], "item_id": items[0]["id"], "interaction_type": "click"}))
    else:
        failures.append(f"home page of a user answered {status}")
    report("security", sent, failures)


def report(suite, sent, failures):
    print(f"{suite}: {sent} requests, {len(failures)} failed")
    for failure in failures[:200]:
        print("  FAIL " + failure)
    if failures:
        sys.exit(1)


if __name__ == "__main__":
    if len(sys.argv) != 4 or sys.argv[1] not in ("bad-input", "security"):
        sys.exit(__doc__)
    {"bad-input": bad_input, "security": security}[sys.argv[1]](sys.argv[2], sys.argv[3])
