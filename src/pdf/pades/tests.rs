//! PAdES signing: structure of every revision, the CMS inside, DocMDP, DSS and document
//! time-stamps, checked with the reader and the CMS parser; bad inputs refused unchanged.
//! Outside validators (pyHanko, pdfsig, qpdf) check the same files in `tests/pades_*.rs`.

use std::sync::OnceLock;

use time::OffsetDateTime;
use time::macros::datetime;

use super::contents::signature_size;
use super::field::text_string;
use super::*;
use crate::clock::FixedClock;
use crate::cms::{CmsSignature, Content};
use crate::diploma::{DiplomaFonts, DiplomaRecord, render};
use crate::pdf::reader::{Document, SignatureType};
use crate::pdf::{ObjRef, PdfError};
use crate::pki::algorithm::DigestAlgorithm;
use crate::pki::cert::Certificate;
use crate::pki::demo::{DemoIdentity, DemoPki};
use crate::pki::revocation::OfflineRevocation;
use crate::pki::signer::{Signer, SoftwareSigner};
use crate::pki::trust::TrustStore;
use crate::pki::tsp::{DemoTsa, TimestampRequest, verify_token};

const AT: OffsetDateTime = datetime!(2025-03-20 10:00 UTC);
/// `id-signingTime` (RFC 5652 §11.3): PAdES forbids it.
const SIGNING_TIME: &str = "1.2.840.113549.1.9.5";

struct Fixture {
    pki: DemoPki,
    signers: [SoftwareSigner; 3],
    tsa: DemoTsa,
    trust: TrustStore,
    intermediates: Vec<Certificate>,
    revocation: OfflineRevocation,
    diploma: Vec<u8>,
}

fn signer(who: &DemoIdentity) -> SoftwareSigner {
    SoftwareSigner::from_pkcs8_der(&who.private_key, who.chain()).expect("demo key")
}

fn fixture() -> &'static Fixture {
    static FIXTURE: OnceLock<Fixture> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        let clock = FixedClock::new(AT);
        let pki = DemoPki::generate(&clock).expect("demo PKI");
        let record =
            DiplomaRecord::from_json(include_str!("../../../tests/data/diploma/record.json"))
                .expect("record");
        let fonts = DiplomaFonts::prepare([&record]).expect("fonts");
        let diploma = render(&record, &fonts, AT).expect("render");
        let mut revocation = OfflineRevocation::new();
        for crl in &pki.crls {
            revocation = revocation.with_crl_bytes(&crl.der).expect("CRL");
        }
        Fixture {
            signers: [
                signer(&pki.officials[0]),
                signer(&pki.officials[1]),
                signer(&pki.ministry_seal),
            ],
            tsa: DemoTsa::from_demo_pki(&pki, clock).expect("TSA"),
            trust: TrustStore::from_certificates(vec![
                Certificate::from_der(&pki.root_ca.certificate).expect("root"),
            ])
            .expect("trust"),
            intermediates: [&pki.ministry_ca, &pki.university_ca]
                .iter()
                .map(|ca| Certificate::from_der(&ca.certificate).expect("CA"))
                .collect(),
            revocation,
            diploma,
            pki,
        }
    })
}

impl Fixture {
    fn options(&self, level: Level) -> PadesOptions<'_> {
        PadesOptions::new(level, AT)
            .timestamp(&self.tsa)
            .lt(crate::cms::LtSources {
                trust: &self.trust,
                intermediates: &self.intermediates,
                revocation: &self.revocation,
                at: AT,
            })
    }

    fn diploma_signers(&self) -> DiplomaSigners<'_> {
        let [a, b, c] = &self.signers;
        DiplomaSigners {
            official_1: a,
            official_2: b,
            ministry_seal: c,
        }
    }

    fn signed(&self, level: Level) -> Vec<u8> {
        sign_diploma(&self.diploma, &self.diploma_signers(), &self.options(level))
            .expect("sign diploma")
    }
}

/// A one-page PDF without a form.
fn blank_pdf() -> Vec<u8> {
    let mut writer = pdf_writer::Pdf::new();
    let (catalog, pages, page) = (
        pdf_writer::Ref::new(1),
        pdf_writer::Ref::new(2),
        pdf_writer::Ref::new(3),
    );
    writer.catalog(catalog).pages(pages);
    writer.pages(pages).kids([page]).count(1);
    writer
        .page(page)
        .parent(pages)
        .media_box(pdf_writer::Rect::new(0.0, 0.0, 595.0, 842.0));
    writer.finish()
}

