//! The reviewer's workspace: bundles received (one row each, with signature, integrity, re-check,
//! lateness and resubmission), every candidate across units, the merged 汇总表 and receipts.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

use serde::Serialize;

use super::{Desk, OutputFile};
use crate::check::{self, Severity};
use crate::error::{Error, Result};
use crate::progress::Observer;

/// The reviewer's screen.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct ReviewView {
    /// Every bundle received, newest first.
    pub bundles: Vec<BundleRow>,
    /// Candidates of the latest submission of each unit.
    pub candidates: Vec<ReviewCandidate>,
    /// Campaigns with submissions.
    pub profiles: Vec<String>,
    /// Units' registered signing keys (pinned at a first bundle, or registered ahead).
    pub keys: Vec<super::KnownKey>,
}

/// A unit's signing key differs from the one pinned at its first bundle.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct KeyChange {
    /// The key ID pinned before, grouped for reading aloud (`3C4A A871 ADED 53CD`).
    pub previous_key_id: String,
    /// Its fingerprint.
    pub previous_fingerprint: String,
    /// The new key ID, grouped.
    pub key_id: String,
    /// Its fingerprint.
    pub fingerprint: String,
    /// The contact named in the bundle (name, telephone), to call before accepting.
    pub contact_name: String,
    /// The contact's telephone.
    pub contact_phone: String,
    /// The parts, to import again with the change accepted.
    pub paths: Vec<String>,
}

/// One received bundle (or a refused one, from the latest import).
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct BundleRow {
    /// Receipt number (none: refused, not recorded).
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub id: Option<i64>,
    /// Sending unit.
    pub unit: String,
    /// Campaign.
    pub profile_id: String,
    /// When received, RFC 3339.
    pub received_at: String,
    /// Signing key ID.
    pub key_id: String,
    /// `first-seen`, `same` or `changed`.
    pub key_status: String,
    /// Part file names.
    pub parts: Vec<String>,
    /// Why it was refused (messages), empty when imported.
    pub refused: Vec<String>,
    /// The technical details of a refusal (for support; the messages say what to do).
    pub details: Vec<String>,
    /// Received after the deadline.
    pub late: bool,
    /// A made-up example (示例), judged at its own day (`YYYY-MM-DD`) rather than the time of receipt.
    pub example_as_of: Option<String>,
    /// Re-check errors.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub errors: i64,
    /// Re-check warnings.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub warnings: i64,
    /// The imported unit.
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub unit_id: Option<i64>,
    /// The earlier submission this one replaces.
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub previous_id: Option<i64>,
    /// What changed since the earlier submission.
    pub changes: Vec<String>,
    /// A later submission replaced this one.
    pub replaced: bool,
    /// Candidates also recommended by another unit.
    pub duplicates: Vec<crate::bundle::import::Duplicate>,
    /// What the re-check found about the bundle as a whole (lateness, quota…), as recorded at import.
    pub problems: Vec<String>,
    /// A bundle refused because the unit's key changed: what to compare and who to call, and the
    /// parts to import again once the reviewer confirms.
    pub key_change: Option<KeyChange>,
    /// Each payload file's integrity verdict.
    pub files: Vec<crate::bundle::verify::FileVerdict>,
    /// For a bundle that forwards candidates from units: the chain of custody in words.
    pub chain: Vec<ChainLine>,
}

/// One sentence of a chain of custody.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct ChainLine {
    /// Good news (proven, unchanged) or not (changed, unproven, added by the forwarder).
    pub ok: bool,
    /// The sentence.
    pub text: String,
}

