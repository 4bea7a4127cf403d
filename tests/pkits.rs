//! NIST PKITS (Public Key Interoperability Test Suite, 2011 edition) over samad's RFC 5280
//! path validation, with the suite's CRLs as an offline revocation source.
//!
//! The data comes from the PyPI package `cryptography_vectors` (pinned in
//! scripts/reference/requirements.txt) under `x509/PKITS_data/`. Every test of sections
//! 4.1–4.16 runs with the PKITS default settings (trust anchor "Trust Anchor",
//! initial policy set any-policy, no explicit policy, every CRL available) at 2011-06-01,
//! inside every certificate's and CRL's validity except where a test says otherwise.
//! A result that differs from the table fails the test unless `tests/data/pkits/exceptions.txt`
//! lists the test with its reason.

mod support;

use std::collections::BTreeMap;
use std::path::PathBuf;

use samad::pki::cert::Certificate;
use samad::pki::path::{PathValidator, Purpose};
use samad::pki::revocation::OfflineRevocation;
use samad::pki::trust::TrustStore;
use time::macros::datetime;

/// (PKITS test number, end-entity certificate file stem, expected to validate).
/// Numbers and outcomes from the PKITS description, sections 4.1–4.16 (4.8.1 is the same
/// path as 4.1.1; the policy tests' outcomes are those of the default settings).
const TESTS: &[(&str, &str, bool)] = &[
    ("4.1.1", "ValidCertificatePathTest1", true),
    ("4.1.2", "InvalidCASignatureTest2", false),
    ("4.1.3", "InvalidEESignatureTest3", false),
    ("4.1.4", "ValidDSASignaturesTest4", true),
    ("4.1.5", "ValidDSAParameterInheritanceTest5", true),
    ("4.1.6", "InvalidDSASignatureTest6", false),
    ("4.2.1", "InvalidCAnotBeforeDateTest1", false),
    ("4.2.2", "InvalidEEnotBeforeDateTest2", false),
    ("4.2.3", "Validpre2000UTCnotBeforeDateTest3", true),
    ("4.2.4", "ValidGeneralizedTimenotBeforeDateTest4", true),
    ("4.2.5", "InvalidCAnotAfterDateTest5", false),
    ("4.2.6", "InvalidEEnotAfterDateTest6", false),
    ("4.2.7", "Invalidpre2000UTCEEnotAfterDateTest7", false),
    ("4.2.8", "ValidGeneralizedTimenotAfterDateTest8", true),
    ("4.3.1", "InvalidNameChainingTest1", false),
    ("4.3.2", "InvalidNameChainingOrderTest2", false),
    ("4.3.3", "ValidNameChainingWhitespaceTest3", true),
    ("4.3.4", "ValidNameChainingWhitespaceTest4", true),
    ("4.3.5", "ValidNameChainingCapitalizationTest5", true),
    ("4.3.6", "ValidNameUIDsTest6", true),
    ("4.3.7", "ValidRFC3280MandatoryAttributeTypesTest7", true),
    ("4.3.8", "ValidRFC3280OptionalAttributeTypesTest8", true),
    ("4.3.9", "ValidUTF8StringEncodedNamesTest9", true),
    (
        "4.3.10",
        "ValidRolloverfromPrintableStringtoUTF8StringTest10",
        true,
    ),
    ("4.3.11", "ValidUTF8StringCaseInsensitiveMatchTest11", true),
    ("4.4.1", "InvalidMissingCRLTest1", false),
    ("4.4.2", "InvalidRevokedCATest2", false),
    ("4.4.3", "InvalidRevokedEETest3", false),
    ("4.4.4", "InvalidBadCRLSignatureTest4", false),
    ("4.4.5", "InvalidBadCRLIssuerNameTest5", false),
    ("4.4.6", "InvalidWrongCRLTest6", false),
    ("4.4.7", "ValidTwoCRLsTest7", true),
    ("4.4.8", "InvalidUnknownCRLEntryExtensionTest8", false),
    ("4.4.9", "InvalidUnknownCRLExtensionTest9", false),
    ("4.4.10", "InvalidUnknownCRLExtensionTest10", false),
    ("4.4.11", "InvalidOldCRLnextUpdateTest11", false),
    ("4.4.12", "Invalidpre2000CRLnextUpdateTest12", false),
    ("4.4.13", "ValidGeneralizedTimeCRLnextUpdateTest13", true),
    ("4.4.14", "ValidNegativeSerialNumberTest14", true),
    ("4.4.15", "InvalidNegativeSerialNumberTest15", false),
    ("4.4.16", "ValidLongSerialNumberTest16", true),
    ("4.4.17", "ValidLongSerialNumberTest17", true),
    ("4.4.18", "InvalidLongSerialNumberTest18", false),
    ("4.4.19", "ValidSeparateCertificateandCRLKeysTest19", true),
    (
        "4.4.20",
        "InvalidSeparateCertificateandCRLKeysTest20",
        false,
    ),
    (
        "4.4.21",
        "InvalidSeparateCertificateandCRLKeysTest21",
        false,
    ),
    ("4.5.1", "ValidBasicSelfIssuedOldWithNewTest1", true),
    ("4.5.2", "InvalidBasicSelfIssuedOldWithNewTest2", false),
    ("4.5.3", "ValidBasicSelfIssuedNewWithOldTest3", true),
    ("4.5.4", "ValidBasicSelfIssuedNewWithOldTest4", true),
    ("4.5.5", "InvalidBasicSelfIssuedNewWithOldTest5", false),
    ("4.5.6", "ValidBasicSelfIssuedCRLSigningKeyTest6", true),
    ("4.5.7", "InvalidBasicSelfIssuedCRLSigningKeyTest7", false),
    ("4.5.8", "InvalidBasicSelfIssuedCRLSigningKeyTest8", false),
    ("4.6.1", "InvalidMissingbasicConstraintsTest1", false),
    ("4.6.2", "InvalidcAFalseTest2", false),
    ("4.6.3", "InvalidcAFalseTest3", false),
    ("4.6.4", "ValidbasicConstraintsNotCriticalTest4", true),
    ("4.6.5", "InvalidpathLenConstraintTest5", false),
    ("4.6.6", "InvalidpathLenConstraintTest6", false),
    ("4.6.7", "ValidpathLenConstraintTest7", true),
    ("4.6.8", "ValidpathLenConstraintTest8", true),
    ("4.6.9", "InvalidpathLenConstraintTest9", false),
    ("4.6.10", "InvalidpathLenConstraintTest10", false),
    ("4.6.11", "InvalidpathLenConstraintTest11", false),
    ("4.6.12", "InvalidpathLenConstraintTest12", false),
    ("4.6.13", "ValidpathLenConstraintTest13", true),
    ("4.6.14", "ValidpathLenConstraintTest14", true),
    ("4.6.15", "ValidSelfIssuedpathLenConstraintTest15", true),
    ("4.6.16", "InvalidSelfIssuedpathLenConstraintTest16", false),
    ("4.6.17", "ValidSelfIssuedpathLenConstraintTest17", true),
    (
        "4.7.1",
        "InvalidkeyUsageCriticalkeyCertSignFalseTest1",
        false,
    ),
    (
        "4.7.2",
        "InvalidkeyUsageNotCriticalkeyCertSignFalseTest2",
        false,
    ),
    ("4.7.3", "ValidkeyUsageNotCriticalTest3", true),
    ("4.7.4", "InvalidkeyUsageCriticalcRLSignFalseTest4", false),
    (
        "4.7.5",
        "InvalidkeyUsageNotCriticalcRLSignFalseTest5",
        false,
    ),
    ("4.8.2", "AllCertificatesNoPoliciesTest2", true),
    ("4.8.3", "DifferentPoliciesTest3", true),
    ("4.8.4", "DifferentPoliciesTest4", false),
    ("4.8.5", "DifferentPoliciesTest5", false),
    ("4.8.6", "OverlappingPoliciesTest6", true),
    ("4.8.7", "DifferentPoliciesTest7", false),
    ("4.8.8", "DifferentPoliciesTest8", false),
    ("4.8.9", "DifferentPoliciesTest9", false),
    ("4.8.10", "AllCertificatesSamePoliciesTest10", true),
    ("4.8.11", "AllCertificatesanyPolicyTest11", true),
    ("4.8.12", "DifferentPoliciesTest12", false),
    ("4.8.13", "AllCertificatesSamePoliciesTest13", true),
    ("4.8.14", "AnyPolicyTest14", true),
    ("4.8.15", "UserNoticeQualifierTest15", true),
    ("4.8.16", "UserNoticeQualifierTest16", true),
    ("4.8.17", "UserNoticeQualifierTest17", true),
    ("4.8.18", "UserNoticeQualifierTest18", true),
    ("4.8.19", "UserNoticeQualifierTest19", true),
    ("4.8.20", "CPSPointerQualifierTest20", true),
    ("4.9.1", "ValidrequireExplicitPolicyTest1", true),
    ("4.9.2", "ValidrequireExplicitPolicyTest2", true),
    ("4.9.3", "InvalidrequireExplicitPolicyTest3", false),
    ("4.9.4", "ValidrequireExplicitPolicyTest4", true),
    ("4.9.5", "InvalidrequireExplicitPolicyTest5", false),
    ("4.9.6", "ValidSelfIssuedrequireExplicitPolicyTest6", true),
    (
        "4.9.7",
        "InvalidSelfIssuedrequireExplicitPolicyTest7",
        false,
    ),
    (
        "4.9.8",
        "InvalidSelfIssuedrequireExplicitPolicyTest8",
        false,
    ),
    ("4.10.1", "ValidPolicyMappingTest1", true),
    ("4.10.2", "InvalidPolicyMappingTest2", false),
    ("4.10.3", "ValidPolicyMappingTest3", true),
    ("4.10.4", "InvalidPolicyMappingTest4", false),
    ("4.10.5", "ValidPolicyMappingTest5", true),
    ("4.10.6", "ValidPolicyMappingTest6", true),
    ("4.10.7", "InvalidMappingFromanyPolicyTest7", false),
    ("4.10.8", "InvalidMappingToanyPolicyTest8", false),
    ("4.10.9", "ValidPolicyMappingTest9", true),
    ("4.10.10", "InvalidPolicyMappingTest10", false),
    ("4.10.11", "ValidPolicyMappingTest11", true),
    ("4.10.12", "ValidPolicyMappingTest12", true),
    ("4.10.13", "ValidPolicyMappingTest13", true),
    ("4.10.14", "ValidPolicyMappingTest14", true),
    ("4.11.1", "InvalidinhibitPolicyMappingTest1", false),
    ("4.11.2", "ValidinhibitPolicyMappingTest2", true),
    ("4.11.3", "InvalidinhibitPolicyMappingTest3", false),
    ("4.11.4", "ValidinhibitPolicyMappingTest4", true),
    ("4.11.5", "InvalidinhibitPolicyMappingTest5", false),
    ("4.11.6", "InvalidinhibitPolicyMappingTest6", false),
    ("4.11.7", "ValidSelfIssuedinhibitPolicyMappingTest7", true),
    (
        "4.11.8",
        "InvalidSelfIssuedinhibitPolicyMappingTest8",
        false,
    ),
    (
        "4.11.9",
        "InvalidSelfIssuedinhibitPolicyMappingTest9",
        false,
    ),
    (
        "4.11.10",
        "InvalidSelfIssuedinhibitPolicyMappingTest10",
        false,
    ),
    (
        "4.11.11",
        "InvalidSelfIssuedinhibitPolicyMappingTest11",
        false,
    ),
    ("4.12.1", "InvalidinhibitAnyPolicyTest1", false),
    ("4.12.2", "ValidinhibitAnyPolicyTest2", true),
    ("4.12.3", "inhibitAnyPolicyTest3", true),
    ("4.12.4", "InvalidinhibitAnyPolicyTest4", false),
    ("4.12.5", "InvalidinhibitAnyPolicyTest5", false),
    ("4.12.6", "InvalidinhibitAnyPolicyTest6", false),
    ("4.12.7", "ValidSelfIssuedinhibitAnyPolicyTest7", true),
    ("4.12.8", "InvalidSelfIssuedinhibitAnyPolicyTest8", false),
    ("4.12.9", "ValidSelfIssuedinhibitAnyPolicyTest9", true),
    ("4.12.10", "InvalidSelfIssuedinhibitAnyPolicyTest10", false),
    ("4.13.1", "ValidDNnameConstraintsTest1", true),
    ("4.13.2", "InvalidDNnameConstraintsTest2", false),
    ("4.13.3", "InvalidDNnameConstraintsTest3", false),
    ("4.13.4", "ValidDNnameConstraintsTest4", true),
    ("4.13.5", "ValidDNnameConstraintsTest5", true),
    ("4.13.6", "ValidDNnameConstraintsTest6", true),
    ("4.13.7", "InvalidDNnameConstraintsTest7", false),
    ("4.13.8", "InvalidDNnameConstraintsTest8", false),
    ("4.13.9", "InvalidDNnameConstraintsTest9", false),
    ("4.13.10", "InvalidDNnameConstraintsTest10", false),
    ("4.13.11", "ValidDNnameConstraintsTest11", true),
    ("4.13.12", "InvalidDNnameConstraintsTest12", false),
    ("4.13.13", "InvalidDNnameConstraintsTest13", false),
    ("4.13.14", "ValidDNnameConstraintsTest14", true),
    ("4.13.15", "InvalidDNnameConstraintsTest15", false),
    ("4.13.16", "InvalidDNnameConstraintsTest16", false),
    ("4.13.17", "InvalidDNnameConstraintsTest17", false),
    ("4.13.18", "ValidDNnameConstraintsTest18", true),
    ("4.13.19", "ValidDNnameConstraintsTest19", true),
    ("4.13.20", "InvalidDNnameConstraintsTest20", false),
    ("4.13.21", "ValidRFC822nameConstraintsTest21", true),
    ("4.13.22", "InvalidRFC822nameConstraintsTest22", false),
    ("4.13.23", "ValidRFC822nameConstraintsTest23", true),
    ("4.13.24", "InvalidRFC822nameConstraintsTest24", false),
    ("4.13.25", "ValidRFC822nameConstraintsTest25", true),
    ("4.13.26", "InvalidRFC822nameConstraintsTest26", false),
    ("4.13.27", "ValidDNandRFC822nameConstraintsTest27", true),
    ("4.13.28", "InvalidDNandRFC822nameConstraintsTest28", false),
    ("4.13.29", "InvalidDNandRFC822nameConstraintsTest29", false),
    ("4.13.30", "ValidDNSnameConstraintsTest30", true),
    ("4.13.31", "InvalidDNSnameConstraintsTest31", false),
    ("4.13.32", "ValidDNSnameConstraintsTest32", true),
    ("4.13.33", "InvalidDNSnameConstraintsTest33", false),
    ("4.13.34", "ValidURInameConstraintsTest34", true),
    ("4.13.35", "InvalidURInameConstraintsTest35", false),
    ("4.13.36", "ValidURInameConstraintsTest36", true),
    ("4.13.37", "InvalidURInameConstraintsTest37", false),
    ("4.13.38", "InvalidDNSnameConstraintsTest38", false),
    ("4.14.1", "ValiddistributionPointTest1", true),
    ("4.14.2", "InvaliddistributionPointTest2", false),
    ("4.14.3", "InvaliddistributionPointTest3", false),
    ("4.14.4", "ValiddistributionPointTest4", true),
    ("4.14.5", "ValiddistributionPointTest5", true),
    ("4.14.6", "InvaliddistributionPointTest6", false),
    ("4.14.7", "ValiddistributionPointTest7", true),
    ("4.14.8", "InvaliddistributionPointTest8", false),
    ("4.14.9", "InvaliddistributionPointTest9", false),
    ("4.14.10", "ValidNoissuingDistributionPointTest10", true),
    ("4.14.11", "InvalidonlyContainsUserCertsTest11", false),
    ("4.14.12", "InvalidonlyContainsCACertsTest12", false),
    ("4.14.13", "ValidonlyContainsCACertsTest13", true),
    ("4.14.14", "InvalidonlyContainsAttributeCertsTest14", false),
    ("4.14.15", "InvalidonlySomeReasonsTest15", false),
    ("4.14.16", "InvalidonlySomeReasonsTest16", false),
    ("4.14.17", "InvalidonlySomeReasonsTest17", false),
    ("4.14.18", "ValidonlySomeReasonsTest18", true),
    ("4.14.19", "ValidonlySomeReasonsTest19", true),
    ("4.14.20", "InvalidonlySomeReasonsTest20", false),
    ("4.14.21", "InvalidonlySomeReasonsTest21", false),
    ("4.14.22", "ValidIDPwithindirectCRLTest22", true),
    ("4.14.23", "InvalidIDPwithindirectCRLTest23", false),
    ("4.14.24", "ValidIDPwithindirectCRLTest24", true),
    ("4.14.25", "ValidIDPwithindirectCRLTest25", true),
    ("4.14.26", "InvalidIDPwithindirectCRLTest26", false),
    ("4.14.27", "InvalidcRLIssuerTest27", false),
    ("4.14.28", "ValidcRLIssuerTest28", true),
    ("4.14.29", "ValidcRLIssuerTest29", true),
    ("4.14.30", "ValidcRLIssuerTest30", true),
    ("4.14.31", "InvalidcRLIssuerTest31", false),
    ("4.14.32", "InvalidcRLIssuerTest32", false),
    ("4.14.33", "ValidcRLIssuerTest33", true),
    ("4.14.34", "InvalidcRLIssuerTest34", false),
    ("4.14.35", "InvalidcRLIssuerTest35", false),
    ("4.15.1", "InvaliddeltaCRLIndicatorNoBaseTest1", false),
    ("4.15.2", "ValiddeltaCRLTest2", true),
    ("4.15.3", "InvaliddeltaCRLTest3", false),
    ("4.15.4", "InvaliddeltaCRLTest4", false),
    ("4.15.5", "ValiddeltaCRLTest5", true),
    ("4.15.6", "InvaliddeltaCRLTest6", false),
    ("4.15.7", "ValiddeltaCRLTest7", true),
    ("4.15.8", "ValiddeltaCRLTest8", true),
    ("4.15.9", "InvaliddeltaCRLTest9", false),
    ("4.15.10", "InvaliddeltaCRLTest10", false),
    (
        "4.16.1",
        "ValidUnknownNotCriticalCertificateExtensionTest1",
        true,
    ),
    (
        "4.16.2",
        "InvalidUnknownCriticalCertificateExtensionTest2",
        false,
    ),
];

