#!/usr/bin/env bash
# Property-based API testing with Schemathesis against the OpenAPI document
# the server itself serves (/testing/openapi/openapi-viewer.json).
#
#   scripts/schemathesis.sh [max-examples-per-operation] [max-seconds]
#
# Builds the release binary (or takes UNDERSTUDY_BIN), imports the banking
# and retail examples into a throwaway data directory, creates an admin key,
# serves on a free loopback port, checks the served document with
# openapi-spec-validator and runs Schemathesis with every response
# check that applies; none is dropped. Exits non-zero on any failure or if
# the server panicked; failures are printed with a curl line to replay
# them, and a JUnit report is left in target/schemathesis/. Extra options
# for `schemathesis run` may be given in SCHEMATHESIS_ARGS.
set -euo pipefail
cd "$(dirname "$0")/.."

max_examples="${1:-50}"
max_seconds="${2:-300}"
schemathesis_version="4.32.5"
validator_version="0.9.0"
venv=".venv-schemathesis"
project="fuzz"

# The newest Python 3.12+ on the machine, else python3. On CPython 3.11.7
# the coverage phase can die inside Hypothesis with "SystemError: AST
# constructor recursion depth mismatch" (an interpreter bug in ast.parse
# under a deep stack), which is no finding about the API.
python_for_venv() {
  local candidate version
  for candidate in python3.13 python3.12; do
    if "$candidate" -c '' 2>/dev/null; then
      echo "$candidate"
      return
    fi
  done
  if command -v pyenv >/dev/null 2>&1; then
    for version in $(pyenv versions --bare | grep -E '^3\.1[2-9]\.' | sort -V -r); do
      echo "$(pyenv prefix "$version")/bin/python3"
      return
    done
  fi
  echo python3
}

if ! "$venv/bin/schemathesis" --version 2>/dev/null | grep -q "$schemathesis_version"; then
  python="$(python_for_venv)"
  echo "== installing schemathesis $schemathesis_version into $venv ($("$python" --version))"
  rm -rf "$venv"
  "$python" -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check "schemathesis==$schemathesis_version"
fi
if ! "$venv/bin/openapi-spec-validator" --help >/dev/null 2>&1; then
  "$venv/bin/pip" install --quiet --disable-pip-version-check \
    "openapi-spec-validator==$validator_version"
fi

# UNDERSTUDY_BIN names a binary already built, to test it without a build.
understudy="${UNDERSTUDY_BIN:-}"
if [ -z "$understudy" ]; then
  echo "== building the release binary"
  cargo build --release --locked --bin understudy
  understudy="$(pwd)/target/release/understudy"
fi

data="$(mktemp -d)"
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$data"
}
trap cleanup EXIT

export UNDERSTUDY_DATA_DIR="$data/store"
"$understudy" flows import examples/flows/banking-support.json --project "$project" >/dev/null
"$understudy" flows import examples/flows/retail-orders.json --project "$project" >/dev/null
key="$("$understudy" keys create --project "$project" --role admin | tail -n 1)"

# A free loopback port: bind port 0, read what the kernel chose, release it.
port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
base="http://127.0.0.1:$port/testing"

echo "== serving on $base (log: $data/server.log)"
UNDERSTUDY_LOG=warn "$understudy" serve --bind "127.0.0.1:$port" >"$data/server.log" 2>&1 &
server_pid=$!

for _ in $(seq 1 100); do
  if python3 -c "import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=1)" \
      "$base/health" 2>/dev/null; then
    break
  fi
  if ! kill -0 "$server_pid" 2>/dev/null; then
    echo "the server exited before it was healthy:" >&2
    cat "$data/server.log" >&2
    exit 1
  fi
  sleep 0.2
done

# The document as served must be valid OpenAPI before it is fuzzed.
echo "== validating the served OpenAPI document"
python3 -c "import sys, urllib.request; sys.stdout.write(urllib.request.urlopen(sys.argv[1]).read().decode())" \
  "$base/openapi/openapi-viewer.json" >"$data/openapi.json"
"$venv/bin/openapi-spec-validator" "$data/openapi.json"

# Every check that applies to this API:
# - not_a_server_error, status_code_conformance, content_type_conformance,
#   response_schema_conformance, response_headers_conformance: what every
#   answer must honour;
# - negative_data_rejection: a request that breaks the schema is refused
#   with a 4xx.
checks="not_a_server_error,status_code_conformance,content_type_conformance"
checks="$checks,response_schema_conformance,response_headers_conformance,negative_data_rejection"

# Pin the project to the one the key may use (a random one only meets the
# 403 of authorisation), and steer most generated flows and jobs to ones
# that exist, so requests get past lookup into the code behind them; the
# rest stay random, to test the refusals. Deletes aim at the retail flow,
# so the banking flow the other operations use stays.
config="$data/schemathesis.toml"
cat >"$config" <<TOML
[dictionaries.flows]
values = ["9e62b308-00a1-51eb-9851-513bfcc019ff", "c41bd0435346023f359453e1"]

[dictionaries.deletable]
values = ["1b0d60da-a1dc-5fa8-a618-44f3ed7921a7", "48352818395b4c19bc0fc2bf"]

[dictionaries.jobs]
values = ["58aaa410-2963-51a2-b338-16c8c5c8d138", "7869979acb8788ba2b9a879f"]

[parameters]
"path.projectId" = "$project"
"query.projectId" = "$project"
"body.flowReferenceId" = { dictionary = "flows", probability = 0.8 }
"body.jobNodeId" = { dictionary = "jobs", probability = 0.5 }
"path.reference" = { dictionary = "flows", probability = 0.7 }

[[operations]]
include-method = "DELETE"
parameters = { "path.reference" = { dictionary = "deletable", probability = 0.7 } }
TOML

report="target/schemathesis"
mkdir -p "$report"
status=0
"$venv/bin/schemathesis" --config-file "$config" run "$base/openapi/openapi-viewer.json" \
  --header "X-API-Key: $key" \
  --checks "$checks" \
  --max-examples "$max_examples" \
  --max-time "$max_seconds" \
  --seed 20250601 \
  --request-timeout 30 \
  --workers 2 \
  --no-color \
  --report junit --report-junit-path "$report/junit.xml" \
  ${SCHEMATHESIS_ARGS:-} \
  || status=$?

if grep -q 'panicked' "$data/server.log"; then
  echo "== the server panicked:" >&2
  grep -A 5 'panicked' "$data/server.log" >&2
  status=1
fi
exit "$status"
