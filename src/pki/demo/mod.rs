//! A demo PKI for trying everything offline (BRIEF §4, `samad pki demo --out DIR`); the
//! layout and identity conventions are specified in `spec/pki-demo.md`.
//!
//! The structure is fixed; the keys are fresh on every run (ECDSA P-256, made with `rcgen`
//! on `ring`), and validity times come from the injected [`Clock`]:
//!
//! ```text
//! Samad Demo Root CA                 (pathLen 2, keyCertSign + cRLSign)      root-ca
//! └── Ministry of Science CA         (pathLen 1)                             ministry-ca
//!     ├── University CA              (pathLen 0)                             university-ca
//!     │   ├── official 1, official 2 (natural persons, nonRepudiation)       official-1, official-2
//!     │   ├── official 3             (revoked on the university CA's CRL)    official-3
//!     │   └── OCSP responder         (EKU OCSPSigning, ocsp-nocheck)          ocsp
//!     ├── Ministry of Science seal   (legal person, nonRepudiation)          ministry-seal
//!     └── Time-stamping authority    (EKU timeStamping, critical)            tsa
//! ```
//!
//! Every certificate carries authority and subject key identifiers; every non-root
//! certificate a CRL distribution point (`http://pki.samad-demo.invalid/crl/<issuer>.crl`)
//! and an authority information access entry with the OCSP URL
//! `http://pki.samad-demo.invalid/ocsp`; each CA signs a CRL.
//!
//! ## Identities in the subject
//!
//! * Natural persons carry their national code in the subject `serialNumber` (2.5.4.5) with
//!   the ETSI EN 319 412-1 §5.1.3 semantics identifier for a national personal number:
//!   `PNOIR-<national code>` (the Iranian national code is a personal number, not a
//!   document number, so `PNO` rather than `IDC`). [`national_code_serial`] builds it.
//! * The legal person (the ministry's seal) carries its legal-entity national ID in
//!   `organizationIdentifier` (2.5.4.97) as `NTRIR-<legal-entity ID>`, ETSI EN 319 412-1
//!   §5.1.4's identifier from a national trade register, the closest scheme to Iran's
//!   national legal-entity register. [`legal_entity_organization_identifier`] builds it.
//!
//! ## Output layout (used by later commands; change only with this doc)
//!
//! | file | content |
//! |---|---|
//! | `trust.pem` | the root certificate: the trust anchor to pass to verifiers |
//! | `intermediates.pem` | ministry CA and university CA certificates |
//! | `<name>.pem` | the certificate of `<name>` (PEM) |
//! | `<name>.key.pem` | its private key, PKCS#8 PEM (`PRIVATE KEY`) |
//! | `<name>.chain.pem` | its certificate followed by its issuers up to, not including, the root |
//! | `crl/<ca>.crl`, `crl/<ca>.crl.pem` | the CRL of each CA, DER and PEM |
//!
//! `<name>` is one of `root-ca`, `ministry-ca`, `university-ca`, `official-1`, `official-2`,
//! `official-3` (revoked, reason keyCompromise), `ministry-seal`, `tsa`, `ocsp`.
//!
//! ```
//! use samad::clock::FixedClock;
//! use samad::pki::demo::DemoPki;
//! use time::macros::datetime;
//!
//! let pki = DemoPki::generate(&FixedClock::new(datetime!(2025-03-20 10:00 UTC)))?;
//! assert_eq!(pki.tsa.name, "tsa");
//! assert_eq!(pki.tsa.chain().len(), 2); // the TSA and the ministry CA
//! assert_eq!(pki.crls.len(), 3);
//! # Ok::<(), samad::Error>(())
//! ```

use std::fs;
use std::path::{Path, PathBuf};

use rcgen::{RevocationReason, RevokedCertParams, SerialNumber};
use ring::rand::SystemRandom;
use time::Duration;

use crate::clock::Clock;
use crate::ids::{LegalEntityId, NationalCode};

mod build;
mod error;
#[cfg(test)]
mod tests;

use build::{Authority, Leaf, make_ca, make_crl, make_leaf, make_root, pem};
pub use error::DemoPkiError;

/// The base URL of the demo PKI's distribution points (`.invalid`: it never resolves; the
/// files are under `crl/` of the output directory).
pub const DEMO_BASE_URL: &str = "http://pki.samad-demo.invalid";

/// The demo national codes (bodies; the check digit is computed) of officials 1–3.
const OFFICIAL_CODE_BODIES: [[u8; 9]; 3] = [
    [0, 0, 7, 6, 2, 2, 9, 6, 4],
    [1, 2, 3, 4, 5, 6, 7, 8, 9],
    [2, 7, 4, 1, 0, 3, 5, 8, 6],
];
/// The demo legal-entity ID of the Ministry of Science (body; check digit computed).
const MINISTRY_LEGAL_ID_BODY: [u8; 10] = [1, 0, 1, 0, 1, 8, 6, 3, 2, 4];

