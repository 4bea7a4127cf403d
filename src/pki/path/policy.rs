//! Certificate policy processing (RFC 5280 §6.1.2 a, d–f, j; §6.1.3 d–f; §6.1.4 a–b, h–j;
//! §6.1.5 a–b, g) with the initial settings samad uses: user-initial-policy-set =
//! {anyPolicy}, initial-policy-mapping-inhibit, initial-explicit-policy and
//! initial-any-policy-inhibit all false. The valid_policy_tree is kept as levels of nodes
//! with parent indexes; qualifiers are not kept.

use std::collections::BTreeSet;

use super::PathError;
use crate::pki::cert::Certificate;

/// `anyPolicy` (§4.2.1.4).
pub(crate) const ANY_POLICY: &str = "2.5.29.32.0";

#[derive(Debug, Clone)]
struct Node {
    valid_policy: String,
    expected: BTreeSet<String>,
    parent: Option<usize>,
}

/// The policy state while a path is processed, certificate by certificate.
#[derive(Debug)]
pub(crate) struct PolicyState {
    /// `levels[d]` holds the nodes of depth d; `None` once the tree is NULL.
    levels: Option<Vec<Vec<Node>>>,
    explicit_policy: usize,
    inhibit_any_policy: usize,
    policy_mapping: usize,
}

impl PolicyState {
    /// §6.1.2: the initial tree and counters for a path of `n` certificates.
    pub(crate) fn new(n: usize) -> PolicyState {
        PolicyState {
            levels: Some(vec![vec![Node {
                valid_policy: ANY_POLICY.to_owned(),
                expected: BTreeSet::from([ANY_POLICY.to_owned()]),
                parent: None,
            }]]),
            explicit_policy: n + 1,
            inhibit_any_policy: n + 1,
            policy_mapping: n + 1,
        }
    }

    /// §6.1.3 d–f for certificate `i` (1-based) of `n`.
    pub(crate) fn process(
        &mut self,
        cert: &Certificate,
        i: usize,
        n: usize,
    ) -> Result<(), PathError> {
        match (&cert.certificate_policies, self.levels.as_mut()) {
            (Some(policies), Some(levels)) => {
                let parents = levels.last().cloned().unwrap_or_default();
                let mut level: Vec<Node> = Vec::new();
                for p in policies.iter().filter(|p| p.as_str() != ANY_POLICY) {
                    // d 1 i: children of nodes expecting P.
                    let before = level.len();
                    for (k, parent) in parents.iter().enumerate() {
                        if parent.expected.contains(p) {
                            level.push(child(p, k));
                        }
                    }
                    // d 1 ii: otherwise children of an anyPolicy node.
                    if level.len() == before {
                        for (k, parent) in parents.iter().enumerate() {
                            if parent.valid_policy == ANY_POLICY {
                                level.push(child(p, k));
                            }
                        }
                    }
                }
                // d 2: anyPolicy in the certificate.
                let any_allowed = self.inhibit_any_policy > 0 || (i < n && cert.is_self_issued());
                if any_allowed && policies.iter().any(|p| p == ANY_POLICY) {
                    for (k, parent) in parents.iter().enumerate() {
                        for value in &parent.expected {
                            let exists = level
                                .iter()
                                .any(|c| c.parent == Some(k) && &c.valid_policy == value);
                            if !exists {
                                level.push(child(value, k));
                            }
                        }
                    }
                }
                levels.push(level);
                prune(levels);
                if levels.last().is_none_or(Vec::is_empty) {
                    self.levels = None;
                }
            }
            // e: no certificatePolicies, or an already NULL tree.
            _ => self.levels = None,
        }
        // f
        if self.explicit_policy == 0 && self.levels.is_none() {
            return Err(no_policy(cert));
        }
        Ok(())
    }

