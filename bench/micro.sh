#!/usr/bin/env bash
# Micro-benchmarks: discovery per tool node, and plan, offline write and
# check per package, each with its ratio to the cost at 10. A ratio near
# 1 means the cost per item is flat as the count grows.
#
#   bench/micro.sh             # about 2 minutes after the build
#   MEASURE=5 bench/micro.sh   # longer measurement per point, in seconds
set -euo pipefail
cd "$(dirname "$0")/.."

measure="${MEASURE:-2}"
cargo bench -p understudy-persona --bench discovery --bench packages -- \
  --warm-up-time 1 --measurement-time "$measure" --sample-size 10 --noplot >&2

target="$(cargo metadata --format-version 1 --no-deps |
  python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')"
python3 bench/micro_table.py "$target/criterion"
