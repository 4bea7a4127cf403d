//! Shared by the CAdES validation tests: a demo PKI at a fixed moment, its trust anchor and
//! CRLs, leaves issued under the demo university CA with chosen validity or extensions
//! (rcgen, the CA's own key), and signing at a level with the demo TSA.
#![allow(dead_code)]

use rcgen::{
    CertificateParams, CustomExtension, DistinguishedName, DnType, DnValue, IsCa, Issuer,
    KeyIdMethod, KeyPair, KeyUsagePurpose, SerialNumber,
};
use samad::clock::FixedClock;
use samad::cms::{Content, Level, LtSources, SignOptions, sign};
use samad::pki::cert::Certificate;
use samad::pki::demo::DemoPki;
use samad::pki::revocation::OfflineRevocation;
use samad::pki::signer::SoftwareSigner;
use samad::pki::trust::TrustStore;
use samad::pki::tsp::DemoTsa;
use samad::validation::ValidationContext;
use time::macros::datetime;
use time::{Duration, OffsetDateTime};

/// When the demo PKI is made (its CRLs: thisUpdate T0 − 1 h, nextUpdate T0 + 30 days).
pub const T0: OffsetDateTime = datetime!(2026-03-01 10:00 UTC);
/// When the test signatures are made.
pub const SIGNED_AT: OffsetDateTime = datetime!(2026-03-01 10:05 UTC);

pub struct Fixture {
    /// When the demo PKI was made.
    pub t0: OffsetDateTime,
    pub pki: DemoPki,
    pub trust: TrustStore,
    pub crls: OfflineRevocation,
}

impl Fixture {
    /// The demo PKI made at [`T0`].
    pub fn new() -> Fixture {
        Fixture::at(T0)
    }

    /// The demo PKI made at `t0` (e.g. now, for tests that go through the CLI, which signs
    /// with the system clock).
    pub fn at(t0: OffsetDateTime) -> Fixture {
        let pki = DemoPki::generate(&FixedClock::new(t0)).expect("demo PKI");
        let trust = TrustStore::from_certificates(vec![
            Certificate::from_der(&pki.root_ca.certificate).expect("root"),
        ])
        .expect("trust");
        let mut crls = OfflineRevocation::new();
        for crl in &pki.crls {
            crls = crls.with_crl_bytes(&crl.der).expect("demo CRL");
        }
        Fixture {
            t0,
            pki,
            trust,
            crls,
        }
    }

    /// A validation context at `at` with the demo CRLs as the caller's offline data.
    pub fn ctx(&self, at: OffsetDateTime) -> ValidationContext<'_> {
        ValidationContext::new(&self.trust, at).revocation(&self.crls, "offline")
    }

    /// The signer of a demo identity.
    pub fn signer(&self, identity: &samad::pki::demo::DemoIdentity) -> SoftwareSigner {
        SoftwareSigner::from_pkcs8_der(&identity.private_key, identity.chain()).expect("signer")
    }

    /// The demo TSA answering at `at`.
    pub fn tsa(&self, at: OffsetDateTime) -> DemoTsa {
        DemoTsa::from_demo_pki(&self.pki, FixedClock::new(at)).expect("TSA")
    }

    /// A detached signature over `content` at `level`, made at [`SIGNED_AT`] with the demo
    /// TSA and, for B-LT and up, the demo CRLs as the validation data.
    pub fn sign(&self, signer: &SoftwareSigner, content: &[u8], level: Level) -> Vec<u8> {
        let tsa = self.tsa(SIGNED_AT);
        let options = SignOptions::new(level)
            .signing_time(SIGNED_AT)
            .timestamp(&tsa)
            .lt(LtSources {
                trust: &self.trust,
                intermediates: &[],
                revocation: &self.crls,
                at: SIGNED_AT,
            });
        sign(Content::Data(content), signer, &options).expect("sign")
    }

    /// A natural person's certificate under the demo university CA, valid from t0 − 1 h to
    /// `not_after`, with `critical_extension` (an OID samad does not know) when asked.
    pub fn issue_official(
        &self,
        common_name: &str,
        not_after: OffsetDateTime,
        critical_extension: Option<&[u64]>,
    ) -> SoftwareSigner {
        let issuer = self.university_issuer();
        let key = KeyPair::generate_for(&rcgen::PKCS_ECDSA_P256_SHA256).expect("key");
        let mut params = CertificateParams::default();
        params.distinguished_name = name(common_name);
        params.not_before = self.t0 - Duration::hours(1);
        params.not_after = not_after;
        params.serial_number = Some(SerialNumber::from_slice(&[0x42, 0x17, 0x01]));
        params.is_ca = IsCa::ExplicitNoCa;
        params.key_usages = vec![
            KeyUsagePurpose::DigitalSignature,
            KeyUsagePurpose::ContentCommitment,
        ];
        params.use_authority_key_identifier_extension = true;
        params.key_identifier_method = KeyIdMethod::Sha256;
        if let Some(oid) = critical_extension {
            let mut ext = CustomExtension::from_oid_content(oid, vec![0x05, 0x00]);
            ext.set_criticality(true);
            params.custom_extensions.push(ext);
        }
        let cert = params.signed_by(&key, &issuer).expect("issue");
        let mut chain = vec![cert.der().to_vec()];
        chain.extend(self.pki.university_ca.chain());
        SoftwareSigner::from_pkcs8_der(&key.serialize_der(), chain).expect("signer")
    }
}

