use super::SignatureMemo;
use crate::pki::algorithm::AlgorithmError;

fn refused() -> Result<(), AlgorithmError> {
    Err(AlgorithmError::Malformed {
        what: "test",
        detail: "does not verify".into(),
    })
}

#[test]
fn a_success_is_remembered_for_that_object_and_key_only() {
    let memo = SignatureMemo::new();
    assert!(memo.verify(b"object", b"key-a", || Ok(())).is_ok());
    assert!(
        memo.verify(b"object", b"key-a", || panic!("verified twice"))
            .is_ok()
    );
    // Another key, or another object under the same key, is verified for real.
    assert!(memo.verify(b"object", b"key-b", refused).is_err());
    assert!(memo.verify(b"other", b"key-a", refused).is_err());
    assert_eq!(memo.stats(), (1, 3));
}

#[test]
fn failures_are_not_remembered() {
    let memo = SignatureMemo::new();
    assert!(memo.verify(b"object", b"key", refused).is_err());
    assert!(memo.verify(b"object", b"key", refused).is_err());
    assert!(memo.verify(b"object", b"key", || Ok(())).is_ok());
    assert_eq!(memo.stats(), (0, 3));
}
