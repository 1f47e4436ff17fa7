#!/usr/bin/env bash
# Soak: a steady mix of valid and invalid requests at a fixed rate for a
# while, then checks that every answer had the expected status, that the
# server's memory stopped growing after warm-up and that no file
# descriptor leaked. Exits non-zero on any failure.
#
#   bench/soak.sh          # 600 s
#   bench/soak.sh 45       # the short run CI does
#   RATE=40 bench/soak.sh  # requests per second (default 20)
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/common.sh

seconds="${1:-600}"
rate="${RATE:-20}"

build_server
start_server

work="$(mktemp -d)"
generate_body 5 3 >"$work/body.json"
status=0
python3 bench/soak_driver.py --base "$BASE" --key "$KEY" --body "$work/body.json" \
  --pid "$SERVER_PID" --data-dir "$DATA" --seconds "$seconds" --rate "$rate" || status=$?
rm -rf "$work"
exit "$status"
