#!/usr/bin/env python3
"""Signs samad's unsigned diploma with pyHanko: the PDFs samad's verifier must accept.

Run with the reference venv's python (pyHanko is pinned in scripts/reference/requirements.txt):

    .venv/bin/python scripts/make-pyhanko-fixtures.py \
        --pki tests/data/pades/pki --input tests/data/pades/unsigned-diploma.pdf \
        --out tests/data/pades

Writes, into --out:

    pyhanko-bb.pdf         official-1 approval signature, PAdES B-B
    pyhanko-bt.pdf         ... with a signature time-stamp (B-T)
    pyhanko-blt.pdf        ... and a DSS with every certificate and CRL (B-LT)
    pyhanko-blta.pdf       ... and a document time-stamp over the DSS (B-LTA)
    pyhanko-certified.pdf  official-1 certifies (DocMDP P=2), official-2 and the ministry
                           seal approve, each in its own revision (B-T)

Everything is offline and deterministic in time: the signing moment, the time-stamps' genTime
and the moment pyHanko validates the chain for the DSS are all fixed at the demo PKI's
notBefore + 2 hours, so tests validate at notBefore + 1 day (the demo CRLs are fresh for 30
days) whenever they run. The time-stamps come from pyHanko's DummyTimeStamper with the demo
PKI's TSA key; the CRLs are the demo PKI's (pyHanko never fetches anything).
"""

import argparse
import asyncio
import datetime
import pathlib
import sys

from asn1crypto import algos, cms, core
from asn1crypto import crl as asn1_crl
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from pyhanko.keys import load_cert_from_pemder, load_certs_from_pemder, load_private_key_from_pemder
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields, general, signers
from pyhanko.sign.general import get_pyca_cryptography_hash, simple_cms_attribute
from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper
from pyhanko_certvalidator import ValidationContext
from pyhanko_certvalidator.registry import SimpleCertificateStore

# The moment everything happens, relative to the demo PKI's notBefore.
SIGNING_OFFSET = datetime.timedelta(hours=2)


class EcdsaTimeStamper(DummyTimeStamper):
    """pyHanko's in-process test TSA, taught ECDSA: the demo TSA key is P-256 and the
    DummyTimeStamper only signs with RSA. The token names its certificate with
    signing-certificate-v2 (RFC 5816)."""

    def _sign_tst_info(self, tst_info_data, md_algorithm, dt):
        digest = hashes.Hash(get_pyca_cryptography_hash(md_algorithm))
        digest.update(tst_info_data)
        signed_attrs = cms.CMSAttributes(
            [
                simple_cms_attribute("content_type", "tst_info"),
                simple_cms_attribute("signing_time", cms.Time({"utc_time": core.UTCTime(dt)})),
                simple_cms_attribute("signing_certificate_v2", general.as_signing_certificate_v2(self.tsa_cert)),
                simple_cms_attribute("message_digest", digest.finalize()),
            ]
        )
        key = serialization.load_der_private_key(self.tsa_key.dump(), password=None)
        signature = key.sign(signed_attrs.dump(), ec.ECDSA(get_pyca_cryptography_hash(md_algorithm)))
        return signature, signed_attrs

    def _build_signed_data(self, tst_info_data, md_algorithm, signature, signed_attrs):
        signed_data = super()._build_signed_data(tst_info_data, md_algorithm, signature, signed_attrs)
        signer_info = signed_data["signer_infos"][0]
        signer_info["signature_algorithm"] = algos.SignedDigestAlgorithm({"algorithm": f"{md_algorithm}_ecdsa"})
        return signed_data


