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

/// A digest context that has hashed the first `len` bytes of the file being signed. A
/// chain of signatures (the diploma's three) starts each ByteRange digest from the
/// previous revision's, so every byte is hashed once instead of once per signature.
#[derive(Clone)]
pub(super) struct PrefixDigest {
    /// The digest algorithm of `context`.
    pub algorithm: DigestAlgorithm,
    /// How many bytes from the start of the file `context` has hashed.
    pub len: usize,
    /// The running context.
    pub context: ring::digest::Context,
}

impl PrefixDigest {
    /// A context over nothing yet.
    fn new(algorithm: DigestAlgorithm) -> PrefixDigest {
        let ring = match algorithm {
            DigestAlgorithm::Sha256 => &ring::digest::SHA256,
            DigestAlgorithm::Sha384 => &ring::digest::SHA384,
            DigestAlgorithm::Sha512 => &ring::digest::SHA512,
        };
        PrefixDigest {
            algorithm,
            len: 0,
            context: ring::digest::Context::new(ring),
        }
    }

    /// Hashes `bytes[self.len..end]`; `false` (nothing hashed) when that is not a range of
    /// `bytes`.
    fn advance(&mut self, bytes: &[u8], end: usize) -> bool {
        match bytes.get(self.len..end) {
            Some(more) => {
                self.context.update(more);
                self.len = end;
                true
            }
            None => false,
        }
    }
}

/// The digest of the two ByteRange parts of a prepared signature (the file before and
/// after the `/Contents` hole), starting from `prefix` when it is a context of the same
/// algorithm over the start of the file. Returns the digest and the context over the file
/// up to the hole, from which [`full_file`] continues once the hole is filled.
pub(super) fn byte_range_digest(
    algorithm: DigestAlgorithm,
    prepared: &PreparedSignature,
    prefix: Option<&PrefixDigest>,
) -> (Vec<u8>, PrefixDigest) {
    let hole = &prepared.contents;
    let mut before_hole = prefix
        .filter(|p| p.algorithm == algorithm && p.len <= hole.start)
        .cloned()
        .unwrap_or_else(|| PrefixDigest::new(algorithm));
    if !before_hole.advance(&prepared.bytes, hole.start) {
        // A prefix that does not fit the file: hash from the start instead.
        before_hole = PrefixDigest::new(algorithm);
        for part in prepared.signed_parts() {
            before_hole.context.update(part);
        }
        let digest = before_hole.context.clone().finish().as_ref().to_vec();
        return (digest, PrefixDigest::new(algorithm));
    }
    let mut whole = before_hole.clone();
    let [_, after] = prepared.signed_parts();
    whole.context.update(after);
    (whole.context.finish().as_ref().to_vec(), before_hole)
}

/// Continues `before_hole` (from [`byte_range_digest`]) over the rest of the finished
/// file, hole included: the context the next signature of a chain starts from.
pub(super) fn full_file(mut before_hole: PrefixDigest, bytes: &[u8]) -> Option<PrefixDigest> {
    (before_hole.len > 0 && before_hole.advance(bytes, bytes.len())).then_some(before_hole)
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
