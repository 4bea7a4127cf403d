#!/usr/bin/env bash
# Issue 10: samad beside its peers, in one run on this machine, with the same diploma, keys
# and level. Prints a table of medians (µs) and the ratios; writes the raw JSON to
# target/bench-peers/. Environment: ITERATIONS (default 200 for samad, 20 for pyHanko).
#
#   scripts/bench-peers.sh
#
# Needs: openssl, python3-venv (pyHanko is installed into .venv from
# scripts/reference/requirements.txt, as the test suite does).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
out=$root/target/bench-peers
rm -rf "$out" && mkdir -p "$out"
n=${ITERATIONS:-200}
pn=${PY_ITERATIONS:-20}

[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/pip install -q --disable-pip-version-check -r scripts/reference/requirements.txt

cargo build --release --quiet --example samad --example peer_bench
samad=$root/target/release/examples/samad

"$samad" pki demo --out "$out/pki" >/dev/null
pki=$out/pki
# An RSA-2048 official under the demo university CA, so both tools sign with the same RSA key.
openssl genpkey -quiet -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$out/rsa.key.pem"
openssl req -new -key "$out/rsa.key.pem" -subj "/C=IR/O=Samad Demo University/CN=RSA official" \
  -out "$out/rsa.csr" 2>/dev/null
printf 'keyUsage=critical,digitalSignature,nonRepudiation\nbasicConstraints=CA:FALSE\n' > "$out/rsa.ext"
openssl x509 -req -in "$out/rsa.csr" -CA "$pki/university-ca.pem" -CAkey "$pki/university-ca.key.pem" \
  -CAcreateserial -days 30 -sha256 -extfile "$out/rsa.ext" -out "$out/rsa.pem" 2>/dev/null
cat "$out/rsa.pem" "$pki/university-ca.pem" "$pki/ministry-ca.pem" > "$out/rsa.chain.pem"

echo "samad (in-process, $n iterations)…" >&2
"$root/target/release/examples/peer_bench" --pki "$pki" --rsa-key "$out/rsa.key.pem" \
  --rsa-cert "$out/rsa.chain.pem" --record tests/data/diploma/record.json --out "$out" \
  --iterations "$n" > "$out/samad.json"

echo "pyHanko (in-process, $pn iterations)…" >&2
py=.venv/bin/python
$py scripts/bench/pyhanko_peer.py --pdf "$out/unsigned.pdf" --key "$pki/official-1.key.pem" \
  --cert "$pki/official-1.pem" --chain "$pki/university-ca.pem" --chain "$pki/ministry-ca.pem" \
  --all-fields --validate "$out/samad-b-b.pdf" --trust "$pki/trust.pem" \
  --iterations "$pn" > "$out/pyhanko-p256.json"
$py scripts/bench/pyhanko_peer.py --pdf "$out/unsigned.pdf" --key "$pki/official-1.key.pem" \
  --cert "$pki/official-1.pem" --chain "$pki/university-ca.pem" --chain "$pki/ministry-ca.pem" \
  --validate "$out/samad-b-lt.pdf" --trust "$pki/trust.pem" \
  --iterations "$pn" > "$out/pyhanko-p256-lt.json"
$py scripts/bench/pyhanko_peer.py --pdf "$out/unsigned.pdf" --key "$out/rsa.key.pem" \
  --cert "$out/rsa.pem" --chain "$pki/university-ca.pem" --chain "$pki/ministry-ca.pem" \
  --iterations "$pn" > "$out/pyhanko-rsa.json"

echo "openssl speed…" >&2
openssl speed -seconds 3 ecdsap256 rsa2048 2>/dev/null > "$out/openssl-speed.txt"

$py - "$out" <<'PY'
import json, re, sys, pathlib
out = pathlib.Path(sys.argv[1])
s = json.loads((out / "samad.json").read_text())
p = json.loads((out / "pyhanko-p256.json").read_text())
plt = json.loads((out / "pyhanko-p256-lt.json").read_text())
pr = json.loads((out / "pyhanko-rsa.json").read_text())
speed = (out / "openssl-speed.txt").read_text()
m = re.search(r"256 bits ecdsa \(nistp256\)\s+\S+s\s+\S+s\s+([\d.]+)\s+([\d.]+)", speed)
r = re.search(r"rsa\s+2048 bits\s+\S+s\s+\S+s\s+([\d.]+)\s+([\d.]+)", speed)
ossl = {
    "p256_sign": 1e6 / float(m.group(1)) if m else None,
    "p256_verify": 1e6 / float(m.group(2)) if m else None,
    "rsa2048_sign": 1e6 / float(r.group(1)) if r else None,
    "rsa2048_verify": 1e6 / float(r.group(2)) if r else None,
}
med = lambda d: d["median_us"]
rng = lambda d: f'{d["min_us"]:.0f}–{d["max_us"]:.0f}'
rows = [
    ("samad render", s["render"]),
    ("samad sign one field B-B (P-256)", s["sign_one_b_b_p256"]),
    ("samad sign one field B-B (RSA-2048)", s["sign_one_b_b_rsa2048"]),
    ("samad render + 3 B-B signatures (P-256)", s["diploma_render_sign3_b_b_p256"]),
    ("samad render + 3 B-B signatures (RSA-2048)", s["diploma_render_sign3_b_b_rsa2048"]),
    ("samad verify B-B diploma", s["verify_b_b"]),
    ("samad verify B-LT diploma", s["verify_b_lt"]),
    ("ring P-256 sign", s["raw_ring_p256_sign"]),
    ("ring P-256 verify", s["raw_ring_p256_verify"]),
    ("ring RSA-2048 sign", s["raw_ring_rsa2048_sign"]),
    ("ring RSA-2048 verify", s["raw_ring_rsa2048_verify"]),
    ("pyHanko sign one field B-B (P-256)", p["sign_one_b_b"]),
    ("pyHanko sign 3 fields B-B (P-256)", p["sign3_b_b"]),
    ("pyHanko sign one field B-B (RSA-2048)", pr["sign_one_b_b"]),
    ("pyHanko validate samad's B-B diploma", p["validate"]),
    ("pyHanko validate samad's B-LT diploma", plt["validate"]),
]
print(f'{"operation":48} {"median µs":>12} {"range µs":>18}')
for name, d in rows:
    print(f"{name:48} {med(d):12.1f} {rng(d):>18}")
for k, v in ossl.items():
    if v is not None:
        print(f'{"openssl speed " + k:48} {v:12.1f} {"(1/ops per s)":>18}')
ratio = lambda a, b: med(a) / med(b)
raw3 = 3 * med(s["raw_ring_p256_sign"])
print()
print(f'pyHanko / samad, sign one field B-B P-256:   {ratio(p["sign_one_b_b"], s["sign_one_b_b_p256"]):8.1f}x  (target >= 50)')
print(f'pyHanko / samad, sign one field B-B RSA:     {ratio(pr["sign_one_b_b"], s["sign_one_b_b_rsa2048"]):8.1f}x')
print(f'pyHanko 3 fields / samad render+3, P-256:    {ratio(p["sign3_b_b"], s["diploma_render_sign3_b_b_p256"]):8.1f}x')
print(f'pyHanko / samad, validate B-B diploma:       {ratio(p["validate"], s["verify_b_b"]):8.1f}x')
print(f'pyHanko / samad, validate B-LT diploma:      {ratio(plt["validate"], s["verify_b_lt"]):8.1f}x  (target >= 50)')
over = med(s["diploma_render_sign3_b_b_p256"]) - raw3
print(f'render + 3 signatures - 3 raw P-256 signatures: {over:8.1f} µs  (target <= 300)')
if ossl["p256_sign"]:
    print(f'ring / openssl P-256 sign:                   {med(s["raw_ring_p256_sign"]) / ossl["p256_sign"]:8.2f}x')
    print(f'ring / openssl RSA-2048 sign:                {med(s["raw_ring_rsa2048_sign"]) / ossl["rsa2048_sign"]:8.2f}x')
PY