/// The signature value of field `name` with its dictionary.
fn signature_of(doc: &Document<'_>, name: &str) -> crate::pdf::reader::SignatureDictionary {
    let field = doc
        .signature_fields()
        .expect("fields")
        .into_iter()
        .find(|f| f.name == name)
        .unwrap_or_else(|| panic!("no field {name}"));
    doc.signature_dictionary(
        field
            .value
            .unwrap_or_else(|| panic!("{name} is not signed")),
    )
    .expect("signature dictionary")
}

/// The two signed parts of `bytes` per `sig`'s ByteRange, checked to cover the file up to
/// `end` except exactly the `/Contents` string.
fn covered(bytes: &[u8], sig: &crate::pdf::reader::SignatureDictionary, end: usize) -> Vec<u8> {
    let range = sig.byte_range.as_deref().expect("ByteRange");
    let (start, hole_end) = sig.contents_span.expect("Contents span");
    let [a, b, c, d] = range else {
        panic!("ByteRange {range:?}")
    };
    let as_usize = |v: &i64| usize::try_from(*v).expect("non-negative");
    assert_eq!((as_usize(a), as_usize(b)), (0, start), "first range");
    assert_eq!(as_usize(c), hole_end, "second range starts after /Contents");
    assert_eq!(
        as_usize(c) + as_usize(d),
        end,
        "covers its revision to %%EOF"
    );
    let mut data = bytes[..start].to_vec();
    data.extend_from_slice(&bytes[hole_end..end]);
    data
}

/// Checks the CMS of `sig` the way a validator would; returns it.
fn check_cms(
    bytes: &[u8],
    sig: &crate::pdf::reader::SignatureDictionary,
    end: usize,
) -> CmsSignature {
    let der = super::dss::der_prefix(sig.contents.as_deref().expect("Contents")).expect("DER");
    let cms = CmsSignature::from_der(der).expect("CMS");
    cms.check_message_digest(Content::Data(&covered(bytes, sig, end)))
        .expect("message digest over the ByteRange");
    let cert = cms.signer_certificate(&[]).expect("signer certificate");
    cms.verify_signature_value(&cert).expect("signature value");
    assert!(
        !cms.has_signed_attribute(SIGNING_TIME),
        "PAdES has no signing-time attribute"
    );
    cms
}

#[test]
fn sign_field_adds_an_invisible_field_and_covers_the_whole_file() {
    let f = fixture();
    let pdf = blank_pdf();
    let options = PadesOptions::new(Level::BB, AT);
    let signed =
        sign_field(&pdf, "approval", &f.signers[1], "Registrar", None, &options).expect("sign");
    assert!(signed.starts_with(&pdf));
    let doc = Document::parse(&signed).expect("parse");
    assert_eq!(doc.revisions().len(), 2);
    let sig = signature_of(&doc, "approval");
    assert_eq!(sig.type_, SignatureType::Sig);
    assert_eq!(sig.filter.as_deref(), Some("Adobe.PPKLite"));
    assert_eq!(sig.sub_filter.as_deref(), Some("ETSI.CAdES.detached"));
    assert_eq!(sig.m.as_deref(), Some("D:20250320100000Z"));
    assert_eq!(sig.docmdp, None);
    assert!(sig.name.as_deref().is_some_and(|n| !n.is_empty()));
    let cms = check_cms(&signed, &sig, signed.len());
    assert_eq!(cms.claimed_role().as_deref(), Some("Registrar"));
    assert_eq!(cms.level(), Level::BB);
    // The widget is on the first page and the form says signatures exist.
    let catalog = doc.catalog().expect("catalog");
    let form = doc
        .resolve(catalog.get(b"AcroForm").expect("AcroForm"))
        .expect("form");
    assert_eq!(
        form.as_dict().and_then(|d| d.get_integer(b"SigFlags")),
        Some(3)
    );
    let field = &doc.signature_fields().expect("fields")[0];
    assert_eq!(field.pages, vec![ObjRef::new(3, 0)]);
}

#[test]
fn diploma_b_b_certifies_then_approves_each_in_its_revision() {
    let f = fixture();
    let signed = f.signed(Level::BB);
    assert!(signed.starts_with(&f.diploma));
    let doc = Document::parse(&signed).expect("parse");
    let revisions = doc.revisions();
    assert_eq!(revisions.len(), 4, "original + three signatures");
    let roles = [
        ("official-1", "official-1: President of the University"),
        ("official-2", "official-2: Director General of Education"),
        ("ministry-seal", "ministry-seal: Seal of the Ministry"),
    ];
    for (i, (field, role)) in roles.into_iter().enumerate() {
        let sig = signature_of(&doc, field);
        let end = revisions[i + 1].end;
        let cms = check_cms(&signed, &sig, end);
        assert_eq!(sig.reason.as_deref(), Some(role), "{field}");
        assert_eq!(cms.claimed_role().as_deref(), Some(role), "{field}");
        assert_eq!(
            cms.signer_certificate(&[]).expect("cert").der(),
            f.signers[i].certificate_chain()[0].as_slice()
        );
        assert_eq!(
            sig.docmdp,
            (i == 0).then_some(DOCMDP_FORM_FILLING),
            "{field}"
        );
    }
    let docmdp = doc.docmdp_permissions().expect("perms").expect("DocMDP");
    assert_eq!(docmdp.permissions, 2);
    assert_eq!(
        Some(docmdp.signature),
        doc.signature_fields().expect("f")[0].value
    );
    assert!(doc.dss().expect("dss").is_none());
}