/// A candidate across units.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct ReviewCandidate {
    /// The bundle.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub bundle: i64,
    /// The unit row (for the detail drawer).
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub unit_id: i64,
    /// Candidate row id.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub candidate_id: i64,
    /// Sending unit.
    pub unit: String,
    /// Name.
    pub name: String,
    /// 性别.
    pub gender: String,
    /// 推荐领域 or 类别, as filled in.
    pub domain: String,
    /// Problems found by the re-check.
    pub problems: Vec<String>,
    /// Errors among them.
    pub errors: u32,
    /// The bundle came late.
    pub late: bool,
    /// The bundle replaces an earlier one.
    pub resubmitted: bool,
    /// Another unit recommends the same person.
    pub duplicate_of: Option<String>,
}

impl Desk {
    /// What importing bundle parts (zips, or folders holding them) needs, read in a moment: the
    /// files, the workspace folder and the campaigns. [`ImportPlan::run`] then verifies, stores and
    /// records them through a handle of its own (SQLite lets the window's autosaves go on meanwhile),
    /// and [`Desk::record_import`] words the rows this import added, refused ones included.
    pub fn plan_import(&self, paths: &[PathBuf], accept_key_change: bool) -> Result<ImportPlan> {
        let mut files = Vec::new();
        for p in paths {
            if p.is_dir() {
                let mut zips: Vec<PathBuf> = std::fs::read_dir(p)
                    .map_err(|e| Error::io(p, e))?
                    .filter_map(|e| e.ok().map(|e| e.path()))
                    .filter(|f| {
                        f.extension()
                            .is_some_and(|x| x.eq_ignore_ascii_case("zip") || x.eq_ignore_ascii_case("age"))
                    })
                    .collect();
                zips.sort();
                files.extend(zips);
            } else {
                files.push(p.clone());
            }
        }
        Ok(ImportPlan {
            files,
            root: self.ws.root().to_path_buf(),
            registry: self.registry.clone(),
            accept_key_change,
        })
    }

    /// Imports bundle parts at once, holding the desk throughout (for tests and scripts; the window
    /// goes plan → run → record).
    pub fn import_now(
        &mut self,
        paths: &[PathBuf],
        accept_key_change: bool,
        obs: &dyn Observer,
    ) -> Result<Vec<BundleRow>> {
        let run = self.plan_import(paths, accept_key_change)?.run(obs)?;
        self.record_import(run)
    }

    /// The rows an import added, in the user's language (a refused bundle with its reasons, a changed
    /// key with what to compare on the phone); the import's own re-checks are kept for the tables.
    pub fn record_import(&mut self, run: ImportRun) -> Result<Vec<BundleRow>> {
        let mut imported = run.imported;
        let received = self.ws.received()?;
        for i in &mut imported {
            let unit = received.iter().find(|r| i.id == Some(r.id)).and_then(|r| r.unit_id);
            if let (Some(uid), Some(report)) = (unit, i.report.take()) {
                self.rechecks.borrow_mut().insert(uid, report);
            }
        }
        let l = self.localizer();
        let all = self.review()?;
        Ok(imported
            .into_iter()
            .map(|i| match all.bundles.iter().find(|b| b.id.is_some() && b.id == i.id) {
                Some(b) => b.clone(),
                None => BundleRow {
                    key_change: match (
                        &i.previous_key,
                        i.refused.iter().any(|r| r.code == "import-key-changed"),
                    ) {
                        (Some(old), true) => Some(KeyChange {
                            previous_key_id: crate::bundle::keys::grouped(&old.key_id),
                            previous_fingerprint: old.fingerprint.clone(),
                            key_id: crate::bundle::keys::grouped(&i.key_id),
                            fingerprint: i.fingerprint.clone(),
                            contact_name: i.contact.as_ref().map(|c| c.name.clone()).unwrap_or_default(),
                            contact_phone: i.contact.as_ref().map(|c| c.phone.clone()).unwrap_or_default(),
                            paths: i.parts.iter().map(|p| p.display().to_string()).collect(),
                        }),
                        _ => None,
                    },
                    id: None,
                    unit: i.unit,
                    profile_id: i.profile,
                    received_at: String::new(),
                    key_id: i.key_id,
                    key_status: i.key_status,
                    parts: i
                        .parts
                        .iter()
                        .map(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default())
                        .collect(),
                    refused: i
                        .refused
                        .iter()
                        .map(|r| {
                            let mut a = BTreeMap::new();
                            a.insert("entry", r.entry.clone().unwrap_or_default());
                            a.insert("detail", r.detail.clone());
                            // The window has a button where the command line has a flag.
                            let code = if r.code == "import-key-changed" {
                                "desk-import-key-changed"
                            } else {
                                r.code
                            };
                            l.text(code, &a)
                        })
                        .collect(),
                    details: i
                        .refused
                        .iter()
                        .filter(|r| !r.detail.is_empty())
                        .map(|r| r.detail.clone())
                        .collect(),
                    late: i.late,
                    example_as_of: i.example_as_of.clone(),
                    errors: i.errors as i64,
                    warnings: i.warnings as i64,
                    unit_id: None,
                    previous_id: None,
                    changes: vec![],
                    replaced: false,
                    duplicates: i.duplicates,
                    problems: vec![],
                    files: i.files,
                    chain: vec![],
                },
            })
            .collect())
    }

