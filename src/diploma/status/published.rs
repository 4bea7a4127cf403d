//! Publishing a status list (a validity window and the university's CAdES signature over
//! the list's RFC 8785 canonical form) and trusting a published one
//! (`spec/status-list.md` §4–§5).

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use time::OffsetDateTime;

use super::list::{DocumentJson, field, parse_document};
use super::{DiplomaStatus, StatusEntry, StatusError, StatusList};
use crate::cms::{Content, Level, LtSources, SignOptions};
use crate::pki::signer::Signer;
use crate::pki::tsp::TimestampSource;
use crate::validation::ValidationContext;
use crate::validation::report::{CheckOutcome, Indication, ValidationReport};

/// How [`StatusList::publish`] signs: the window the list is valid in, when it is signed,
/// and the CAdES level with what it needs (a TSA for B-T and up, validation-data sources for
/// B-LT and up). Verifiers without revocation sources of their own (the C API) need B-LT.
#[derive(Clone, Copy)]
pub struct PublishOptions<'a> {
    /// The CAdES baseline level of the signature.
    pub level: Level,
    /// The first instant the list speaks for.
    pub valid_from: OffsetDateTime,
    /// The instant after which verifiers must fetch a newer list.
    pub valid_until: OffsetDateTime,
    /// The signing-time attribute of the signature.
    pub signed_at: OffsetDateTime,
    /// A TSA for the signature time-stamp (B-T and up).
    pub timestamp: Option<&'a dyn TimestampSource>,
    /// Trust anchors, intermediates and revocation sources whose data B-LT embeds.
    pub lt: Option<LtSources<'a>>,
}

impl<'a> PublishOptions<'a> {
    /// A B-B publication valid from `valid_from` until `valid_until`, signed at `valid_from`.
    pub fn new(valid_from: OffsetDateTime, valid_until: OffsetDateTime) -> PublishOptions<'a> {
        PublishOptions {
            level: Level::BB,
            valid_from,
            valid_until,
            signed_at: valid_from,
            timestamp: None,
            lt: None,
        }
    }
}

impl std::fmt::Debug for PublishOptions<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PublishOptions")
            .field("valid_from", &self.valid_from)
            .field("valid_until", &self.valid_until)
            .field("signed_at", &self.signed_at)
            .field("level", &self.level)
            .field("timestamp", &self.timestamp.is_some())
            .field("lt", &self.lt.is_some())
            .finish()
    }
}

impl StatusList {
    /// The published document: the list with its validity window, and a detached CAdES
    /// signature at `options.level` by `signer` over the RFC 8785 canonical JSON of the
    /// `status_list` member, base64 in `signature`.
    pub fn publish(
        &self,
        signer: &dyn Signer,
        options: &PublishOptions<'_>,
    ) -> Result<String, StatusError> {
        if options.valid_from >= options.valid_until {
            return Err(StatusError::Window {
                valid_from: options.valid_from,
                valid_until: options.valid_until,
            });
        }
        let list = self.to_list_json(Some((options.valid_from, options.valid_until)));
        let value = serde_json::to_value(&list).map_err(|e| self.sign_error(e))?;
        let signed = crate::records::canonical_json(&value).map_err(|e| self.sign_error(e))?;
        let mut sign_options = SignOptions::new(options.level).signing_time(options.signed_at);
        if let Some(tsa) = options.timestamp {
            sign_options = sign_options.timestamp(tsa);
        }
        if let Some(lt) = options.lt {
            sign_options = sign_options.lt(lt);
        }
        let signature = crate::cms::sign(Content::Data(signed.as_bytes()), signer, &sign_options)
            .map_err(|e| self.sign_error(e))?;
        let doc = DocumentJson {
            status_list: value,
            signature: Some(STANDARD.encode(signature)),
        };
        let text = serde_json::to_string_pretty(&doc).map_err(|e| self.sign_error(e))?;
        Ok(text + "\n")
    }

    fn sign_error(&self, e: impl std::fmt::Display) -> StatusError {
        StatusError::Sign {
            list: self.id().to_owned(),
            message: e.to_string(),
        }
    }
}

