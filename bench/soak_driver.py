"""Drives the soak: a fixed-rate cycle of valid and invalid requests.

Every answer must have its expected status. After warm-up the server's
RSS and open file descriptors are read; at the end, after a pause, they
are read again: RSS may grow by at most --rss-growth-mib, descriptors
other than the store's (sockets, pipes, other files) may not grow at all,
and the store's SQLite files stay within what its pool may hold open
(--store-fds: 8 connections, each with the database, its WAL and shared
memory), since the pool opens connections as it needs them and keeps them.
"""

import argparse
import http.client
import json
import os
import sys
import time
from collections import Counter
from urllib.parse import urlsplit


def kinds(body: bytes, key: str) -> list[tuple[str, str, bytes, dict, int]]:
    """(name, method, body, headers, expected status) for each request kind."""
    valid = json.loads(body)
    missing = {k: v for k, v in valid.items() if k != "selectedPersonaType"}
    json_headers = {"Content-Type": "application/json", "X-API-Key": key}
    return [
        ("valid", "POST", body, json_headers, 200),
        ("malformed JSON", "POST", b'{"flowReferenceId": ', json_headers, 400),
        ("missing field", "POST", json.dumps(missing).encode(), json_headers, 400),
        ("bad key", "POST", body, {**json_headers, "X-API-Key": "not-a-key"}, 401),
        ("valid", "POST", body, json_headers, 200),
    ]


def send(connection, method, path, body, headers):
    connection.request(method, path, body=body, headers=headers)
    response = connection.getresponse()
    response.read()
    return response


def status_kib(pid: int, field: str) -> int:
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    raise KeyError(field)


def open_fds(pid: int) -> list[str]:
    """What each open descriptor points at (sockets and files by name)."""
    targets = []
    for fd in os.listdir(f"/proc/{pid}/fd"):
        try:
            targets.append(os.readlink(f"/proc/{pid}/fd/{fd}"))
        except OSError:
            pass
    return sorted(targets)


def kind(target: str) -> str:
    """A descriptor's target without its inode number: `socket`, a path."""
    return target.split(":[")[0]


def snapshot(pid: int) -> tuple[int, list[str]]:
    time.sleep(2)  # let closing connections finish closing
    return status_kib(pid, "VmRSS"), open_fds(pid)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", required=True)
    parser.add_argument("--key", required=True)
    parser.add_argument("--body", required=True)
    parser.add_argument("--pid", type=int, required=True)
    parser.add_argument("--seconds", type=float, default=600)
    parser.add_argument("--rate", type=float, default=20)
    parser.add_argument("--rss-growth-mib", type=float, default=20)
    parser.add_argument("--data-dir", required=True)
    parser.add_argument("--store-fds", type=int, default=24)
    args = parser.parse_args()

    url = urlsplit(args.base)
    path = f"{url.path}/personas/generate?projectId=bench"
    cycle = kinds(open(args.body, "rb").read(), args.key)
    warm_up = min(10.0, args.seconds / 5)

    seen = Counter()
    unexpected = Counter()
    start = time.monotonic()
    baseline = None
    sent = 0
    connection = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
    while (elapsed := time.monotonic() - start) < args.seconds:
        if baseline is None and elapsed >= warm_up:
            connection.close()
            baseline = snapshot(args.pid)
            connection = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
            start += 2  # the pause does not count toward the run

        name, method, body, headers, expected = cycle[sent % len(cycle)]
        try:
            response = send(connection, method, path, body, headers)
        except (http.client.HTTPException, ConnectionError):
            # The server may close a kept-alive connection; one fresh try.
            connection.close()
            response = send(connection, method, path, body, headers)
        seen[(name, response.status)] += 1
        if response.status != expected:
            unexpected[(name, response.status)] += 1
        sent += 1

        delay = start + sent / args.rate - time.monotonic()
        if delay > 0:
            time.sleep(delay)
    connection.close()
    rss_end, fds_end = snapshot(args.pid)
    if baseline is None:
        baseline = (rss_end, fds_end)

    run = time.monotonic() - start
    print(f"soak: {sent} requests in {run:.0f} s ({sent / run:.1f}/s), warm-up {warm_up:.0f} s")
    print()
    print("| request | status | count |")
    print("|---|---:|---:|")
    for (name, status), count in sorted(seen.items()):
        print(f"| {name} | {status} | {count} |")
    growth = (rss_end - baseline[0]) / 1024
    print()
    print(f"RSS after warm-up {baseline[0] / 1024:.1f} MiB, at the end {rss_end / 1024:.1f} MiB "
          f"(growth {growth:+.1f} MiB, bound {args.rss_growth_mib:.0f} MiB); "
          f"VmHWM {status_kib(args.pid, 'VmHWM') / 1024:.1f} MiB")
    data = os.path.realpath(args.data_dir)
    store = lambda targets: [t for t in targets if t.startswith(data)]
    other = lambda targets: [kind(t) for t in targets if not t.startswith(data)]
    print(f"open file descriptors after warm-up {len(baseline[1])} "
          f"({len(store(baseline[1]))} on the store), at the end {len(fds_end)} "
          f"({len(store(fds_end))} on the store, bound {args.store_fds})")

    failures = []
    if unexpected:
        failures.append(f"unexpected statuses: {dict(unexpected)}")
    if growth >= args.rss_growth_mib:
        failures.append(f"RSS grew {growth:.1f} MiB")
    grown = Counter(other(fds_end)) - Counter(other(baseline[1]))
    if grown:
        failures.append(f"descriptors other than the store's grew: {dict(grown)}")
    if len(store(fds_end)) > args.store_fds:
        failures.append(f"{len(store(fds_end))} descriptors on the store's files")
    for failure in failures:
        print(f"FAIL: {failure}", file=sys.stderr)
    if not failures:
        print("soak passed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