#[test]
fn diploma_b_t_carries_a_signature_timestamp_in_each_cms() {
    let f = fixture();
    let signed = f.signed(Level::BT);
    let doc = Document::parse(&signed).expect("parse");
    assert_eq!(doc.revisions().len(), 4);
    for (i, field) in crate::diploma::SIGNER_ROLES.iter().enumerate() {
        let sig = signature_of(&doc, field);
        let cms = check_cms(&signed, &sig, doc.revisions()[i + 1].end);
        assert_eq!(cms.level(), Level::BT, "{field}");
        let stamps = cms.signature_timestamps();
        assert_eq!(stamps.len(), 1);
        let stamp = stamps[0].as_ref().expect("signature time-stamp verifies");
        assert_eq!(stamp.tsa_certificate, f.pki.tsa.certificate);
    }
}

#[test]
fn diploma_b_lt_adds_a_dss_with_every_chain_and_crl() {
    let f = fixture();
    let signed = f.signed(Level::BLt);
    let doc = Document::parse(&signed).expect("parse");
    assert_eq!(doc.revisions().len(), 5, "three signatures and the DSS");
    let dss = doc.dss().expect("dss").expect("a DSS");
    for who in [
        &f.pki.root_ca,
        &f.pki.ministry_ca,
        &f.pki.university_ca,
        &f.pki.officials[0],
        &f.pki.officials[1],
        &f.pki.ministry_seal,
        &f.pki.tsa,
    ] {
        assert!(
            dss.certs.contains(&who.certificate),
            "{} in /DSS /Certs",
            who.name
        );
    }
    for crl in f.pki.crls.iter().filter(|c| c.issuer != "root-ca") {
        assert!(
            dss.crls.contains(&crl.der),
            "CRL of {} in /DSS /CRLs",
            crl.issuer
        );
    }
    // The DSS revision adds one stream per item and the DSS dictionary, and rewrites only
    // the catalog.
    let last = doc.revisions().last().expect("rev");
    assert_eq!(last.objects.len(), dss.certs.len() + dss.crls.len() + 2);
}

#[test]
fn diploma_b_lta_ends_with_a_document_timestamp_over_its_revision() {
    let f = fixture();
    let signed = f.signed(Level::BLta);
    let doc = Document::parse(&signed).expect("parse");
    assert_eq!(doc.revisions().len(), 6);
    let sig = signature_of(&doc, "doc-timestamp-1");
    assert_eq!(sig.type_, SignatureType::DocTimeStamp);
    assert_eq!(sig.sub_filter.as_deref(), Some("ETSI.RFC3161"));
    let data = covered(&signed, &sig, signed.len());
    let token = super::dss::der_prefix(sig.contents.as_deref().expect("Contents")).expect("DER");
    let request = TimestampRequest::for_data(DigestAlgorithm::Sha256, &data);
    let stamp = verify_token(token, &request, &[]).expect("the token covers the ByteRange");
    assert_eq!(stamp.gen_time, AT);
}

#[test]
fn extend_lta_renews_with_dss_and_a_new_document_timestamp() {
    let f = fixture();
    let lta = f.signed(Level::BLta);
    let renewed = extend_lta(&lta, &f.options(Level::BLta)).expect("renew");
    assert!(renewed.starts_with(&lta));
    let doc = Document::parse(&renewed).expect("parse");
    let sig = signature_of(&doc, "doc-timestamp-2");
    assert_eq!(sig.type_, SignatureType::DocTimeStamp);
    // The first document time-stamp's TSA had its chain in the DSS already and the CRLs
    // are the same, so renewal here adds only the new time-stamp's revision.
    assert_eq!(doc.revisions().len(), 7);
    let dss = doc.dss().expect("dss").expect("DSS");
    assert!(dss.certs.contains(&f.pki.tsa.certificate));
}

