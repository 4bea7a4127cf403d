//! Name constraints (RFC 5280 §4.2.1.10, §6.1.3 b–c). Each CA's constraints are kept as a
//! separate set and a name must satisfy every set, which is the intersection §6.1.4 g
//! describes without computing it.

use super::PathError;
use crate::pki::cert::{Certificate, GeneralName, NameConstraints};

/// Check the subject name, the subject's e-mail attributes and every subjectAltName entry
/// against each constraint set.
pub(crate) fn check(cert: &Certificate, sets: &[&NameConstraints]) -> Result<(), PathError> {
    if sets.is_empty() {
        return Ok(());
    }
    let mut names: Vec<GeneralName> = Vec::new();
    if !cert.subject.is_empty() {
        names.push(GeneralName::Directory(cert.subject.clone()));
    }
    names.extend(cert.subject_alt_names.iter().cloned());
    // §4.2.1.10: emailAddress attributes are checked as rfc822Names when there is no
    // rfc822Name in subjectAltName.
    if !cert
        .subject_alt_names
        .iter()
        .any(|n| matches!(n, GeneralName::Email(_)))
    {
        names.extend(
            cert.subject
                .email_addresses()
                .into_iter()
                .map(GeneralName::Email),
        );
    }
    for name in &names {
        for set in sets {
            if !allowed(name, set) {
                return Err(PathError::NameConstraints {
                    subject: cert.subject.to_string(),
                    name: describe(name),
                });
            }
        }
    }
    Ok(())
}

fn allowed(name: &GeneralName, set: &NameConstraints) -> bool {
    if set
        .excluded
        .iter()
        .any(|base| matches(name, base) == Some(true))
    {
        return false;
    }
    match &set.permitted {
        None => true,
        Some(permitted) => {
            let same_type: Vec<Option<bool>> = permitted
                .iter()
                .map(|base| matches(name, base))
                .filter(Option::is_some)
                .collect();
            // No permitted subtree of this name's type: the type is unconstrained.
            same_type.is_empty() || same_type.contains(&Some(true))
        }
    }
}

/// `Some(true)` when `name` is within `base`, `Some(false)` when it is the same type but
/// outside, `None` when the types differ.
fn matches(name: &GeneralName, base: &GeneralName) -> Option<bool> {
    Some(match (name, base) {
        (GeneralName::Directory(n), GeneralName::Directory(b)) => n.is_within(b),
        (GeneralName::Dns(n), GeneralName::Dns(b)) => dns_within(n, b),
        (GeneralName::Email(n), GeneralName::Email(b)) => email_within(n, b),
        (GeneralName::Uri(n), GeneralName::Uri(b)) => match uri_host(n) {
            Some(host) => host_within(host, b),
            None => false,
        },
        (GeneralName::Ip(n), GeneralName::Ip(b)) => ip_within(n, b),
        _ => return None,
    })
}

fn dns_within(name: &str, base: &str) -> bool {
    let name = name.to_ascii_lowercase();
    let base = base.trim_start_matches('.').to_ascii_lowercase();
    base.is_empty() || name == base || name.ends_with(&format!(".{base}"))
}

/// A host against an rfc822/URI-style constraint: ".example.com" means any subdomain,
/// "example.com" means that host only.
fn host_within(host: &str, base: &str) -> bool {
    let host = host.to_ascii_lowercase();
    let base = base.to_ascii_lowercase();
    if base.starts_with('.') {
        host.ends_with(&base)
    } else {
        host == base
    }
}

fn email_within(name: &str, base: &str) -> bool {
    if base.contains('@') {
        return name.eq_ignore_ascii_case(base);
    }
    match name.rsplit_once('@') {
        Some((_, host)) => host_within(host, base),
        None => false,
    }
}

fn uri_host(uri: &str) -> Option<&str> {
    let (_, rest) = uri.split_once("://")?;
    let authority = rest.split(['/', '?', '#']).next()?;
    let host_port = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let host = host_port.split(':').next()?;
    (!host.is_empty()).then_some(host)
}

fn ip_within(name: &[u8], base: &[u8]) -> bool {
    if base.len() != name.len() * 2 {
        return false;
    }
    let (addr, mask) = base.split_at(name.len());
    name.iter()
        .zip(addr)
        .zip(mask)
        .all(|((n, a), m)| n & m == a & m)
}

fn describe(name: &GeneralName) -> String {
    match name {
        GeneralName::Email(s) => format!("rfc822Name {s}"),
        GeneralName::Dns(s) => format!("dNSName {s}"),
        GeneralName::Uri(s) => format!("URI {s}"),
        GeneralName::Directory(d) => format!("directoryName \"{d}\""),
        GeneralName::Ip(b) => format!("iPAddress {}", crate::pki::cert::hex(b)),
        GeneralName::Other => "otherName".into(),
    }
}
