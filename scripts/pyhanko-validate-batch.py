#!/usr/bin/env python3
"""Validates every diploma of a `samad issue` batch with pyHanko's API (no CLI start-up per file).

    .venv/bin/python scripts/pyhanko-validate-batch.py --dir OUT [--trust OUT/pki/trust.pem]
        [--crls OUT/pki/crl] [--expect-level B-B|B-T|B-LT|B-LTA]

Reads OUT/manifest.json and, for every listed file (spread over one worker process per
core, `--jobs`):

- checks its SHA-256 against the manifest;
- validates each signature with pyHanko's `async_validate_pdf_signature` (what
  `pyhanko sign validate` runs) against the trust root, with the PKI's CRLs and revocation
  checking in hard-fail mode, nothing fetched: the signature must be intact, valid, trusted
  and its later revisions allowed (pyHanko's `bottom_line`), and, from B-T up, carry a valid
  trusted signature time-stamp;
- requires exactly the diploma's three signature fields, official-1 (a certification
  signature), official-2 and ministry-seal;
- from B-LTA up, validates the document time-stamp(s) the same way.

Prints one JSON summary on stdout; exits 1 if anything failed, 2 on bad input.
"""

import argparse
import asyncio
import concurrent.futures
import hashlib
import json
import os
import pathlib
import sys

from pyhanko.keys import load_cert_from_pemder, load_certs_from_pemder
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import async_validate_pdf_signature, async_validate_pdf_timestamp
from pyhanko_certvalidator import ValidationContext

EXPECTED_FIELDS = ["official-1", "official-2", "ministry-seal"]
LEVELS = ["B-B", "B-T", "B-LT", "B-LTA"]


def validation_context(trust_roots, others, crls):
    return ValidationContext(
        trust_roots=trust_roots,
        other_certs=others,
        crls=crls,
        allow_fetching=False,
        revocation_mode="hard-fail",
    )


async def validate_file(path, expected_sha256, level, make_vc):
    problems = []
    data = path.read_bytes()
    if hashlib.sha256(data).hexdigest() != expected_sha256:
        problems.append("SHA-256 differs from the manifest")
    with path.open("rb") as f:
        reader = PdfFileReader(f)
        signatures = reader.embedded_regular_signatures
        names = [s.field_name for s in signatures]
        if names != EXPECTED_FIELDS:
            problems.append(f"signature fields {names}, expected {EXPECTED_FIELDS}")
        for sig in signatures:
            vc = make_vc()
            status = await async_validate_pdf_signature(
                sig, signer_validation_context=vc, ts_validation_context=vc
            )
            if not status.bottom_line:
                problems.append(f"{sig.field_name}: not valid: {status.summary()}")
            if sig.field_name == "official-1" and sig.docmdp_level is None:
                problems.append("official-1 is not a certification signature")
            if LEVELS.index(level) >= 1:
                ts = status.timestamp_validity
                if ts is None or not (ts.intact and ts.valid and ts.trusted):
                    problems.append(f"{sig.field_name}: no valid trusted signature time-stamp")
        timestamps = reader.embedded_timestamp_signatures
        if LEVELS.index(level) >= 3 and not timestamps:
            problems.append("B-LTA without a document time-stamp")
        for ts in timestamps:
            status = await async_validate_pdf_timestamp(ts, validation_context=make_vc())
            if not (status.intact and status.valid and status.trusted):
                problems.append(f"document time-stamp {ts.field_name}: {status.summary()}")
        if LEVELS.index(level) >= 2 and "/DSS" not in reader.root:
            problems.append(f"{level} without a /DSS")
    return len(signatures), len(reader.embedded_timestamp_signatures), problems


def load_pki(trust, intermediates, crl_dir):
    roots = [load_cert_from_pemder(str(trust))]
    others = list(load_certs_from_pemder([str(intermediates)])) if intermediates.is_file() else []
    crls = [p.read_bytes() for p in sorted(crl_dir.glob("*.crl"))] if crl_dir.is_dir() else []
    return roots, others, crls


def validate_chunk(job):
    """One worker process: validates its share of the manifest's files."""
    out, entries, level, trust, intermediates, crl_dir = job
    roots, others, crls = load_pki(trust, intermediates, crl_dir)

    def make_vc():
        return validation_context(roots, others, crls)

    async def run():
        results = []
        for entry in entries:
            try:
                results.append((entry["file"], *await validate_file(
                    out / entry["file"], entry["sha256"], level, make_vc)))
            except Exception as e:  # a file pyHanko cannot read is a failure, not a crash
                results.append((entry["file"], 0, 0, [f"{type(e).__name__}: {e}"]))
        return results

    return asyncio.run(run())


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", required=True, type=pathlib.Path)
    parser.add_argument("--trust", type=pathlib.Path)
    parser.add_argument("--crls", type=pathlib.Path)
    parser.add_argument("--intermediates", type=pathlib.Path)
    parser.add_argument("--expect-level", default="B-B", choices=LEVELS)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1,
                        help="worker processes (default: one per core)")
    args = parser.parse_args()
    out = args.dir
    trust = args.trust or out / "pki" / "trust.pem"
    crl_dir = args.crls or out / "pki" / "crl"
    intermediates = args.intermediates or out / "pki" / "intermediates.pem"
    try:
        manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
        load_pki(trust, intermediates, crl_dir)
    except (OSError, ValueError) as e:
        print(f"pyhanko-validate-batch: {e}", file=sys.stderr)
        return 2

    entries = manifest["diplomas"]
    jobs = max(1, min(args.jobs, len(entries)))
    chunks = [(out, entries[i::jobs], args.expect_level, trust, intermediates, crl_dir)
              for i in range(jobs)]
    summary = {"files": 0, "signatures": 0, "document_timestamps": 0, "failures": []}
    if jobs == 1:
        results = [validate_chunk(chunks[0])]
    else:
        with concurrent.futures.ProcessPoolExecutor(max_workers=jobs) as pool:
            results = list(pool.map(validate_chunk, chunks))
    for file, sigs, stamps, problems in sorted(r for chunk in results for r in chunk):
        summary["files"] += 1
        summary["signatures"] += sigs
        summary["document_timestamps"] += stamps
        if problems:
            summary["failures"].append({"file": file, "problems": problems})
    print(json.dumps(summary, indent=2))
    return 1 if summary["failures"] or summary["files"] == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
