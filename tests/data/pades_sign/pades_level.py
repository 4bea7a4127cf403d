# The PAdES level of each signature of a PDF as pyHanko's AdES validation (EN 319 102-1
# §5.6.3, `ades_lta_validation`, the code behind `pyhanko sign adesverify`) establishes it.
# Usage: python pades_level.py FILE.pdf ROOT.pem [CRL.der ...]
# With CRL files, revocation data comes from them (B-B, B-T carry none); without, it can
# only come from the document's DSS (the demo PKI's URLs never resolve): passing then
# proves B-LT's validation data is there.
# Prints one JSON object per signature: field, indication, evidence found, and the level
# reached (null when the signature is not intact and trusted).
import asyncio
import json
import sys
from dataclasses import replace

from asn1crypto import crl
from pyhanko.keys import load_cert_from_pemder
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.diff_analysis import DEFAULT_DIFF_POLICY
from pyhanko.sign.validation.ades import ades_lta_validation
from pyhanko.sign.validation.dss import DocumentSecurityStore
from pyhanko.sign.validation.policy_decl import (
    LocalKnowledge,
    PdfSignatureValidationSpec,
    SignatureValidationSpec,
)
from pyhanko_certvalidator.context import CertValidationPolicySpec
from pyhanko_certvalidator.ltv.types import ValidationTimingInfo
from pyhanko_certvalidator.policy_decl import (
    REQUIRE_REVINFO,
    CertRevTrustPolicy,
    FreshnessReqType,
)
from pyhanko_certvalidator.registry import SimpleTrustManager
from pyhanko_certvalidator.revinfo.archival import CRLContainer

path, root, crl_files = sys.argv[1], sys.argv[2], sys.argv[3:]
known_crls = []
for name in crl_files:
    with open(name, "rb") as f:
        known_crls.append(CRLContainer(crl_data=crl.CertificateList.load(f.read())))
rev = CertRevTrustPolicy(
    REQUIRE_REVINFO,
    freshness=None,
    freshness_req_type=FreshnessReqType.MAX_DIFF_REVOCATION_VALIDATION,
)
cert_policy = CertValidationPolicySpec(
    trust_manager=SimpleTrustManager.build(trust_roots=[load_cert_from_pemder(root)]),
    revinfo_policy=rev,
)
spec = PdfSignatureValidationSpec(
    signature_validation_spec=SignatureValidationSpec(
        cert_validation_policy=cert_policy,
        local_knowledge=LocalKnowledge(known_crls=known_crls),
    ),
    diff_policy=DEFAULT_DIFF_POLICY,
)
with open(path, "rb") as f:
    reader = PdfFileReader(f)
    dss = DocumentSecurityStore.read_dss(reader) if "/DSS" in reader.root else None
    for sig in reader.embedded_regular_signatures:
        result = asyncio.run(
            ades_lta_validation(sig, spec, timing_info=ValidationTimingInfo.now())
        )
        passed = result.ades_subindic.status.name == "PASSED"
        ts = result.signature_timestamp_status
        ts_ok = ts is not None and ts.ades_subindic.status.name == "PASSED"
        doc_ts = result.oldest_evidence_record_timestamp is not None
        has_dss = dss is not None and len(list(dss.certs)) > 0
        status = result.api_status
        intact = bool(status is not None and status.intact and status.valid)
        trusted = bool(status is not None and status.trusted)
        # The level is the evidence pyHanko validated: B-B intact and trusted; B-T its
        # signature time-stamp PASSED; B-LT trusted with revocation required and no CRL
        # given (so it came from the DSS); B-LTA a validated document time-stamp after it
        # and the whole AdES-LTA process PASSED. (pyHanko's LTA process needs a proof of
        # existence for the CA certificates, which only a document time-stamp gives, so
        # below B-LTA its indication stays INDETERMINATE/NO_POE however good the file.)
        level = None
        if intact and trusted:
            level = "B-B"
            if ts_ok:
                level = "B-T"
                if has_dss and not known_crls:
                    level = "B-LT"
                    if doc_ts and passed:
                        level = "B-LTA"
        print(json.dumps({
            "field": sig.field_name,
            "indication": str(result.ades_subindic),
            "intact": intact,
            "trusted": trusted,
            "passed": passed,
            "signature_timestamp": ts_ok,
            "document_timestamp": doc_ts,
            "dss": has_dss,
            "level": level,
            "failure": result.failure_msg,
        }))