    /// The re-checks the reviewer's tables still need (received units not re-checked yet this
    /// session), read from the workspace in a moment; [`RecheckPlan::run`] checks them without it, a
    /// step per unit, and [`Desk::record_recheck`] keeps them for [`Desk::review`].
    pub fn plan_recheck(&self) -> Result<RecheckPlan> {
        let received = self.ws.received()?;
        let replaced: HashSet<i64> = received.iter().filter_map(|r| r.previous_id).collect();
        let mut units = Vec::new();
        for r in &received {
            let Some(uid) = r.unit_id else { continue };
            if replaced.contains(&r.id) || self.rechecks.borrow().contains_key(&uid) {
                continue;
            }
            let Ok(profile) = self.registry.get(&r.profile_id) else { continue };
            units.push((uid, r.unit_name.clone(), self.ws.unit_loaded(uid)?, profile.clone()));
        }
        Ok(RecheckPlan { units })
    }

    /// Keeps finished re-checks and returns the reviewer's tables.
    pub fn record_recheck(&mut self, done: Rechecked) -> Result<ReviewView> {
        self.rechecks.borrow_mut().extend(done.0);
        self.review()
    }

    /// The reviewer's tables.
    pub fn review(&self) -> Result<ReviewView> {
        let received = self.ws.received()?;
        let replaced: HashSet<i64> = received.iter().filter_map(|r| r.previous_id).collect();
        let mut bundles = Vec::new();
        let mut candidates = Vec::new();
        let mut profiles: Vec<String> = Vec::new();
        let l = self.localizer();
        for r in received.iter().rev() {
            let report = crate::bundle::report::StoredReport::read(&r.report);
            let duplicates = report.duplicates.clone();
            let row = BundleRow {
                id: Some(r.id),
                unit: r.unit_name.clone(),
                profile_id: r.profile_id.clone(),
                received_at: r.received_at.clone(),
                key_id: r.key_id.clone(),
                key_status: if report.key_status.is_empty() {
                    "same".into()
                } else {
                    report.key_status.clone()
                },
                parts: report.parts.iter().flatten().cloned().collect(),
                refused: vec![],
                details: vec![],
                late: r.late,
                example_as_of: report.example_as_of.clone(),
                errors: r.errors,
                warnings: r.warnings,
                unit_id: r.unit_id,
                previous_id: r.previous_id,
                changes: report.changes.clone().unwrap_or_default(),
                key_change: None,
                replaced: replaced.contains(&r.id),
                duplicates: duplicates.clone(),
                files: report.files.clone(),
                chain: report
                    .chain
                    .as_ref()
                    .map(|c| c.sentences(&l).into_iter().map(|(ok, text)| ChainLine { ok, text }).collect())
                    .unwrap_or_default(),
                problems: report
                    .findings
                    .findings
                    .iter()
                    .filter(|f| f.candidate_id.is_none())
                    .map(|f| {
                        // Lateness is said to the organiser, about the unit (the stored message
                        // speaks to the unit: "请立即与组织单位联系").
                        if f.code.starts_with("deadline-passed") {
                            let date = self
                                .registry
                                .get(&r.profile_id)
                                .ok()
                                .and_then(|p| p.deadline.as_ref().map(|d| d.date.clone()))
                                .unwrap_or_default();
                            return l.text("review-late", &BTreeMap::from([("date", date)]));
                        }
                        // Stored as a code with its values: said in the reviewer's language now.
                        f.message(&l)
                    })
                    .collect(),
            };
            if !profiles.contains(&r.profile_id) {
                profiles.push(r.profile_id.clone());
            }
            if let (false, Some(uid)) = (row.replaced, r.unit_id) {
                let Ok(profile) = self.registry.get(&r.profile_id) else {
                    bundles.push(row);
                    continue;
                };
                let loaded = self.ws.unit_loaded(uid)?;
                let rows = self.ws.unit_rows(uid)?;
                // Judged as the import judged it: lateness is the bundle's, not today's.
                // A received unit never changes: its re-check is made once per session.
                let report = self
                    .rechecks
                    .borrow_mut()
                    .entry(uid)
                    .or_insert_with(|| recheck(&loaded, profile))
                    .clone();
                for c in &loaded.packet.candidates {
                    let Some((cid, _)) = rows.candidates.iter().find(|(_, k)| k == &c.id) else { continue };
                    let text = |id: &str| crate::packet::text(&c.fields, id).unwrap_or_default().to_string();
                    let name = text(&profile.candidate_form.name_field);
                    let gender = profile
                        .candidate_form
                        .fields
                        .iter()
                        .find(|f| f.id == "gender" || f.label.contains("性别"))
                        .map(|f| text(&f.id))
                        .unwrap_or_default();
                    let domain = profile
                        .candidate_form
                        .fields
                        .iter()
                        .find(|f| f.kind == crate::profile::FieldKind::MultiChoice)
                        .and_then(|f| c.fields.get(&f.id))
                        .map(|v| match v {
                            serde_json::Value::Array(a) => {
                                a.iter().filter_map(|s| s.as_str()).collect::<Vec<_>>().join("、")
                            }
                            other => other.as_str().unwrap_or_default().to_string(),
                        })
                        .unwrap_or_default();
                    let mine: Vec<_> =
                        report.findings.iter().filter(|f| f.candidate_id.as_deref() == Some(&c.id)).collect();
                    candidates.push(ReviewCandidate {
                        bundle: r.id,
                        unit_id: uid,
                        candidate_id: *cid,
                        unit: r.unit_name.clone(),
                        duplicate_of: duplicates
                            .iter()
                            .find(|d| d.name == name)
                            .map(|d| d.other_unit.clone()),
                        name,
                        gender,
                        domain,
                        problems: mine.iter().map(|f| f.message(&l)).collect(),
                        errors: mine.iter().filter(|f| f.severity == Severity::Error).count() as u32,
                        late: r.late,
                        resubmitted: r.previous_id.is_some(),
                    });
                }
            }
            bundles.push(row);
        }
        Ok(ReviewView { bundles, candidates, profiles, keys: self.known_keys()? })
    }

