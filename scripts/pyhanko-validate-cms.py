#!/usr/bin/env python3
"""Validate a detached CMS/CAdES signature with pyHanko, the outside reference (BRIEF §5).

Used by tests/cades_pyhanko.rs: samad signs, pyHanko's detached-CMS validator
(pyhanko.sign.validation.async_validate_detached_cms) judges. Prints one JSON object:
{"intact", "valid", "trusted", "bottom_line", "signer", "timestamp": {...} | null,
"summary"}. Offline: nothing is fetched; revocation is checked hard-fail against the CRLs
given with --crl (soft-fail when none are given).

    scripts/pyhanko-validate-cms.py --data FILE --sig SIG.der --trust ROOT.pem \
        [--certs INTERMEDIATES.pem] [--crl CRL.der ...] [--at 2026-03-01T10:10:00Z]
"""

import argparse
import asyncio
import json
import sys
from datetime import datetime

from asn1crypto import cms, pem, x509
from pyhanko.sign.validation import async_validate_detached_cms
from pyhanko_certvalidator import ValidationContext


def certificates(path):
    with open(path, "rb") as f:
        data = f.read()
    if pem.detect(data):
        return [x509.Certificate.load(der) for _, _, der in pem.unarmor(data, multiple=True)]
    return [x509.Certificate.load(data)]


def crl_der(path):
    with open(path, "rb") as f:
        data = f.read()
    if pem.detect(data):
        _, _, data = pem.unarmor(data)
    return data


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", required=True, help="the signed file")
    parser.add_argument("--sig", required=True, help="the detached signature, DER")
    parser.add_argument("--trust", required=True, help="trust anchors, PEM")
    parser.add_argument("--certs", help="extra intermediate certificates, PEM")
    parser.add_argument("--crl", action="append", default=[], help="a CRL, DER or PEM")
    parser.add_argument("--at", help="validation time, ISO 8601 (default: now)")
    args = parser.parse_args()

    with open(args.data, "rb") as f:
        data = f.read()
    with open(args.sig, "rb") as f:
        content_info = cms.ContentInfo.load(f.read())
    if content_info["content_type"].native != "signed_data":
        sys.exit(f"{args.sig} is not a CMS SignedData")
    signed_data = content_info["content"]

    crls = [crl_der(p) for p in args.crl]
    context = ValidationContext(
        trust_roots=certificates(args.trust),
        other_certs=certificates(args.certs) if args.certs else [],
        crls=crls,
        allow_fetching=False,
        revocation_mode="hard-fail" if crls else "soft-fail",
        moment=datetime.fromisoformat(args.at.replace("Z", "+00:00")) if args.at else None,
    )
    status = asyncio.run(
        async_validate_detached_cms(data, signed_data, signer_validation_context=context)
    )
    ts = status.timestamp_validity
    print(
        json.dumps(
            {
                "intact": status.intact,
                "valid": status.valid,
                "trusted": status.trusted,
                "bottom_line": status.bottom_line,
                "signer": status.signing_cert.subject.human_friendly,
                "timestamp": None
                if ts is None
                else {
                    "intact": ts.intact,
                    "valid": ts.valid,
                    "trusted": ts.trusted,
                    "gen_time": ts.timestamp.isoformat(),
                },
                "summary": status.summary(),
            }
        )
    )


if __name__ == "__main__":
    main()
