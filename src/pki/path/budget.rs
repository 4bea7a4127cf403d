//! The work budget (rustls-webpki's habit): path building over a hostile certificate set
//! can explode combinatorially, so signature checks and candidate paths are counted.

use std::cell::{Cell, RefCell};

use super::PathError;

/// Limits on the work one validation may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Budget {
    /// Most signature verifications (certificates, CRLs, OCSP responses).
    pub max_signature_checks: u32,
    /// Most candidate paths ending at a trust anchor.
    pub max_paths: u32,
}

impl Default for Budget {
    /// 200 signature checks and 100 candidate paths: far above any real PKI, far below
    /// what a crafted certificate mesh could demand.
    fn default() -> Budget {
        Budget {
            max_signature_checks: 200,
            max_paths: 100,
        }
    }
}

/// The work done so far in one validation, CRL-signer and responder paths included.
#[derive(Debug)]
pub(crate) struct Work {
    budget: Budget,
    signature_checks: Cell<u32>,
    paths: Cell<u32>,
    /// (CRL DER, signer certificate DER) pairs whose signer path is being validated: a CRL
    /// issuer whose own status that same CRL decides is accepted once its key verified it.
    crl_signers_in_progress: RefCell<Vec<(Vec<u8>, Vec<u8>)>>,
}

impl Work {
    pub(crate) fn new(budget: Budget) -> Work {
        Work {
            budget,
            signature_checks: Cell::new(0),
            paths: Cell::new(0),
            crl_signers_in_progress: RefCell::new(Vec::new()),
        }
    }

    fn exceeded(&self) -> PathError {
        PathError::BudgetExceeded {
            signature_checks: self.signature_checks.get(),
            paths: self.paths.get(),
        }
    }

    pub(crate) fn count_signature(&self) -> Result<(), PathError> {
        if self.signature_checks.get() >= self.budget.max_signature_checks {
            return Err(self.exceeded());
        }
        self.signature_checks.set(self.signature_checks.get() + 1);
        Ok(())
    }

    pub(crate) fn count_path(&self) -> Result<(), PathError> {
        if self.paths.get() >= self.budget.max_paths {
            return Err(self.exceeded());
        }
        self.paths.set(self.paths.get() + 1);
        Ok(())
    }

    pub(crate) fn crl_signer_in_progress(&self, crl: &[u8], signer: &[u8]) -> bool {
        self.crl_signers_in_progress
            .borrow()
            .iter()
            .any(|(c, s)| c == crl && s == signer)
    }

    pub(crate) fn push_crl_signer(&self, crl: &[u8], signer: &[u8]) {
        self.crl_signers_in_progress
            .borrow_mut()
            .push((crl.to_vec(), signer.to_vec()));
    }

    pub(crate) fn pop_crl_signer(&self) {
        self.crl_signers_in_progress.borrow_mut().pop();
    }
}