fn pkits_dir() -> Option<PathBuf> {
    let python = support::python()?;
    let out = std::process::Command::new(python)
        .args([
            "-c",
            "import cryptography_vectors, os; print(os.path.dirname(cryptography_vectors.__file__))",
        ])
        .output()
        .ok()?;
    let dir = PathBuf::from(String::from_utf8_lossy(&out.stdout).trim()).join("x509/PKITS_data");
    let found = (out.status.success() && dir.join("certs").is_dir()).then_some(dir);
    support::require(
        "cryptography_vectors (PKITS data)",
        found,
        "pip install -r scripts/reference/requirements.txt",
    )
}

/// `tests/data/pkits/exceptions.txt`: `NUMBER<TAB>reason` lines; `#` comments.
fn exceptions() -> BTreeMap<String, String> {
    let text =
        std::fs::read_to_string(support::repo_root().join("tests/data/pkits/exceptions.txt"))
            .expect("tests/data/pkits/exceptions.txt");
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| {
            let (number, reason) = l.split_once('\t').expect("NUMBER<TAB>reason");
            (number.trim().to_owned(), reason.trim().to_owned())
        })
        .collect()
}

#[test]
fn the_table_agrees_with_the_file_names() {
    for (number, stem, valid) in TESTS {
        // Names without Valid/Invalid are the policy tests whose outcome depends on the
        // settings; the table holds their default-settings outcome.
        if stem.starts_with("Valid") || stem.starts_with("Invalid") {
            assert_eq!(stem.starts_with("Valid"), *valid, "{number} {stem}");
        }
    }
}

