//! A finding as data: what `jianbao check --json` prints, what a bundle's check report holds and
//! what an import keeps — its code and named values, worded in any language when shown.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{Finding, Report, Severity};
use crate::i18n::Localizer;
use crate::profile::Authority;

/// A check's findings as data: codes with their values, worded when shown.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct StoredFindings {
    /// Each finding.
    pub findings: Vec<StoredFinding>,
    /// Errors.
    pub errors: usize,
    /// Warnings.
    pub warnings: usize,
}

/// One finding as data. Every field has a default, so a record written by an earlier version reads.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct StoredFinding {
    /// Error or warning.
    pub severity: Option<Severity>,
    /// Stable code (`photo-too-small`).
    pub code: String,
    /// The candidate's name, when about one.
    pub candidate: Option<String>,
    /// The candidate's packet id.
    pub candidate_id: Option<String>,
    /// Field id.
    pub field: Option<String>,
    /// File name.
    pub file: Option<String>,
    /// Slot id.
    pub slot: Option<String>,
    /// The words at import time (Chinese): shown only for records made before `args` were kept.
    pub message: String,
    /// The finding's named values; `None` in records made before they were kept.
    pub args: Option<BTreeMap<String, String>>,
    /// The candidate's place in the packet (1-based), to name one without a name.
    pub candidate_number: Option<usize>,
    /// The notice's clause.
    pub clause: String,
    /// Who says the rule holds.
    pub authority: Option<Authority>,
}

impl StoredFinding {
    /// A finding as data (its message worded by `l`, kept for readers without the catalogue).
    pub fn of(f: &Finding, l: &Localizer) -> Self {
        StoredFinding {
            severity: Some(f.severity),
            code: f.code.to_string(),
            candidate: f.candidate.clone(),
            candidate_id: f.candidate_id.clone(),
            field: f.field.clone(),
            file: f.file.clone(),
            slot: f.slot.clone(),
            message: f.message(l),
            args: Some(f.args.iter().map(|(k, v)| (k.to_string(), v.clone())).collect()),
            candidate_number: f.candidate_number,
            clause: f.clause.clone(),
            authority: Some(f.authority),
        }
    }

    /// Its message in `l`'s language (records from before codes were kept: their stored words).
    pub fn message(&self, l: &Localizer) -> String {
        match &self.args {
            Some(args) => {
                super::message_of(&self.code, args, self.candidate.as_deref(), self.candidate_number, l)
            }
            None => self.message.clone(),
        }
    }
}

impl StoredFindings {
    /// A check's report as data.
    pub fn of(report: &Report, l: &Localizer) -> Self {
        StoredFindings {
            findings: report.findings.iter().map(|f| StoredFinding::of(f, l)).collect(),
            errors: report.errors(),
            warnings: report.warnings(),
        }
    }
}
