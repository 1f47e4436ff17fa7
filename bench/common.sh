# Shared by load.sh and soak.sh: build the release binary, start a server
# on loopback with a fresh data directory, import the banking example and
# create an editor key. Sourced, not run.

# The release binary, built if needed.
build_server() {
  cargo build --release --bin understudy >&2
  local target
  target="$(cargo metadata --format-version 1 --no-deps |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')"
  BIN="$target/release/understudy"
}

# A free TCP port on 127.0.0.1.
free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# Starts the server; sets DATA, PORT, BASE, SERVER_PID, KEY, FLOW.
start_server() {
  DATA="$(mktemp -d)"
  PORT="$(free_port)"
  BASE="http://127.0.0.1:$PORT/testing"
  export UNDERSTUDY_DATA_DIR="$DATA" UNDERSTUDY_LOG=warn

  "$BIN" flows import examples/flows/banking-support.json --project bench >/dev/null
  KEY="$("$BIN" keys create --project bench --role editor | tail -n 1)"
  FLOW="$(python3 -c 'import json; print(json.load(open("examples/flows/banking-support.json"))["flow"]["referenceId"])')"

  "$BIN" serve --bind "127.0.0.1:$PORT" >"$DATA/server.log" 2>&1 &
  SERVER_PID=$!
  trap stop_server EXIT
  for _ in $(seq 1 100); do
    curl -fs "$BASE/health" >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  echo "the server did not answer on $BASE" >&2
  cat "$DATA/server.log" >&2
  return 1
}

stop_server() {
  if [ -n "${SERVER_PID:-}" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID"
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  [ -n "${DATA:-}" ] && rm -rf "$DATA"
}

# A generate request body for `packages` packages of `criteria` criteria.
generate_body() {
  local packages="$1" criteria="$2"
  python3 - "$FLOW" "$packages" "$criteria" <<'PY'
import json, sys
flow, packages, criteria = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
print(json.dumps({
    "flowReferenceId": flow,
    "selectedMissionType": json.load(open("examples/mission-types/resolve-account-access.json")),
    "selectedPersonaType": json.load(open("examples/persona-types/impatient.json")),
    "numberOfSuccessCriteria": criteria,
    "requestedPackages": packages,
}))
PY
}

# A line of /proc/<pid>/status, in KiB.
status_kib() {
  awk -v key="$2:" '$1 == key { print $2 }' "/proc/$1/status"
}