    /// Writes the merged 汇总表 of a campaign's latest submissions as Excel, Word and PDF into the
    /// workspace's `汇总` folder.
    pub fn export_summary(&self, profile_id: &str) -> Result<Vec<OutputFile>> {
        let profile = self.registry.get(profile_id)?;
        let dir = self.output_dir("汇总", &format!("{}-{}", profile.short_title, super::stamp()));
        std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
        let mut out = Vec::new();
        for ext in ["xlsx", "docx", "pdf"] {
            let file = dir.join(crate::store::sanitize_name(&format!("{}汇总表.{ext}", profile.short_title)));
            crate::bundle::summary::merged(&self.ws, &self.registry, Some(profile_id), &file)?;
            out.push(OutputFile::of(&file));
        }
        Ok(out)
    }

    /// Writes a signed receipt for each given bundle into the workspace's `回执` folder.
    pub fn write_receipts(&self, bundles: &[i64]) -> Result<Vec<OutputFile>> {
        let signer = self.signer()?;
        let dir = self.output_dir("回执", &super::stamp());
        std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
        let received = self.ws.received()?;
        let mut out = Vec::new();
        for id in bundles {
            let unit = received.iter().find(|r| r.id == *id).map(|r| r.unit_name.clone()).unwrap_or_default();
            let file: PathBuf = dir.join(crate::store::sanitize_name(&format!("回执-{id}-{unit}.json")));
            crate::bundle::receipt::write(&self.ws, *id, &signer, &file)?;
            out.push(OutputFile::of(&file));
        }
        Ok(out)
    }

