//! Signed receipts: the organiser's answer to a unit, naming exactly what was received.

use std::path::Path;

use serde::{Deserialize, Serialize};

use super::keys::{PublicKey, Signer25519};
use crate::error::{Error, Result};
use crate::store::Workspace;

/// A receipt.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Receipt {
    /// Always `jianbao-receipt/1`.
    pub format: String,
    /// The bundle's number in the organiser's workspace.
    pub bundle: i64,
    /// Bag group id.
    pub group: String,
    /// The unit.
    pub unit: String,
    /// The campaign.
    pub profile: String,
    /// The unit's signing key.
    pub unit_key: String,
    /// SHA-256 of each part's tag manifest (which the unit signed).
    pub tagmanifests: Vec<String>,
    /// When it was received, RFC 3339.
    pub received_at: String,
    /// `accepted`, `accepted-late`, or `accepted-with-errors`.
    pub verdict: String,
    /// Errors of the organiser's re-check.
    pub errors: i64,
    /// Warnings of the re-check.
    pub warnings: i64,
}

/// Writes a signed receipt for a received bundle: `out` (JSON) and `out.minisig`.
pub fn write(ws: &Workspace, bundle: i64, signer: &Signer25519, out: &Path) -> Result<Receipt> {
    let r = ws
        .received()?
        .into_iter()
        .find(|r| r.id == bundle)
        .ok_or_else(|| Error::UnitNotFound { wanted: format!("bundle {bundle}"), known: vec![] })?;
    let tagmanifests = super::report::StoredReport::read(&r.report).tagmanifests;
    let verdict = if r.errors > 0 {
        "accepted-with-errors"
    } else if r.late {
        "accepted-late"
    } else {
        "accepted"
    };
    let receipt = Receipt {
        format: "jianbao-receipt/1".into(),
        bundle: r.id,
        group: r.group_id.clone(),
        unit: r.unit_name.clone(),
        profile: r.profile_id.clone(),
        unit_key: r.key_id.clone(),
        tagmanifests,
        received_at: r.received_at.clone(),
        verdict: verdict.into(),
        errors: r.errors,
        warnings: r.warnings,
    };
    let json = serde_json::to_string_pretty(&receipt).expect("serialises") + "\n";
    let comment = format!("jianbao-receipt group={} unit={} verdict={verdict}", r.group_id, r.unit_name);
    crate::fsutil::write_atomic(out, json.as_bytes())?;
    let sig = out.with_file_name(format!(
        "{}.minisig",
        out.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
    ));
    crate::fsutil::write_atomic(&sig, signer.sign(json.as_bytes(), &comment).as_bytes())?;
    Ok(receipt)
}

/// Verifies a receipt with the organiser's public key; returns it.
pub fn verify(file: &Path, key: &PublicKey) -> Result<Receipt> {
    let bytes = std::fs::read(file).map_err(|e| Error::io(file, e))?;
    let sig_path = file.with_file_name(format!(
        "{}.minisig",
        file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
    ));
    let sig = std::fs::read_to_string(&sig_path).map_err(|e| Error::io(&sig_path, e))?;
    key.verify(&bytes, &sig).map_err(|reason| Error::Key { path: sig_path.clone(), reason })?;
    serde_json::from_slice(&bytes).map_err(|e| Error::Key { path: file.to_path_buf(), reason: e.to_string() })
}