/// One certificate holder of the demo PKI: its certificate, key and issuer chain.
#[derive(Clone)]
#[non_exhaustive]
pub struct DemoIdentity {
    /// The file stem under the output directory (`official-1`, `tsa`, …).
    pub name: &'static str,
    /// The certificate, DER.
    pub certificate: Vec<u8>,
    /// The private key, PKCS#8 DER (v2 with the public key, as `ring` reads it).
    pub private_key: Vec<u8>,
    /// The issuers' certificates (DER), nearest first, up to and including the root.
    pub issuers: Vec<Vec<u8>>,
}

impl std::fmt::Debug for DemoIdentity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The private key stays out of logs.
        f.debug_struct("DemoIdentity")
            .field("name", &self.name)
            .field("certificate_len", &self.certificate.len())
            .finish_non_exhaustive()
    }
}

impl DemoIdentity {
    /// The certificate followed by its issuers, without the root (DER): what a signer
    /// embeds and a [`Signer`](crate::pki::signer::Signer) returns.
    pub fn chain(&self) -> Vec<Vec<u8>> {
        let mut chain = vec![self.certificate.clone()];
        let below_root = self.issuers.len().saturating_sub(1);
        chain.extend(self.issuers.iter().take(below_root).cloned());
        chain
    }
}

/// A CRL of one demo CA.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct DemoCrl {
    /// The issuing CA's file stem (`root-ca`, `ministry-ca`, `university-ca`).
    pub issuer: &'static str,
    /// The CRL, DER.
    pub der: Vec<u8>,
}

/// The whole demo PKI in memory; [`DemoPki::write_new_dir`] puts it on disk.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct DemoPki {
    /// The self-signed root CA (the trust anchor).
    pub root_ca: DemoIdentity,
    /// The Ministry of Science CA, under the root.
    pub ministry_ca: DemoIdentity,
    /// The university CA, under the ministry CA.
    pub university_ca: DemoIdentity,
    /// Two university officials (natural persons), valid.
    pub officials: [DemoIdentity; 2],
    /// A third official whose certificate is revoked on the university CA's CRL.
    pub revoked_official: DemoIdentity,
    /// The Ministry of Science organizational seal (legal person).
    pub ministry_seal: DemoIdentity,
    /// The time-stamping authority.
    pub tsa: DemoIdentity,
    /// The OCSP responder for certificates issued by the university CA.
    pub ocsp_responder: DemoIdentity,
    /// One CRL per CA: root, ministry, university.
    pub crls: Vec<DemoCrl>,
}

impl DemoPki {
    /// Makes a fresh demo PKI whose certificates are valid from one hour before
    /// `clock.now()` (roots for 20 years, CAs for 10, leaves for 3) and whose CRLs were issued
    /// one hour before it and are next updated 30 days after it.
    pub fn generate(clock: &dyn Clock) -> Result<DemoPki, DemoPkiError> {
        let now = clock.now();
        let start = now - Duration::hours(1);
        let random = SystemRandom::new();

        let mut root = make_root(start, &random)?;
        let mut ministry = make_ca(
            &root,
            "ministry-ca",
            "Samad Demo Ministry of Science CA",
            1,
            start,
            &random,
        )?;
        let mut university = make_ca(
            &ministry,
            "university-ca",
            "Samad Demo University of Tehran CA",
            0,
            start,
            &random,
        )?;

        let codes = OFFICIAL_CODE_BODIES
            .map(NationalCode::from_body)
            .into_iter()
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| DemoPkiError::generate("official national codes", e))?;
        let legal_id = LegalEntityId::from_body(MINISTRY_LEGAL_ID_BODY)
            .map_err(|e| DemoPkiError::generate("ministry legal-entity ID", e))?;
        let [code_1, code_2, code_3] = codes.as_slice() else {
            return Err(DemoPkiError::generate(
                "official national codes",
                "not three",
            ));
        };

        let leaf = |issuer: &Authority, name, common_name, kind| {
            make_leaf(issuer, name, common_name, kind, start, &random)
        };
        let official_1 = leaf(
            &university,
            "official-1",
            "Maryam Ahmadi (President)",
            Leaf::NaturalPerson { code: code_1 },
        )?;
        let official_2 = leaf(
            &university,
            "official-2",
            "Reza Karimi (Registrar)",
            Leaf::NaturalPerson { code: code_2 },
        )?;
        let official_3 = leaf(
            &university,
            "official-3",
            "Ali Rahimi (Former Registrar)",
            Leaf::NaturalPerson { code: code_3 },
        )?;
        let ocsp = leaf(
            &university,
            "ocsp",
            "Samad Demo University OCSP Responder",
            Leaf::OcspSigning,
        )?;
        let seal = leaf(
            &ministry,
            "ministry-seal",
            "Ministry of Science, Research and Technology",
            Leaf::LegalPerson {
                legal_id: &legal_id,
            },
        )?;
        let tsa = leaf(
            &ministry,
            "tsa",
            "Samad Demo Time-Stamping Authority",
            Leaf::TimeStamping,
        )?;