    /// §6.1.4 a–b, h–j: preparation after intermediate certificate `i` (1-based).
    pub(crate) fn prepare(&mut self, cert: &Certificate) -> Result<(), PathError> {
        for (issuer_policy, subject_policy) in &cert.policy_mappings {
            if issuer_policy == ANY_POLICY || subject_policy == ANY_POLICY {
                return Err(PathError::Policy {
                    subject: cert.subject.to_string(),
                    detail: "a policy mapping maps to or from anyPolicy (RFC 5280 §6.1.4 a)".into(),
                });
            }
        }
        if let Some(levels) = self.levels.as_mut() {
            let issuer_policies: BTreeSet<&String> =
                cert.policy_mappings.iter().map(|(p, _)| p).collect();
            for id_p in issuer_policies {
                let mapped: BTreeSet<String> = cert
                    .policy_mappings
                    .iter()
                    .filter(|(p, _)| p == id_p)
                    .map(|(_, s)| s.clone())
                    .collect();
                let Some(level) = levels.last_mut() else {
                    break;
                };
                if self.policy_mapping > 0 {
                    // b 1
                    let mut found = false;
                    for node in level.iter_mut().filter(|n| &n.valid_policy == id_p) {
                        node.expected = mapped.clone();
                        found = true;
                    }
                    if !found
                        && let Some(any) =
                            level.iter().find(|n| n.valid_policy == ANY_POLICY).cloned()
                    {
                        level.push(Node {
                            valid_policy: id_p.clone(),
                            expected: mapped,
                            parent: any.parent,
                        });
                    }
                } else {
                    // b 2
                    level.retain(|n| &n.valid_policy != id_p);
                }
            }
            prune(levels);
            if levels.last().is_none_or(Vec::is_empty) {
                self.levels = None;
            }
        }
        // h
        if !cert.is_self_issued() {
            self.explicit_policy = self.explicit_policy.saturating_sub(1);
            self.policy_mapping = self.policy_mapping.saturating_sub(1);
            self.inhibit_any_policy = self.inhibit_any_policy.saturating_sub(1);
        }
        // i, j
        if let Some(r) = cert.require_explicit_policy {
            self.explicit_policy = self.explicit_policy.min(to_usize(r));
        }
        if let Some(q) = cert.inhibit_policy_mapping {
            self.policy_mapping = self.policy_mapping.min(to_usize(q));
        }
        if let Some(s) = cert.inhibit_any_policy {
            self.inhibit_any_policy = self.inhibit_any_policy.min(to_usize(s));
        }
        Ok(())
    }

    /// §6.1.5 a–b, g: after the end entity.
    pub(crate) fn finish(&mut self, cert: &Certificate) -> Result<(), PathError> {
        self.explicit_policy = self.explicit_policy.saturating_sub(1);
        if cert.require_explicit_policy == Some(0) {
            self.explicit_policy = 0;
        }
        if self.explicit_policy == 0 && self.levels.is_none() {
            return Err(no_policy(cert));
        }
        Ok(())
    }
}

fn child(policy: &str, parent: usize) -> Node {
    Node {
        valid_policy: policy.to_owned(),
        expected: BTreeSet::from([policy.to_owned()]),
        parent: Some(parent),
    }
}

/// Delete childless nodes above the deepest level, renumbering parent indexes.
fn prune(levels: &mut [Vec<Node>]) {
    for depth in (0..levels.len().saturating_sub(1)).rev() {
        let (upper, lower) = levels.split_at_mut(depth + 1);
        let (Some(parents), Some(children)) = (upper.last_mut(), lower.first_mut()) else {
            continue;
        };
        let keep: Vec<bool> = (0..parents.len())
            .map(|k| children.iter().any(|c| c.parent == Some(k)))
            .collect();
        let mut new_index = Vec::with_capacity(parents.len());
        let mut next = 0usize;
        for kept in &keep {
            new_index.push(kept.then_some(next));
            if *kept {
                next += 1;
            }
        }
        let mut k = 0usize;
        parents.retain(|_| {
            let kept = keep.get(k).copied().unwrap_or(false);
            k += 1;
            kept
        });
        for c in children.iter_mut() {
            c.parent = c.parent.and_then(|p| new_index.get(p).copied().flatten());
        }
    }
}

fn to_usize(v: u32) -> usize {
    usize::try_from(v).unwrap_or(usize::MAX)
}

fn no_policy(cert: &Certificate) -> PathError {
    PathError::Policy {
        subject: cert.subject.to_string(),
        detail: "no valid certificate policy remains and an explicit policy is required".into(),
    }
}

#[cfg(test)]
mod tests;