#[test]
fn add_dss_adds_only_what_is_missing() {
    let f = fixture();
    let lt = f.signed(Level::BLt);
    let doc = Document::parse(&lt).expect("parse");
    let dss = doc.dss().expect("dss").expect("DSS");
    let same = crate::cms::ValidationData {
        certificates: dss.certs.clone(),
        crls: dss.crls.clone(),
        ocsp_responses: Vec::new(),
    };
    assert_eq!(
        add_dss(&lt, &same).expect("no-op"),
        lt,
        "nothing new: no revision"
    );
    let more = crate::cms::ValidationData {
        certificates: vec![f.pki.revoked_official.certificate.clone()],
        ..Default::default()
    };
    let grown = add_dss(&lt, &more).expect("add");
    let doc = Document::parse(&grown).expect("parse");
    let after = doc.dss().expect("dss").expect("DSS");
    assert_eq!(after.certs.len(), dss.certs.len() + 1);
    assert_eq!(after.crls, dss.crls);
}

#[test]
fn certification_must_be_first_and_a_signed_field_is_refused() {
    let f = fixture();
    let options = f.options(Level::BB);
    let once =
        sign_field(&f.diploma, "official-2", &f.signers[1], "x", None, &options).expect("approval");
    let err = sign_field(&once, "official-1", &f.signers[0], "x", Some(2), &options)
        .expect_err("certification after an approval");
    assert!(
        matches!(err, PdfError::Signature { ref field, .. } if field == "official-1"),
        "{err}"
    );
    let err = sign_field(&once, "official-2", &f.signers[1], "x", None, &options)
        .expect_err("already signed");
    assert!(err.to_string().contains("already signed"), "{err}");
    let err = sign_field(
        &f.diploma,
        "official-1",
        &f.signers[0],
        "x",
        Some(4),
        &options,
    )
    .expect_err("P = 4");
    assert!(err.to_string().contains("1, 2 or 3"), "{err}");
}

#[test]
fn missing_sources_are_refused_before_signing() {
    let f = fixture();
    let bare = PadesOptions::new(Level::BT, AT);
    let err = sign_diploma(&f.diploma, &f.diploma_signers(), &bare).expect_err("no TSA");
    assert!(err.to_string().contains("time-stamp authority"), "{err}");
    let no_lt = PadesOptions::new(Level::BLt, AT).timestamp(&f.tsa);
    let err = sign_diploma(&f.diploma, &f.diploma_signers(), &no_lt).expect_err("no lt");
    assert!(err.to_string().contains("validation-data sources"), "{err}");
    let err = extend_lta(&f.diploma, &bare).expect_err("renewal without a TSA");
    assert!(err.to_string().contains("time-stamp authority"), "{err}");
    let err = extend_lta(&f.diploma, &no_lt).expect_err("renewal without sources");
    assert!(err.to_string().contains("validation-data sources"), "{err}");
}

#[test]
fn garbage_and_truncated_pdfs_are_errors_not_panics() {
    let f = fixture();
    let options = f.options(Level::BB);
    for bad in [&b""[..], b"%PDF-1.7\n", &f.diploma[..f.diploma.len() / 2]] {
        assert!(sign_field(bad, "x", &f.signers[0], "r", None, &options).is_err());
        assert!(add_document_timestamp(bad, &f.tsa).is_err());
        assert!(add_dss(bad, &Default::default()).is_err());
    }
}

#[test]
fn contents_size_covers_chain_and_timestamp() {
    let f = fixture();
    let chain: usize = f.signers[0].certificate_chain().iter().map(Vec::len).sum();
    let bb = signature_size(&f.signers[0], 20, false);
    let bt = signature_size(&f.signers[0], 20, true);
    assert!(bb >= chain + 3000 && bb.is_multiple_of(1024), "{bb}");
    assert!(bt >= bb + 12 * 1024, "{bt}");
}

#[test]
fn text_strings_are_pdfdoc_or_utf16() {
    assert_eq!(
        text_string("official-1: President"),
        b"official-1: President"
    );
    assert_eq!(
        text_string("مهر"),
        [0xfe, 0xff, 0x06, 0x45, 0x06, 0x47, 0x06, 0x31]
    );
}

#[test]
fn a_page_tree_that_loops_is_refused_not_followed_forever() {
    let f = fixture();
    let mut writer = pdf_writer::Pdf::new();
    let (catalog, pages) = (pdf_writer::Ref::new(1), pdf_writer::Ref::new(2));
    writer.catalog(catalog).pages(pages);
    // The page tree's only kid is the tree itself.
    writer.pages(pages).kids([pages]).count(1);
    let pdf = writer.finish();
    let err = sign_field(
        &pdf,
        "approval",
        &f.signers[0],
        "r",
        None,
        &f.options(Level::BB),
    )
    .expect_err("no first page");
    assert!(err.to_string().contains("page tree"), "{err}");
}