    /// The folder a file is in (for 打开文件夹).
    pub fn folder_of(path: &Path) -> PathBuf {
        if path.is_dir() {
            path.to_path_buf()
        } else {
            path.parent().map(Path::to_path_buf).unwrap_or_default()
        }
    }
}

/// Received units to re-check (see [`Desk::plan_recheck`]).
#[derive(Debug)]
pub struct RecheckPlan {
    units: Vec<(i64, String, crate::packet::LoadedPacket, crate::profile::Profile)>,
}

/// Finished re-checks, by unit, not yet kept.
#[derive(Debug)]
pub struct Rechecked(Vec<(i64, check::Report)>);

/// A received unit re-checked with the reviewer's profile, judged as the import judged it (lateness
/// is the bundle's, not today's).
fn recheck(loaded: &crate::packet::LoadedPacket, profile: &crate::profile::Profile) -> check::Report {
    check::check(loaded, profile, check::Options::as_of(loaded.packet.as_of.as_deref()))
}

impl RecheckPlan {
    /// Re-checks each unit with the reviewer's profile, judged as the import judged it (lateness is
    /// the bundle's, not today's): a step per unit, named by the unit; stops when cancelled.
    pub fn run(self, obs: &dyn Observer) -> Result<Rechecked> {
        obs.begin(self.units.len() as u64);
        let mut out = Vec::with_capacity(self.units.len());
        for (uid, name, loaded, profile) in self.units {
            if obs.cancelled() {
                return Err(Error::Cancelled);
            }
            obs.file(&name);
            out.push((uid, recheck(&loaded, &profile)));
            obs.advance(1);
        }
        Ok(Rechecked(out))
    }
}

/// Bundle parts to import (see [`Desk::plan_import`]).
#[derive(Debug)]
pub struct ImportPlan {
    files: Vec<PathBuf>,
    root: PathBuf,
    registry: crate::profile::Registry,
    accept_key_change: bool,
}

/// An import done and committed, its rows not yet worded.
#[derive(Debug)]
pub struct ImportRun {
    imported: Vec<crate::bundle::import::Imported>,
}

impl ImportPlan {
    /// Verifies, stores and records every bundle (each in one transaction) through a workspace
    /// handle of its own, with progress in bytes and cancel between bundles.
    pub fn run(self, obs: &dyn Observer) -> Result<ImportRun> {
        let mut ws = crate::store::Workspace::open(&self.root)?;
        let opts = crate::bundle::import::ImportOptions {
            accept_key_change: self.accept_key_change,
            identity: None,
        };
        let now = time::OffsetDateTime::now_utc();
        let imported =
            crate::bundle::import::import_observed(&mut ws, &self.registry, &self.files, &opts, now, obs)?;
        Ok(ImportRun { imported })
    }
}