        university.revoked.push(RevokedCertParams {
            serial_number: SerialNumber::from_slice(&official_3.1),
            revocation_time: start,
            reason_code: Some(RevocationReason::KeyCompromise),
            invalidity_date: None,
        });

        let mut crls = Vec::with_capacity(3);
        for (number, authority) in [&mut root, &mut ministry, &mut university]
            .into_iter()
            .enumerate()
        {
            crls.push(make_crl(authority, number as u64 + 1, start, now)?);
        }

        Ok(DemoPki {
            root_ca: root.identity,
            ministry_ca: ministry.identity,
            university_ca: university.identity,
            officials: [official_1.0, official_2.0],
            revoked_official: official_3.0,
            ministry_seal: seal.0,
            tsa: tsa.0,
            ocsp_responder: ocsp.0,
            crls,
        })
    }

    /// Every identity, CAs first, in a fixed order.
    pub fn identities(&self) -> [&DemoIdentity; 9] {
        [
            &self.root_ca,
            &self.ministry_ca,
            &self.university_ca,
            &self.officials[0],
            &self.officials[1],
            &self.revoked_official,
            &self.ministry_seal,
            &self.tsa,
            &self.ocsp_responder,
        ]
    }

    /// The files of the output layout (module docs), as relative paths and contents.
    pub fn files(&self) -> Vec<(PathBuf, Vec<u8>)> {
        let mut files = vec![
            (
                PathBuf::from("trust.pem"),
                pem("CERTIFICATE", &self.root_ca.certificate),
            ),
            (
                PathBuf::from("intermediates.pem"),
                [&self.ministry_ca, &self.university_ca]
                    .iter()
                    .flat_map(|ca| pem("CERTIFICATE", &ca.certificate))
                    .collect(),
            ),
        ];
        for identity in self.identities() {
            let name = identity.name;
            files.push((
                PathBuf::from(format!("{name}.pem")),
                pem("CERTIFICATE", &identity.certificate),
            ));
            files.push((
                PathBuf::from(format!("{name}.key.pem")),
                pem("PRIVATE KEY", &identity.private_key),
            ));
            files.push((
                PathBuf::from(format!("{name}.chain.pem")),
                identity
                    .chain()
                    .iter()
                    .flat_map(|der| pem("CERTIFICATE", der))
                    .collect(),
            ));
        }
        for crl in &self.crls {
            let stem = Path::new("crl").join(crl.issuer);
            files.push((stem.with_extension("crl"), crl.der.clone()));
            files.push((stem.with_extension("crl.pem"), pem("X509 CRL", &crl.der)));
        }
        files
    }

    /// Writes the output layout into `dir`, which must not exist yet or be empty.
    ///
    /// Nothing is written half-way: the files go to a sibling staging directory that is
    /// renamed to `dir` only when all of them are written.
    pub fn write_new_dir(&self, dir: &Path) -> Result<(), DemoPkiError> {
        let exists_non_empty = match fs::read_dir(dir) {
            Ok(mut entries) => entries.next().is_some(),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => false,
            Err(e) if e.kind() == std::io::ErrorKind::NotADirectory => true,
            Err(source) => return Err(DemoPkiError::io(dir, source)),
        };
        if exists_non_empty || dir.is_file() {
            return Err(DemoPkiError::OutputNotEmpty {
                path: dir.to_path_buf(),
            });
        }
        let file_name = dir
            .file_name()
            .ok_or_else(|| DemoPkiError::OutputNotEmpty {
                path: dir.to_path_buf(),
            })?
            .to_string_lossy();
        let staging = dir.with_file_name(format!(".{file_name}.partial-{}", std::process::id()));
        let result = self.write_files(&staging).and_then(|()| {
            if dir.exists() {
                fs::remove_dir(dir).map_err(|e| DemoPkiError::io(dir, e))?;
            }
            fs::rename(&staging, dir).map_err(|e| DemoPkiError::io(dir, e))
        });
        if result.is_err() {
            // Best effort: the staging directory is ours and holds only what we wrote.
            let _ = fs::remove_dir_all(&staging);
        }
        result
    }

    fn write_files(&self, root: &Path) -> Result<(), DemoPkiError> {
        fs::create_dir_all(root.join("crl")).map_err(|e| DemoPkiError::io(root, e))?;
        for (relative, contents) in self.files() {
            let path = root.join(&relative);
            fs::write(&path, contents).map_err(|e| DemoPkiError::io(&path, e))?;
        }
        Ok(())
    }
}

/// The subject `serialNumber` of a natural person: `PNOIR-` and the national code
/// (ETSI EN 319 412-1 §5.1.3).
pub fn national_code_serial(code: &NationalCode) -> String {
    format!("PNOIR-{}", code.as_str())
}

/// The subject `organizationIdentifier` of a legal person: `NTRIR-` and the legal-entity
/// national ID (ETSI EN 319 412-1 §5.1.4).
pub fn legal_entity_organization_identifier(id: &LegalEntityId) -> String {
    format!("NTRIR-{}", id.as_str())
}
