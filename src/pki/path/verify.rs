//! The checks of RFC 5280 §6.1.3 (basic certificate processing) and §6.1.4 (preparation
//! for the next certificate) over one candidate path, then revocation (§6.1.3 a 3).

use time::OffsetDateTime;

use super::budget::Work;
use super::name_constraints;
use super::policy::PolicyState;
use super::{PathError, PathValidator, Purpose};
use crate::pki::cert::{Certificate, NameConstraints};
use crate::pki::revocation;

/// `id-kp-documentSigning` (RFC 9336), Microsoft and Adobe document signing.
const DOCUMENT_SIGNING_EKUS: &[&str] = &[
    "1.3.6.1.5.5.7.3.36",
    "1.3.6.1.4.1.311.10.3.12",
    "1.2.840.113583.1.1.5",
];

/// One validation's fixed inputs and shared work counter.
pub(crate) struct Context<'v, 'c> {
    pub(crate) validator: &'c PathValidator<'v>,
    pub(crate) purpose: Purpose,
    pub(crate) at: OffsetDateTime,
    pub(crate) work: &'c Work,
    pub(crate) nesting: u8,
}

/// Check the path `anchor → chain[len-1] → … → chain[0]` (chain is end-entity first).
pub(crate) fn check_path(
    ctx: &Context<'_, '_>,
    anchor: &Certificate,
    chain: &[&Certificate],
) -> Result<(), PathError> {
    let n = chain.len();
    let mut working_key = anchor.public_key_info();
    let mut working_name = &anchor.subject;
    // §6.1.2 k: max_path_length starts at n.
    let mut max_path_length = n;
    let mut constraints: Vec<&NameConstraints> = Vec::new();
    let mut policy = PolicyState::new(n);

    for (i, cert) in chain.iter().rev().enumerate() {
        let is_last = i + 1 == n;
        let subject = || cert.subject.to_string();

        // §6.1.3 a 1: the signature, with the working public key.
        ctx.work.count_signature()?;
        if cert.algorithm_mismatch {
            return Err(PathError::BadSignature {
                subject: subject(),
                detail: "the TBS signature algorithm differs from the outer one".into(),
            });
        }
        ctx.validator
            .verify_certificate_signature(cert, working_key)
            .map_err(|e| PathError::BadSignature {
                subject: subject(),
                detail: e.to_string(),
            })?;
        // §6.1.3 a 4: name chaining.
        if &cert.issuer != working_name {
            return Err(PathError::UnknownIssuer {
                subject: subject(),
                issuer: cert.issuer.to_string(),
            });
        }
        // §6.1.3 a 2: validity at the validation time.
        if ctx.at < cert.not_before {
            return Err(PathError::NotYetValid {
                subject: subject(),
                not_before: cert.not_before,
                at: ctx.at,
            });
        }
        if ctx.at > cert.not_after {
            return Err(PathError::Expired {
                subject: subject(),
                not_after: cert.not_after,
                at: ctx.at,
            });
        }
        // §4.2: a critical extension we cannot process rejects the certificate.
        if let Some(oid) = cert.unknown_critical_extensions.first() {
            return Err(PathError::UnknownCriticalExtension {
                subject: subject(),
                oid: oid.clone(),
            });
        }
        // §6.1.3 b, c: names of all but self-issued intermediates.
        if is_last || !cert.is_self_issued() {
            name_constraints::check(cert, &constraints)?;
        }
        policy.process(cert, i + 1, n)?;
        if is_last {
            policy.finish(cert)?;
            check_purpose(cert, ctx.purpose)?;
            break;
        }
        policy.prepare(cert)?;
        // §6.1.4 k: the issuer of the next certificate must be a v3 CA.
        if cert.version < 3 || !cert.is_ca() {
            return Err(PathError::NotCa { subject: subject() });
        }
        // §6.1.4 l, m: path length, not counting self-issued certificates.
        if !cert.is_self_issued() {
            if max_path_length == 0 {
                return Err(PathError::PathLenExceeded { subject: subject() });
            }
            max_path_length -= 1;
        }
        if let Some((_, Some(limit))) = cert.basic_constraints {
            let limit = usize::try_from(limit).unwrap_or(usize::MAX);
            max_path_length = max_path_length.min(limit);
        }
        // §6.1.4 n: keyCertSign.
        if cert.key_usage.is_some_and(|ku| !ku.key_cert_sign) {
            return Err(PathError::KeyUsage {
                subject: subject(),
                needed: "keyCertSign",
            });
        }
        // §6.1.4 g: this CA's constraints apply to everything below it.
        if let Some(nc) = &cert.name_constraints {
            constraints.push(nc);
        }
        working_key = cert.public_key_info();
        working_name = &cert.subject;
    }

    // §6.1.3 a 3: revocation, from the anchor down, once the path is otherwise valid.
    if let Some(source) = ctx.validator.revocation {
        let mut issuer = anchor;
        for cert in chain.iter().rev() {
            revocation::check(ctx, source, cert, issuer)?;
            issuer = cert;
        }
    }
    Ok(())
}

/// The end entity's keyUsage and extendedKeyUsage for the purpose.
fn check_purpose(cert: &Certificate, purpose: Purpose) -> Result<(), PathError> {
    let subject = || cert.subject.to_string();
    let signing_ku = cert
        .key_usage
        .is_none_or(|ku| ku.digital_signature || ku.non_repudiation);
    let eku = cert.extended_key_usage.as_ref();
    let eku_error = || PathError::Eku {
        subject: subject(),
        purpose: purpose.name(),
    };
    match purpose {
        Purpose::Any => return Ok(()),
        Purpose::CrlSigning => {
            if cert.key_usage.is_some_and(|ku| !ku.crl_sign) {
                return Err(PathError::KeyUsage {
                    subject: subject(),
                    needed: "cRLSign",
                });
            }
            return Ok(());
        }
        Purpose::DocumentSigning => {
            let allowed = eku.is_none_or(|e| {
                e.any
                    || e.email_protection
                    || e.other
                        .iter()
                        .any(|o| DOCUMENT_SIGNING_EKUS.contains(&o.as_str()))
            });
            if !allowed {
                return Err(eku_error());
            }
        }
        Purpose::TimeStamping => {
            if !eku.is_some_and(|e| e.time_stamping) {
                return Err(eku_error());
            }
        }
        Purpose::OcspSigning => {
            if !eku.is_some_and(|e| e.ocsp_signing) {
                return Err(eku_error());
            }
        }
    }
    if !signing_ku {
        return Err(PathError::KeyUsage {
            subject: subject(),
            needed: "digitalSignature or nonRepudiation",
        });
    }
    Ok(())
}
