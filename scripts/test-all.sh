#!/usr/bin/env bash
# The whole samad test suite, runnable on a fresh machine: it installs every outside tool
# the suite compares against, then runs formatting, lints, all tests (outside-reference ones
# included, which fail here if their tool is missing), a short run of every fuzz target and
# a smoke run of the benches. `.ci/run` calls exactly this.
#
# Environment: FUZZ_SECONDS (per fuzz target, default 15).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
export SAMAD_FULL=1
export CARGO_TERM_COLOR=never
started=$SECONDS
step() { printf '\n=== %s (%ss)\n' "$*" "$((SECONDS - started))"; }

step "system packages (scripts/apt-packages.txt)"
wanted=$(sed -e 's/#.*//' scripts/apt-packages.txt | tr -s ' \n' '\n' | sed '/^$/d')
missing=()
for pkg in $wanted; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
done
# node and npm may come from another vendor's package (nodesource ships npm inside nodejs).
if command -v npm >/dev/null; then
  missing=("${missing[@]/npm}")
fi
missing=($(printf '%s\n' "${missing[@]}" | sed '/^$/d'))
if ((${#missing[@]})); then
  echo "installing: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

step "reference tools: Python venv (scripts/reference/requirements.txt)"
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/pip install -q --disable-pip-version-check -r scripts/reference/requirements.txt
export SAMAD_PYTHON="$root/.venv/bin/python"

step "reference tools: npm packages (scripts/reference/package-lock.json)"
npm ci --prefix scripts/reference --no-audit --no-fund --loglevel=error

step "cargo-fuzz"
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked --quiet

step "cbindgen (pinned; tests/ffi_c.rs checks ffi/include/samad.h for drift)"
cbindgen_version=$(sed -n 's/^CBINDGEN_VERSION=//p' ffi/run-c-tests.sh)
if [ "$(cbindgen --version 2>/dev/null)" != "cbindgen $cbindgen_version" ]; then
  cargo install cbindgen --version "$cbindgen_version" --locked --quiet
fi

step "rustfmt"
cargo fmt --all -- --check
(cd fuzz && cargo fmt -- --check)

step "clippy"
cargo clippy --workspace --all-targets --all-features --locked -- -D warnings

step "tests (unit, integration, doc, outside references)"
# With SAMAD_FULL=1 a test whose outside tool is missing fails instead of skipping.
cargo test --workspace --all-features --locked --no-fail-fast

step "benches compile and run once"
cargo test --workspace --all-features --locked --benches --quiet

step "fuzz targets (${FUZZ_SECONDS:-15}s each)"
export RUSTC_BOOTSTRAP=1
build_log=$(mktemp)
# On failure, the compiler's own errors (not only cargo-fuzz's closing backtrace) and the
# disk and memory left, since a full disk is the usual cause on a shared machine.
if ! (cd fuzz && cargo fuzz build >"$build_log" 2>&1); then
  grep -E -B2 -A12 '^(error|warning: .*failed)|No space|Killed|SIGKILL' "$build_log" | head -n 120
  tail -n 30 "$build_log"
  df -h . /tmp; free -m
  echo "cargo fuzz build failed"
  exit 1
fi
tail -n 1 "$build_log"
rm -f "$build_log"
failed=()
for target in $(cd fuzz && cargo fuzz list); do
  scratch=$(mktemp -d)
  log=$(mktemp)
  # New inputs go to the scratch dir; the committed seed corpus is read only. A crash is
  # reported with the fuzzer's own account of it (and the input, base64) and the run goes
  # on to the other targets; the step fails at the end.
  if (cd fuzz && cargo fuzz run "$target" "$scratch" "corpus/$target" -- \
      -max_total_time="${FUZZ_SECONDS:-15}" -print_final_stats=0 >"$log" 2>&1); then
    printf '%-24s ok   %s\n' "$target" "$(grep -o 'cov: [0-9]*' "$log" | tail -n 1)"
  else
    failed+=("$target")
    printf '%-24s FAILED; the fuzzer said:\n' "$target"
    grep -v -E '^#[0-9]+[[:space:]]+(NEW|REDUCE|pulse|INITED|RELOAD)|NEW_FUNC' "$log" | tail -n 60
  fi
  rm -rf "$scratch" "$log"
done
if ((${#failed[@]})); then
  echo "fuzz targets that failed: ${failed[*]} (inputs under fuzz/artifacts/)"
  exit 1
fi

step "all checks passed"
