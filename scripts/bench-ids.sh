#!/usr/bin/env bash
# Identifier validation: samad vs @persian-tools/persian-tools (node) on the same 1,000
# national codes (benches/data/national-codes.txt), measured in one run; prints the ratio.
# Needs: node and `npm ci --prefix scripts/reference` (scripts/test-all.sh does both).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d scripts/reference/node_modules ] || npm ci --prefix scripts/reference --no-audit --no-fund --loglevel=error

cargo bench --bench ids -- --warm-up-time 2 --measurement-time 5 --noplot 'id-parse/' \
  | grep -E '^id-parse|thrpt' | sed 's/^ *//'
peer=$(cd scripts/reference && node bench_ids.mjs ../../benches/data/national-codes.txt)

python3 - "$peer" "${CARGO_TARGET_DIR:-target}" <<'PY'
import json, sys
peer = json.loads(sys.argv[1])["items_per_s"]
est = json.load(open(f"{sys.argv[2]}/criterion/id-parse/national-code/new/estimates.json"))
# criterion reports ns per iteration; one iteration checks the whole 1,000-code file.
ours = 1000 / (est["median"]["point_estimate"] * 1e-9)
print(f"samad national-code:        {ours:>12,.0f} codes/s (median)")
print(f"persian-tools (node 20):    {peer['median']:>12,.0f} codes/s (median; range {peer['min']:,.0f}-{peer['max']:,.0f})")
print(f"ratio samad / persian-tools: {ours / peer['median']:.1f}x")
PY
