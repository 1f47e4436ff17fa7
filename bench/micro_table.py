"""Prints criterion's mean estimates as cost per item and ratio to N=10."""

import json
import sys
from pathlib import Path

GROUPS = [
    ("discover", "tool node", [10, 100, 1000]),
    ("plan", "package", [1, 10, 100, 1000]),
    ("write", "package", [1, 10, 100, 1000]),
    ("check", "package", [1, 10, 100, 1000]),
]


def mean_ns(root: Path, group: str, count: int) -> float | None:
    path = root / group / str(count) / "new" / "estimates.json"
    if not path.exists():
        return None
    return json.loads(path.read_text())["mean"]["point_estimate"]


def human(ns: float) -> str:
    for unit, size in (("s", 1e9), ("ms", 1e6), ("µs", 1e3)):
        if ns >= size:
            return f"{ns / size:.2f} {unit}"
    return f"{ns:.0f} ns"


def main() -> None:
    root = Path(sys.argv[1])
    print(f"| step | N | total | per item | ratio to N=10 |")
    print(f"|---|---:|---:|---:|---:|")
    for group, item, counts in GROUPS:
        base = mean_ns(root, group, 10)
        for count in counts:
            total = mean_ns(root, group, count)
            if total is None:
                continue
            per = total / count
            ratio = per / (base / 10) if base else float("nan")
            print(f"| {group} (per {item}) | {count} | {human(total)} | {human(per)} | {ratio:.2f} |")


if __name__ == "__main__":
    main()
