#!/usr/bin/env python3
"""How far an API fuzz run reached: per documented operation, the statuses it answered.

    python3 .ci/api_fuzz_reach.py OPENAPI_JSON HAR_FILE... [--require-reach]

Reads the OpenAPI document and the HAR file(s) schemathesis wrote (`--report har`), sorts every
recorded request into its operation and prints a table: requests, statuses, and whether the
operation was *reached*: answered at least once with something other than a refusal at the
door — 404 (unknown id or link), 429 (rate limit), 401 (no token), 413/415/422 (a body or query
the extractor refused) — so the request got into the product: a success, or a decision such as
409 (not in this state), 412 (stale ETag) or 400 (unconfirmed delete). It also counts the
operations that answered anything but 404/429, and those that succeeded (2xx). With
--require-reach it fails (exit 1) when an operation was never reached, so a broken link in the
document, a limiter set too low or a preparation that stopped working fails the test command
instead of passing it quietly.
"""

import argparse
import collections
import json
import re
import sys
import urllib.parse

METHODS = ("get", "post", "put", "patch", "delete")
# Refusals at the door: the request never got to the service.
AT_THE_DOOR = {401, 404, 413, 415, 422, 429}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("openapi", help="the OpenAPI document (a file)")
    parser.add_argument("har", nargs="+", help="HAR files written by schemathesis --report har")
    parser.add_argument("--require-reach", action="store_true", help="fail unless every operation was reached")
    args = parser.parse_args()

    with open(args.openapi, encoding="utf-8") as file:
        document = json.load(file)
    operations = []  # (label, method, compiled path pattern)
    for path, item in document["paths"].items():
        pattern = re.compile("^" + re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(path)) + "$")
        for method in METHODS:
            if method in item:
                operations.append((f"{method.upper()} {path}", method.upper(), pattern))
    # A literal segment wins over a parameter (`/scans/{id}/report.csv` before `/{id}/report`...).
    operations.sort(key=lambda op: op[2].pattern.count("[^/]+"))

    statuses: dict[str, collections.Counter] = {label: collections.Counter() for label, _, _ in operations}
    unmatched = collections.Counter()
    for har in args.har:
        with open(har, encoding="utf-8") as file:
            entries = json.load(file)["log"]["entries"]
        for entry in entries:
            method = entry["request"]["method"].upper()
            path = urllib.parse.urlsplit(entry["request"]["url"]).path
            status = entry["response"]["status"]
            label = next((label for label, m, p in operations if m == method and p.match(path)), None)
            if label is None:
                unmatched[f"{method} {path}"] += 1
            else:
                statuses[label][status] += 1

    reached = other_than_404_429 = succeeded = 0
    width = max(len(label) for label in statuses)
    print(f"{'operation'.ljust(width)}  requests  reached  statuses")
    for label, _, _ in sorted(operations):
        counter = statuses[label]
        ok = any(status not in AT_THE_DOOR for status in counter)
        reached += ok
        other_than_404_429 += any(status not in (404, 429) for status in counter)
        succeeded += any(200 <= status < 300 for status in counter)
        listing = ", ".join(f"{status}×{n}" for status, n in sorted(counter.items()))
        print(f"{label.ljust(width)}  {sum(counter.values()):8}  {'yes' if ok else 'NO ':>7}  {listing}")
    total = sum(sum(c.values()) for c in statuses.values())
    print(f"{len(operations)} operations, {total} requests: {reached} reached the product, "
          f"{succeeded} succeeded (2xx), {other_than_404_429} answered something other than 404/429")
    if unmatched:
        print(f"requests to no documented operation: {sum(unmatched.values())} "
              f"(e.g. {next(iter(unmatched))})")
    if args.require_reach and reached < len(operations):
        sys.exit("api_fuzz_reach: some operations were never reached (see NO above)")


if __name__ == "__main__":
    main()
