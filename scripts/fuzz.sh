#!/usr/bin/env bash
# Coverage-guided fuzzing (libFuzzer through cargo-fuzz) of flow import and
# discovery, generation for an imported flow, generate-request validation
# and parameter-schema synthesis.
#
#   scripts/fuzz.sh [seconds-per-target] [target...]
#
# Runs each target for the given time (default 60 s) from a corpus seeded
# from examples/ (kept in fuzz/corpus/, so later runs start where earlier
# ones stopped) and exits non-zero if any target crashed, hung or broke an
# invariant; the input that did it is kept in fuzz/artifacts/<target>/.
#
# Only the stable toolchain is needed: RUSTC_BOOTSTRAP=1 lets stable rustc
# take the `-Zsanitizer=address` flag cargo-fuzz passes, and the sanitizer
# runtimes ship with stable's rust-std. FUZZ_SANITIZER=none fuzzes without
# AddressSanitizer (faster; all of the fuzzed code is safe Rust).
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${1:-60}"
shift $(( $# > 0 ? 1 : 0 ))
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(import_and_discover generate_from_flow generate_request schema_synthesis)
fi

cargo_fuzz_version="0.13.2"
export RUSTUP_TOOLCHAIN="${RUSTUP_TOOLCHAIN:-stable}"
export RUSTC_BOOTSTRAP=1
sanitizer="${FUZZ_SANITIZER:-address}"

if ! cargo fuzz --version 2>/dev/null | grep -q "$cargo_fuzz_version"; then
  echo "== installing cargo-fuzz $cargo_fuzz_version"
  cargo install cargo-fuzz --version "$cargo_fuzz_version" --locked
fi

echo "== seeding corpora from examples/"
python3 fuzz/seeds/build.py examples fuzz/corpus

dicts="$(mktemp -d)"
trap 'rm -rf "$dicts"' EXIT

# Per target: its dictionaries, largest input in bytes, seconds one input may take.
settings() {
  case "$1" in
    import_and_discover) echo "json flow 262144 20" ;;
    generate_from_flow) echo "json flow 262144 30" ;;
    generate_request) echo "json request 16384 10" ;;
    schema_synthesis) echo "json schema 4096 20" ;;
    *) echo "unknown fuzz target: $1" >&2; exit 2 ;;
  esac
}

echo "== building the fuzz targets"
cargo fuzz build --sanitizer "$sanitizer" --debug-assertions

failed=()
for target in "${targets[@]}"; do
  read -r dict_a dict_b max_len timeout <<<"$(settings "$target")"
  cat "fuzz/dicts/$dict_a.dict" "fuzz/dicts/$dict_b.dict" >"$dicts/$target.dict"

  echo "== fuzzing $target for ${seconds}s (sanitizer: $sanitizer)"
  if ! cargo fuzz run --sanitizer "$sanitizer" --debug-assertions "$target" \
      "$(pwd)/fuzz/corpus/$target" -- \
      -max_total_time="$seconds" -max_len="$max_len" -timeout="$timeout" \
      -rss_limit_mb=4096 -dict="$dicts/$target.dict" -print_final_stats=1; then
    failed+=("$target")
  fi
done

if [ ${#failed[@]} -gt 0 ]; then
  echo "== fuzzing crashed, hung or broke an invariant in: ${failed[*]} (inputs in fuzz/artifacts/)"
  exit 1
fi
echo "== fuzzing found nothing in ${#targets[@]} targets, ${seconds}s each"
