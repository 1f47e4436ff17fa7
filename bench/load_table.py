"""Reads two wrk --latency reports and prints the load test's table."""

import re
import sys


def parse(path: str) -> dict:
    text = open(path).read()
    found = re.search(r"Requests/sec:\s+([\d.]+)", text)
    if not found:
        sys.exit(f"wrk gave no requests/s:\n{text}")
    rps = float(found.group(1))
    latency = dict(re.findall(r"^\s+(50|99)%\s+(\S+)", text, re.M))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    socket = re.search(r"Socket errors: (.*)", text)
    return {
        "rps": rps,
        "p50": latency.get("50", "?"),
        "p99": latency.get("99", "?"),
        "non2xx": int(errors.group(1)) if errors else 0,
        "socket": socket.group(1) if socket else "none",
        "requests": int(re.search(r"(\d+) requests in", text).group(1)),
    }


def main() -> None:
    gen_path, health_path, before, peak, hwm, duration, threads, conns = sys.argv[1:]
    gen, health = parse(gen_path), parse(health_path)
    print(f"wrk: {duration} s, {threads} threads and {conns} connections per route, both at once")
    print()
    print("| route | requests | requests/s | p50 | p99 | non-2xx |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, r in (("POST /testing/personas/generate (5 packages, 3 criteria)", gen),
                    ("GET /testing/health", health)):
        print(f"| {name} | {r['requests']} | {r['rps']:.0f} | {r['p50']} | {r['p99']} | {r['non2xx']} |")
    print()
    ratio = gen["rps"] / health["rps"] if health["rps"] else float("nan")
    print(f"generate / health throughput: {ratio:.2f} (target >= 0.33)")
    print(f"server RSS: {int(before) / 1024:.1f} MiB before, peak sampled {int(peak) / 1024:.1f} MiB, "
          f"VmHWM {int(hwm) / 1024:.1f} MiB")
    failed = gen["non2xx"] or health["non2xx"]
    if failed:
        print("FAIL: non-2xx answers", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
