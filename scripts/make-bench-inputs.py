#!/usr/bin/env python3
"""Writes benches/data/national-codes.txt: 1,000 national codes for benchmarks shared by
samad's criterion bench and the persian-tools peer script (scripts/bench-ids.sh).

Nine in ten are valid (random bodies, check digit per BRIEF §3), one in ten has one digit
changed, so both the accept and the reject path are measured. Seeded: the file is stable.
"""
import random
from pathlib import Path

def check_digit(body):
    r = sum(int(d) * (10 - i) for i, d in enumerate(body)) % 11
    return r if r < 2 else 11 - r

rng = random.Random(1403)
lines = []
while len(lines) < 1000:
    body = "".join(rng.choice("0123456789") for _ in range(9))
    if len(set(body)) == 1 or body[3:9] == "000000":
        continue
    code = body + str(check_digit(body))
    if len(lines) % 10 == 9:
        i = rng.randrange(10)
        code = code[:i] + str((int(code[i]) + 1 + rng.randrange(9)) % 10) + code[i + 1:]
    lines.append(code)
out = Path(__file__).resolve().parent.parent / "benches/data/national-codes.txt"
out.write_text("\n".join(lines) + "\n")
print(f"wrote {len(lines)} codes to {out}")