/// A published status list whose signature validated TOTAL-PASSED against the verifier's
/// trust anchors and whose validity window contains the validation time.
///
/// Build it with [`VerifiedStatusList::verify`]; pass it to
/// [`verify_diploma`](crate::diploma::verify::verify_diploma).
#[derive(Debug, Clone)]
pub struct VerifiedStatusList {
    list: StatusList,
    valid_from: OffsetDateTime,
    valid_until: OffsetDateTime,
    report: ValidationReport,
}

impl VerifiedStatusList {
    /// Reads a published document and checks, in order: its shape and encoded lists, that it
    /// is signed, the CAdES signature over the canonical `status_list` (validated as
    /// `samad verify --sig` would, with `ctx`: TOTAL-PASSED required), that a legal-person
    /// signer is the list's issuer, and that `ctx.at` is within the validity window.
    pub fn verify(
        document: &[u8],
        ctx: &ValidationContext<'_>,
    ) -> Result<VerifiedStatusList, StatusError> {
        let (doc, json) = parse_document(document)?;
        let list = StatusList::from_list_json(&json)?;
        let id = list.id().to_owned();
        let (Some(valid_from), Some(valid_until)) = (json.valid_from, json.valid_until) else {
            return Err(StatusError::Unsigned { list: id });
        };
        let Some(signature) = doc.signature.as_deref() else {
            return Err(StatusError::Unsigned { list: id });
        };
        let signature = STANDARD
            .decode(signature)
            .map_err(|e| field("signature", format!("not base64: {e}")))?;
        let signed = crate::records::canonical_json(&doc.status_list)
            .map_err(|e| field("status_list", e.to_string()))?;
        let report = crate::validation::validate_detached(signed.as_bytes(), &signature, ctx);
        if report.indication != Indication::TotalPassed {
            let detail = report
                .signatures
                .iter()
                .flat_map(|s| s.checks.iter())
                .chain(report.document_checks.iter())
                .find(|c| {
                    matches!(
                        c.outcome,
                        CheckOutcome::Failed | CheckOutcome::Indeterminate
                    )
                })
                .map(|c| format!("{}: {}", c.name, c.detail))
                .unwrap_or_default();
            return Err(StatusError::Signature {
                list: id,
                indication: report.indication.as_str().to_owned(),
                sub_indication: report.sub_indication.map(|s| s.as_str().to_owned()),
                detail,
            });
        }
        let signer_entity = report
            .signatures
            .iter()
            .filter_map(|s| s.signer.as_ref()?.legal_entity_id.clone())
            .next();
        if let Some(signer) = signer_entity
            && signer != list.issuer().as_str()
        {
            return Err(StatusError::WrongSigner {
                list: id,
                issuer: list.issuer().to_string(),
                signer,
            });
        }
        if ctx.at < valid_from {
            return Err(StatusError::NotYetValid {
                list: id,
                valid_from,
                at: ctx.at,
            });
        }
        if ctx.at >= valid_until {
            return Err(StatusError::Expired {
                list: id,
                valid_until,
                at: ctx.at,
            });
        }
        Ok(VerifiedStatusList {
            list,
            valid_from,
            valid_until,
            report,
        })
    }

    /// The list.
    pub fn list(&self) -> &StatusList {
        &self.list
    }

    /// The start of the validity window.
    pub fn valid_from(&self) -> OffsetDateTime {
        self.valid_from
    }

    /// The end of the validity window.
    pub fn valid_until(&self) -> OffsetDateTime {
        self.valid_until
    }

    /// The validation report of the list's signature.
    pub fn signature_report(&self) -> &ValidationReport {
        &self.report
    }

    /// The status of a diploma's entry; [`StatusError::WrongList`] when the entry is in
    /// another list.
    pub fn status_of(&self, entry: &StatusEntry) -> Result<DiplomaStatus, StatusError> {
        if entry.list != self.list.id() {
            return Err(StatusError::WrongList {
                expected: entry.list.clone(),
                found: self.list.id().to_owned(),
            });
        }
        self.list.status(entry.index)
    }
}
