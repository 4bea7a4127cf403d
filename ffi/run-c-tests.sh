#!/usr/bin/env bash
# The C API's outside checks (BRIEF §4, issue 9): run by tests/ffi_c.rs, which writes the
# fixtures (a signed diploma, a tampered one, garbage, status lists, a detached signature)
# into FIXTURE_DIR first.
#
#   ffi/run-c-tests.sh FIXTURE_DIR
#
# 1. header drift: include/samad.h regenerated with the pinned cbindgen equals the committed one;
# 2. the C test (examples/c/test_samad.c) and the example (examples/c/verify.c) built against
#    the shared and against the static library with -fsanitize=address,undefined, and run;
# 3. the same two builds without sanitizers run under valgrind --leak-check=full
#    --error-exitcode=1 (no errors, no leaks);
# 4. the Python ctypes example (examples/python/verify.py) against the shared library.
#
# Needs: cc (gcc), valgrind, python3, and cbindgen $CBINDGEN_VERSION
# (`cargo install cbindgen --version $CBINDGEN_VERSION --locked`). Under SAMAD_FULL=1 a
# missing tool fails; otherwise the step is skipped with the reason.
set -euo pipefail
CBINDGEN_VERSION=0.29.4

fixtures=${1:?usage: ffi/run-c-tests.sh FIXTURE_DIR}
fixtures=$(cd "$fixtures" && pwd)
cd "$(dirname "$0")/.."
root=$PWD
target=${CARGO_TARGET_DIR:-$root/target}
case $target in /*) ;; *) target=$root/$target ;; esac
lib=$target/debug
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

missing() {
  if [ "${SAMAD_FULL:-}" = 1 ]; then
    echo "FAIL: $1 is missing in the full suite; $2" >&2
    exit 1
  fi
  echo "SKIPPED: $1 not found ($2)"
}

step() { printf '\n--- %s\n' "$*"; }

step "header drift (cbindgen $CBINDGEN_VERSION)"
if command -v cbindgen >/dev/null && [ "$(cbindgen --version)" = "cbindgen $CBINDGEN_VERSION" ]; then
  (cd ffi && cbindgen --quiet --config cbindgen.toml --crate samad-ffi --output "$work/samad.h" .)
  if ! diff -u ffi/include/samad.h "$work/samad.h"; then
    echo "FAIL: ffi/include/samad.h is not what cbindgen makes from ffi/src; regenerate it:" >&2
    echo "  (cd ffi && cbindgen --config cbindgen.toml --crate samad-ffi --output include/samad.h .)" >&2
    exit 1
  fi
  echo "ffi/include/samad.h matches ffi/src"
else
  missing "cbindgen $CBINDGEN_VERSION" "cargo install cbindgen --version $CBINDGEN_VERSION --locked"
fi

step "libraries (cargo build -p samad-ffi)"
cargo build --quiet --all-features -p samad-ffi
ls "$lib/libsamad_ffi.so" "$lib/libsamad_ffi.a"

command -v cc >/dev/null || { missing cc "apt-get install gcc"; exit 0; }
# What the Rust standard library needs from the system when linked statically.
static_libs="-lgcc_s -lutil -lrt -lpthread -lm -ldl -lc"
cflags="-std=c11 -Wall -Wextra -Werror -g -I ffi/include"
build() { # NAME LINKAGE EXTRA_FLAGS…
  local out=$1 linkage=$2
  shift 2
  for program in test_samad verify; do
    if [ "$linkage" = shared ]; then
      cc $cflags "$@" -o "$work/$program-$out" "examples/c/$program.c" \
        -L "$lib" -lsamad_ffi -Wl,-rpath,"$lib"
    else
      cc $cflags "$@" -o "$work/$program-$out" "examples/c/$program.c" \
        "$lib/libsamad_ffi.a" $static_libs
    fi
  done
}
run_example() { # BINARY [RUNNER…]: the example exits 0 on the valid diploma, 1 on revoked
  local binary=$1
  shift
  "$@" "$binary" "$fixtures/valid.pdf" "$fixtures/trust.pem" >/dev/null
  local code=0
  "$@" "$binary" "$fixtures/valid.pdf" "$fixtures/trust.pem" "$fixtures/status-revoked.json" \
    >"$work/revoked.json" || code=$?
  [ "$code" = 1 ] || { echo "FAIL: verify on a revoked diploma exited $code, not 1" >&2; exit 1; }
  grep -q '"sub_indication": "REVOKED"' "$work/revoked.json"
  echo "examples/c/verify: valid 0, revoked 1 (REVOKED)"
}

for linkage in shared static; do
  step "C test, $linkage library, -fsanitize=address,undefined"
  build "$linkage-asan" "$linkage" -fsanitize=address,undefined -fno-omit-frame-pointer \
    -fno-sanitize-recover=all
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
    "$work/test_samad-$linkage-asan" "$fixtures"
  ASAN_OPTIONS=detect_leaks=1 run_example "$work/verify-$linkage-asan"
done

if command -v valgrind >/dev/null; then
  # Every leak kind is an error; ffi/valgrind.supp names the one process-lifetime table it
  # excuses (and why).
  memcheck=(valgrind --quiet --leak-check=full --errors-for-leak-kinds=definite,indirect,possible
    --num-callers=50 --suppressions=ffi/valgrind.supp)
  for linkage in shared static; do
    step "C test, $linkage library, valgrind --leak-check=full"
    build "$linkage" "$linkage"
    "${memcheck[@]}" --error-exitcode=1 "$work/test_samad-$linkage" "$fixtures"
    run_example "$work/verify-$linkage" "${memcheck[@]}" --error-exitcode=9
  done
else
  missing valgrind "apt-get install valgrind (scripts/apt-packages.txt)"
fi

step "Python ctypes example"
if command -v python3 >/dev/null; then
  SAMAD_LIB="$lib/libsamad_ffi.so" python3 examples/python/verify.py --self-test "$fixtures"
else
  missing python3 "apt-get install python3"
fi

step "C API checks passed"
