//! The reserved `/Contents` hole (`spec/pades.md` §2.3): how big it is made, hashing the
//! ByteRange around it, and writing a CMS or time-stamp token into it.

use crate::pdf::PdfError;
use crate::pdf::writer::PreparedSignature;
use crate::pki::algorithm::DigestAlgorithm;
use crate::pki::signer::Signer;

/// Room for the signature value: an RSA-8192 signature (1,024 bytes) or any ECDSA one.
const SIGNATURE_VALUE_ALLOWANCE: usize = 1024;
/// Room for SignedData, SignerInfo, algorithm identifiers and the signed attributes.
const CMS_OVERHEAD: usize = 2048;
/// Room for one signature time-stamp token: the TSA's SignedData and its certificates.
pub(super) const TIMESTAMP_ALLOWANCE: usize = 12 * 1024;
/// The `/Contents` reserved for a document time-stamp token (`spec/pades.md` §4).
pub(super) const DOCUMENT_TIMESTAMP_SIZE: usize = 16 * 1024;

/// The bytes reserved for the CMS of `signer` with a claimed role of `role_len` bytes and,
/// when `timestamped`, a signature time-stamp; a multiple of 1,024.
pub(super) fn signature_size(signer: &dyn Signer, role_len: usize, timestamped: bool) -> usize {
    let certificates: usize = signer.certificate_chain().iter().map(Vec::len).sum();
    let timestamp = if timestamped { TIMESTAMP_ALLOWANCE } else { 0 };
    let total = certificates + SIGNATURE_VALUE_ALLOWANCE + CMS_OVERHEAD + role_len + timestamp;
    total.div_ceil(1024) * 1024
}

/// The digest of the two ByteRange parts of a prepared signature (the file before and
/// after the `/Contents` hole).
pub(super) fn byte_range_digest(digest: DigestAlgorithm, prepared: &PreparedSignature) -> Vec<u8> {
    let mut context = ring::digest::Context::new(match digest {
        DigestAlgorithm::Sha256 => &ring::digest::SHA256,
        DigestAlgorithm::Sha384 => &ring::digest::SHA384,
        DigestAlgorithm::Sha512 => &ring::digest::SHA512,
    });
    for part in prepared.signed_parts() {
        context.update(part);
    }
    context.finish().as_ref().to_vec()
}

/// Writes `der` into the hole; a `der` larger than the reservation is an error naming the
/// field and both sizes.
pub(super) fn fill(
    prepared: &mut PreparedSignature,
    der: &[u8],
    field: &str,
) -> Result<(), PdfError> {
    let capacity = prepared.contents.len().saturating_sub(2) / 2;
    if der.len() > capacity {
        return Err(PdfError::Signature {
            field: field.to_owned(),
            message: format!(
                "the signature is {} bytes but only {capacity} were reserved for /Contents; \
                 the size estimate of spec/pades.md §2.3 is too small for this signer or TSA",
                der.len()
            ),
        });
    }
    prepared.patch_contents(der)
}
