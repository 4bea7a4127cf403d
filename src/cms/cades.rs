//! The CAdES baseline levels (EN 319 122-1 §6): what [`sign`](super::sign) and
//! [`extend`](super::extend) add at B-B, B-T, B-LT and B-LTA.

use super::{CmsError, Content, Level, SignOptions};
use crate::pki::signer::Signer;

pub(super) fn sign(
    content: Content<'_>,
    signer: &dyn Signer,
    options: &SignOptions<'_>,
) -> Result<Vec<u8>, CmsError> {
    let _ = (content, signer, options);
    todo!("CMS engineer: implementing now")
}

pub(super) fn extend(
    signature: &[u8],
    content: Content<'_>,
    to: Level,
    options: &SignOptions<'_>,
) -> Result<Vec<u8>, CmsError> {
    let _ = (signature, content, to, options);
    todo!("CMS engineer: implementing now")
}
