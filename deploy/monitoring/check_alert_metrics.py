#!/usr/bin/env python3
"""Every metric an alert or recording rule reads is exported by a running service.

Usage: check_alert_metrics.py RULES_FILE METRICS_URL...
Reads the rule expressions of RULES_FILE, scrapes every METRICS_URL (the services' /q/metrics) and fails, naming
them, when an expression reads a metric that no service exports (a renamed metric would leave its alert silent
for good). `up` is Prometheus' own; names with a colon are the file's recording rules.
"""
import re
import sys
import urllib.request

PROMQL = {"rate", "irate", "increase", "delta", "deriv", "sum", "max", "min", "avg", "count", "by", "without", "and",
          "or", "unless", "on", "ignoring", "group_left", "group_right", "time", "abs", "clamp_min", "clamp_max",
          "histogram_quantile", "max_over_time", "min_over_time", "avg_over_time", "offset", "bool", "up"}


def expressions(path):
    lines = open(path).read().splitlines()
    exprs, i = [], 0
    while i < len(lines):
        match = re.match(r"^(\s*)expr:\s*(.*)$", lines[i])
        if match:
            indent, rest = len(match.group(1)), match.group(2)
            if rest in (">-", ">", "|", "|-"):
                block = []
                i += 1
                while i < len(lines) and (not lines[i].strip() or len(lines[i]) - len(lines[i].lstrip()) > indent):
                    block.append(lines[i].strip())
                    i += 1
                exprs.append(" ".join(block))
                continue
            exprs.append(rest)
        i += 1
    return exprs


def metrics_read(expr):
    expr = re.sub(r"\{[^}]*\}", "", expr)              # label matchers
    expr = re.sub(r"\[[^\]]*\]", "", expr)             # range selectors
    expr = re.sub(r"\b(by|without|on|ignoring)\s*\([^)]*\)", "", expr)
    expr = re.sub(r'"[^"]*"', "", expr)
    names = set(re.findall(r"[a-zA-Z_][a-zA-Z0-9_:]*", expr))
    return {n for n in names if n not in PROMQL and ":" not in n and not re.fullmatch(r"e\d*", n)}


def exported(url):
    with urllib.request.urlopen(url, timeout=10) as response:
        text = response.read().decode()
    return {re.split(r"[{ ]", line, 1)[0] for line in text.splitlines() if line and not line.startswith("#")}


def main(rules, urls):
    wanted = set()
    for expr in expressions(rules):
        wanted |= metrics_read(expr)
    have = set()
    for url in urls:
        have |= exported(url)
    missing = sorted(wanted - have)
    print(f"{len(wanted)} metrics read by the rules, {len(have)} exported by {len(urls)} services")
    if missing:
        print("not exported by any service: " + ", ".join(missing))
        sys.exit(1)


if __name__ == "__main__":
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2:])
