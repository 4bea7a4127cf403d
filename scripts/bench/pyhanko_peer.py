#!/usr/bin/env python3
"""pyHanko's side of scripts/bench-peers.sh: in-process signing and validation timings.

Signs the same unsigned diploma PDF that samad signs, with the same key and certificate
chain, at PAdES B-B, N times in one process (after a warm-up), and validates a signed
PDF N times. Prints one JSON object of per-operation timings in microseconds
(median, min, max) on stdout. Only pyHanko's public API is used.
"""
import argparse
import io
import json
import statistics
import sys
import time

from asn1crypto import pem, x509
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields, signers
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext


def summary(samples_us):
    return {
        "median_us": statistics.median(samples_us),
        "min_us": min(samples_us),
        "max_us": max(samples_us),
        "n": len(samples_us),
    }


def timed(fn, iterations, warmup):
    for _ in range(warmup):
        fn()
    samples = []
    for _ in range(iterations):
        start = time.perf_counter_ns()
        fn()
        samples.append((time.perf_counter_ns() - start) / 1000.0)
    return samples


def load_cert(path):
    with open(path, "rb") as f:
        data = f.read()
    if pem.detect(data):
        _, _, data = pem.unarmor(data)
    return x509.Certificate.load(data)


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--pdf", required=True, help="the unsigned diploma PDF")
    ap.add_argument("--key", required=True, help="PKCS#8 PEM private key")
    ap.add_argument("--cert", required=True, help="signer certificate PEM")
    ap.add_argument("--chain", action="append", default=[], help="issuer certificates PEM")
    ap.add_argument("--field", default="official-1", help="signature field to fill")
    ap.add_argument("--all-fields", action="store_true",
                    help="also time a whole diploma: official-1 certifies (DocMDP P=2), "
                         "official-2 and ministry-seal approve, same signer")
    ap.add_argument("--validate", help="a signed PDF to validate (first signature)")
    ap.add_argument("--trust", help="trust anchor PEM for --validate")
    ap.add_argument("--iterations", type=int, default=20)
    ap.add_argument("--warmup", type=int, default=3)
    args = ap.parse_args()

    with open(args.pdf, "rb") as f:
        unsigned = f.read()
    signer = signers.SimpleSigner.load(args.key, args.cert, ca_chain_files=args.chain)
    meta = signers.PdfSignatureMetadata(
        field_name=args.field, subfilter=fields.SigSeedSubFilter.PADES
    )

    def sign_once():
        writer = IncrementalPdfFileWriter(io.BytesIO(unsigned))
        out = signers.sign_pdf(writer, meta, signer=signer)
        return out.getvalue()

    result = {"tool": "pyHanko", "sign_one_b_b": summary(timed(sign_once, args.iterations, args.warmup))}

    if args.all_fields:
        certify = signers.PdfSignatureMetadata(
            field_name="official-1", subfilter=fields.SigSeedSubFilter.PADES, certify=True,
            docmdp_permissions=fields.MDPPerm.FILL_FORMS,
        )
        approvals = [
            signers.PdfSignatureMetadata(field_name=name, subfilter=fields.SigSeedSubFilter.PADES)
            for name in ("official-2", "ministry-seal")
        ]

        def sign_three():
            data = unsigned
            for m in [certify, *approvals]:
                writer = IncrementalPdfFileWriter(io.BytesIO(data))
                data = signers.sign_pdf(writer, m, signer=signer).getvalue()
            return data

        result["sign3_b_b"] = summary(timed(sign_three, args.iterations, args.warmup))

    if args.validate:
        with open(args.validate, "rb") as f:
            signed = f.read()
        root = load_cert(args.trust)

        def validate_once():
            vc = ValidationContext(trust_roots=[root], allow_fetching=False,
                                   revocation_mode="soft-fail")
            reader = PdfFileReader(io.BytesIO(signed))
            for sig in reader.embedded_signatures:
                status = validate_pdf_signature(sig, vc)
                if not (status.intact and status.valid):
                    raise SystemExit(f"pyHanko: signature {sig.field_name} not intact/valid")

        result["validate"] = summary(timed(validate_once, args.iterations, args.warmup))

    json.dump(result, sys.stdout)
    print()


if __name__ == "__main__":
    main()