class Pki:
    """The demo PKI directory written by `samad pki demo` (spec/pki-demo.md)."""

    def __init__(self, root: pathlib.Path):
        self.root = root
        self.trust = load_cert_from_pemder(str(root / "trust.pem"))
        self.intermediates = list(load_certs_from_pemder([str(root / "intermediates.pem")]))
        self.crls = [
            asn1_crl.CertificateList.load((root / "crl" / f"{ca}.crl").read_bytes())
            for ca in ("root-ca", "ministry-ca", "university-ca")
        ]
        official = load_cert_from_pemder(str(root / "official-1.pem"))
        self.moment = official.not_valid_before + SIGNING_OFFSET

    def signer(self, name: str) -> signers.SimpleSigner:
        cert = load_cert_from_pemder(str(self.root / f"{name}.pem"))
        key = load_private_key_from_pemder(str(self.root / f"{name}.key.pem"), passphrase=None)
        chain = [c for c in load_certs_from_pemder([str(self.root / f"{name}.chain.pem")]) if c != cert]
        return signers.SimpleSigner(
            signing_cert=cert,
            signing_key=key,
            cert_registry=SimpleCertificateStore.from_certs(chain + [self.trust]),
        )

    def timestamper(self) -> DummyTimeStamper:
        tsa_cert = load_cert_from_pemder(str(self.root / "tsa.pem"))
        tsa_key = load_private_key_from_pemder(str(self.root / "tsa.key.pem"), passphrase=None)
        chain = list(load_certs_from_pemder([str(self.root / "tsa.chain.pem")]))
        return EcdsaTimeStamper(
            tsa_cert=tsa_cert,
            tsa_key=tsa_key,
            certs_to_embed=SimpleCertificateStore.from_certs(chain),
            fixed_dt=self.moment,
        )

    def validation_context(self) -> ValidationContext:
        return ValidationContext(
            trust_roots=[self.trust],
            other_certs=self.intermediates,
            crls=self.crls,
            allow_fetching=False,
            revocation_mode="hard-fail",
            moment=self.moment,
        )


def sign(pdf: bytes, pki: Pki, name: str, *, timestamp=False, lt=False, lta=False, certify=False) -> bytes:
    meta = signers.PdfSignatureMetadata(
        field_name=name,
        reason=name,
        subfilter=fields.SigSeedSubFilter.PADES,
        md_algorithm="sha256",
        certify=certify,
        docmdp_permissions=fields.MDPPerm.FILL_FORMS,
        embed_validation_info=lt,
        validation_context=pki.validation_context() if lt else None,
        use_pades_lta=lta,
    )
    signer = signers.PdfSigner(
        meta,
        signer=pki.signer(name),
        timestamper=pki.timestamper() if timestamp or lta else None,
    )
    writer = IncrementalPdfFileWriter(_stream(pdf))
    # Fill the diploma's prepared field; never let pyHanko add one of its own.
    out = asyncio.run(
        signer.async_sign_pdf(writer, existing_fields_only=True)
    )
    return out.getvalue()


def _stream(data: bytes):
    import io

    return io.BytesIO(data)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pki", required=True, type=pathlib.Path, help="demo PKI directory")
    parser.add_argument("--input", required=True, type=pathlib.Path, help="unsigned diploma PDF")
    parser.add_argument("--out", required=True, type=pathlib.Path, help="output directory")
    args = parser.parse_args()

    pki = Pki(args.pki)
    unsigned = args.input.read_bytes()
    outputs = {
        "pyhanko-bb.pdf": sign(unsigned, pki, "official-1"),
        "pyhanko-bt.pdf": sign(unsigned, pki, "official-1", timestamp=True),
        "pyhanko-blt.pdf": sign(unsigned, pki, "official-1", timestamp=True, lt=True),
        "pyhanko-blta.pdf": sign(unsigned, pki, "official-1", timestamp=True, lt=True, lta=True),
    }
    certified = sign(unsigned, pki, "official-1", timestamp=True, certify=True)
    certified = sign(certified, pki, "official-2", timestamp=True)
    certified = sign(certified, pki, "ministry-seal", timestamp=True)
    outputs["pyhanko-certified.pdf"] = certified

    args.out.mkdir(parents=True, exist_ok=True)
    for name, data in outputs.items():
        # Whole files only: write beside, then rename.
        tmp = args.out / f".{name}.tmp"
        tmp.write_bytes(data)
        tmp.replace(args.out / name)
        print(f"wrote {args.out / name} ({len(data)} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