#[test]
fn pkits_path_validation() {
    let Some(dir) = pkits_dir() else { return };
    let exceptions = exceptions();
    let read = |p: PathBuf| std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
    let anchor = Certificate::from_der(&read(dir.join("certs/TrustAnchorRootCertificate.crt")))
        .expect("trust anchor");
    let trust = TrustStore::from_certificates(vec![anchor]).expect("trust store");
    let mut pool = Vec::new();
    let mut names: Vec<_> = std::fs::read_dir(dir.join("certs"))
        .expect("certs dir")
        .map(|e| e.expect("entry").path())
        .collect();
    names.sort();
    for path in names {
        let stem = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default();
        if stem == "TrustAnchorRootCertificate" || stem.ends_with("EE") {
            continue;
        }
        // The DSA CAs do not parse as a usable key for ring, but they parse as certificates.
        pool.push(Certificate::from_der(&read(path.clone())).expect("PKITS certificate"));
    }
    let revocation = OfflineRevocation::new()
        .with_crl_dir(&dir.join("crls"))
        .expect("PKITS CRLs");
    let validator = PathValidator::new(&trust)
        .intermediates(&pool)
        .at(datetime!(2011-06-01 0:00 UTC))
        .purpose(Purpose::Any)
        .revocation(&revocation);

    let (mut passed, mut excepted, mut failures) = (0, 0, Vec::new());
    let mut stale = Vec::new();
    for (number, stem, expected) in TESTS {
        let ee = read(dir.join(format!("certs/{stem}EE.crt")));
        let result = validator.validate(&ee);
        let outcome = match &result {
            Ok(_) => "valid".to_owned(),
            Err(e) => format!("invalid [{}] {e}", e.code()),
        };
        if std::env::var_os("PKITS_VERBOSE").is_some() {
            println!("{number} {stem}: {outcome}");
        }
        if result.is_ok() == *expected {
            passed += 1;
            if exceptions.contains_key(*number) {
                stale.push(format!("{number} {stem}"));
            }
        } else if let Some(reason) = exceptions.get(*number) {
            excepted += 1;
            println!("{number} {stem}: EXCEPTION ({reason}); got {outcome}");
        } else {
            failures.push(format!(
                "{number} {stem}: expected {}, got {outcome}",
                if *expected { "valid" } else { "invalid" }
            ));
        }
    }
    println!(
        "PKITS 4.1-4.16: {passed} of {} match, {excepted} listed exceptions, {} unexpected",
        TESTS.len(),
        failures.len()
    );
    assert!(
        failures.is_empty(),
        "PKITS mismatches:\n{}",
        failures.join("\n")
    );
    assert!(
        stale.is_empty(),
        "these now match: remove them from tests/data/pkits/exceptions.txt:\n{}",
        stale.join("\n")
    );
}