impl Fixture {
    /// The demo university CA as an rcgen issuer (its own key, its subject as the demo
    /// generator writes it, `spec/pki-demo.md`).
    pub fn university_issuer(&self) -> Issuer<'static, KeyPair> {
        issuer(
            &self.pki.university_ca,
            "Samad Demo University of Tehran CA",
        )
    }

    /// Fresh CRLs (nothing revoked) of the demo root and ministry CAs, issued at `at` and
    /// next updated 30 days later: what a verifier fetches long after signing to check the
    /// TSA's chain (the TSA is certified by the ministry CA).
    pub fn fresh_tsa_chain_crls(&self, at: OffsetDateTime) -> OfflineRevocation {
        let mut source = OfflineRevocation::new();
        for (identity, common_name) in [
            (&self.pki.root_ca, "Samad Demo Root CA"),
            (&self.pki.ministry_ca, "Samad Demo Ministry of Science CA"),
        ] {
            let crl = rcgen::CertificateRevocationListParams {
                this_update: at - Duration::hours(1),
                next_update: at + Duration::days(30),
                crl_number: SerialNumber::from(100u64),
                issuing_distribution_point: None,
                revoked_certs: Vec::new(),
                key_identifier_method: KeyIdMethod::Sha256,
            }
            .signed_by(&issuer(identity, common_name))
            .expect("CRL");
            source = source.with_crl_bytes(crl.der()).expect("fresh CRL");
        }
        source
    }

    /// A document-signing certificate (DER) under the demo university CA for a public key
    /// held elsewhere (e.g. on a token), valid from t0 − 1 h for a year.
    pub fn certify_public_key(&self, common_name: &str, spki_der: &[u8]) -> Vec<u8> {
        let public_key = EcP256PublicKey::from_spki(spki_der);
        let mut params = CertificateParams::default();
        params.distinguished_name = name(common_name);
        params.not_before = self.t0 - Duration::hours(1);
        params.not_after = self.t0 + Duration::days(365);
        params.serial_number = Some(SerialNumber::from_slice(&[0x42, 0x17, 0x02]));
        params.is_ca = IsCa::ExplicitNoCa;
        params.key_usages = vec![
            KeyUsagePurpose::DigitalSignature,
            KeyUsagePurpose::ContentCommitment,
        ];
        params.use_authority_key_identifier_extension = true;
        params.key_identifier_method = KeyIdMethod::Sha256;
        params
            .signed_by(&public_key, &self.university_issuer())
            .expect("issue")
            .der()
            .to_vec()
    }
}

/// A demo CA as an rcgen issuer: its own key and its subject as the demo generator writes it.
fn issuer(
    identity: &samad::pki::demo::DemoIdentity,
    common_name: &str,
) -> Issuer<'static, KeyPair> {
    let key = KeyPair::try_from(identity.private_key.as_slice()).expect("CA key");
    let mut params = CertificateParams::default();
    params.distinguished_name = name(common_name);
    params.key_identifier_method = KeyIdMethod::Sha256;
    Issuer::new(params, key)
}

fn name(common_name: &str) -> DistinguishedName {
    let mut dn = DistinguishedName::new();
    dn.push(
        DnType::CountryName,
        DnValue::PrintableString("IR".parse().expect("printable")),
    );
    dn.push(DnType::CommonName, common_name);
    dn
}

/// An EC P-256 public key held elsewhere (a token), as rcgen certifies it.
struct EcP256PublicKey {
    point: Vec<u8>,
}

impl EcP256PublicKey {
    fn from_spki(der: &[u8]) -> EcP256PublicKey {
        use der::Decode;
        let info = spki::SubjectPublicKeyInfoRef::from_der(der).expect("SPKI");
        EcP256PublicKey {
            point: info.subject_public_key.raw_bytes().to_vec(),
        }
    }
}

impl rcgen::PublicKeyData for EcP256PublicKey {
    fn der_bytes(&self) -> &[u8] {
        &self.point
    }

    fn algorithm(&self) -> &'static rcgen::SignatureAlgorithm {
        &rcgen::PKCS_ECDSA_P256_SHA256
    }
}
