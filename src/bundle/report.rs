//! What an import keeps of each received bundle beside its row, as one typed record: written once by
//! [`super::import`], read by the reviewer screen, receipts and forwarding. Every field has a default,
//! so a record written by an earlier version still reads (what it lacks reads as empty).

use serde::{Deserialize, Serialize};

use super::chain::Chain;
use super::verify::FileVerdict;
use crate::check::StoredFindings;

/// The stored report of one received bundle.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct StoredReport {
    /// SHA-256 of each part's signed `tagmanifest-sha256.txt` (what a receipt acknowledges).
    pub tagmanifests: Vec<String>,
    /// `first-seen`, `same` or `changed`.
    pub key_status: String,
    /// The signer's whole public key (minisign text).
    pub public_key: String,
    /// The parts' file names.
    pub parts: Vec<Option<String>>,
    /// Where the parts were imported from (absolute), for forwarding the originals.
    pub part_paths: Vec<String>,
    /// Received after the deadline.
    pub late: bool,
    /// A made-up example judged at its own day.
    pub example_as_of: Option<String>,
    /// The re-check with the reviewer's profile.
    pub findings: StoredFindings,
    /// The bundle's copy of the profile differs from the reviewer's.
    pub profile_differs: bool,
    /// Candidates also recommended by another unit.
    pub duplicates: Vec<super::import::Duplicate>,
    /// Each payload file's verdict.
    pub files: Vec<FileVerdict>,
    /// What changed since the submission this one replaces.
    pub changes: Option<Vec<String>>,
    /// For a forwarded bundle: the chain of custody, as checked at import.
    pub chain: Option<Chain>,
}

impl StoredReport {
    /// Reads a stored report; an unreadable one (it never should be) reads as empty rather than
    /// hiding the bundle's row.
    pub fn read(text: &str) -> Self {
        serde_json::from_str(text).unwrap_or_default()
    }

    /// The text kept in the database.
    pub fn to_text(&self) -> String {
        serde_json::to_string(self).expect("a report serialises")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::Severity;
    use crate::i18n::Localizer;

    /// A record written before a field existed reads with that field empty; one written now reads
    /// back equal.
    #[test]
    fn reads_old_and_new_records() {
        let old = r#"{"key_status":"same","late":true,"duplicates":[["王海涛","甲县科协"]],"findings":{"findings":[{"severity":"error","code":"field-required","message":"旧的文字"}],"errors":1,"warnings":0}}"#;
        let r = StoredReport::read(old);
        assert_eq!(r.key_status, "same");
        assert_eq!(r.duplicates[0].other_unit, "甲县科协");
        assert!(r.late && r.chain.is_none() && r.part_paths.is_empty());
        let f = &r.findings.findings[0];
        assert_eq!((f.severity, f.args.is_none()), (Some(Severity::Error), true));
        assert_eq!(f.message(&Localizer::new(crate::i18n::Lang::En)), "旧的文字");
        assert_eq!(StoredReport::read(&r.to_text()), r);
        assert_eq!(StoredReport::read("not json"), StoredReport::default());
    }
}
