//! 新建活动: a campaign drafted from its notice in the window — paste or open the notice, review each
//! rule the drafter found beside its sentence (keep it, drop it, or edit the profile text), save it
//! to the workspace. The same drafter as `jianbao profile draft`.

use serde::Serialize;

use super::Desk;
use crate::error::{Error, Result};
use crate::profile::draft::{self, Found};
use crate::profile::{notice, Clause, DeliverableSource, Profile, Quota, Registry};

/// A draft as the window reviews it.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct DraftView {
    /// The campaign's title as drafted.
    pub title: String,
    /// Its id (`draft-2023-…`).
    pub id: String,
    /// Each rule found, with the sentence it quotes; `at` is what dropping it removes.
    pub rules: Vec<Found>,
    /// What a person must decide.
    pub undecided: Vec<String>,
    /// The profile file as it would be saved with every rule kept (for editing by hand).
    pub toml: String,
}

/// Removes one found rule from a draft: the notice's words stay, the rule goes (a dropped quota or
/// deadline becomes "not stated").
fn drop_rule(p: &mut Profile, at: &str) {
    match at {
        "deadline" => p.deadline = None,
        "quota" => p.quota = Quota { teams: p.quota.teams, ..draft::unstated_quota() },
        "summary" => {
            p.summary = None;
            p.deliverables.retain(|d| d.source != DeliverableSource::SummaryTable);
        }
        "delivery" => p.delivery.clause = Clause::advice("请按主办单位要求报送。"),
        "deliverables.recommendation_form" => {
            if let Some(d) = p.deliverables.iter_mut().find(|d| d.id == "recommendation_form") {
                d.paper_copies = 0;
                d.blank_copies = 0;
                d.scan_after_seal = false;
                d.clause = draft::unstated_form_clause();
            }
        }
        "candidate_form" => {
            for f in &mut p.candidate_form.fields {
                if f.clause.as_ref().is_some_and(|c| c.notice.is_some()) {
                    f.clause = Some(Clause::advice("建议填写（通知未写明必填）。"));
                }
            }
        }
        other => {
            if let Some(id) =
                other.strip_prefix("candidate_form.fields.").and_then(|r| r.strip_suffix(".words"))
            {
                if let Some(f) = p.candidate_form.fields.iter_mut().find(|f| f.id == id) {
                    f.words = None;
                }
            } else if let Some(id) =
                other.strip_prefix("candidate_slots.").or_else(|| other.strip_prefix("slots."))
            {
                p.candidate_slots.retain(|s| s.id != id);
                p.unit_slots.retain(|s| s.id != id);
                p.deliverables.retain(|d| !(d.source == DeliverableSource::Slot && d.id == id));
                if id == "id_photo" {
                    p.candidate_form.fields.retain(|f| f.slot.as_deref() != Some("id_photo"));
                    if let Some(l) = &mut p.candidate_form.layout {
                        l.photo = None;
                    }
                }
            }
        }
    }
}

impl Desk {
    /// Drafts a campaign from a notice's text, for review.
    pub fn draft_profile(&self, text: &str) -> Result<DraftView> {
        let d = draft::draft(text, Registry::builtin()?.all());
        Ok(DraftView {
            title: d.profile.title.clone(),
            id: d.profile.id.clone(),
            toml: draft::to_toml(&d),
            rules: d.found,
            undecided: d.undecided,
        })
    }

    /// Saves a reviewed draft into the workspace: the rules at `dropped` removed, or — when the
    /// person edited the profile text — that text. It must pass `profile check` against the notice
    /// (valid, every quote verbatim); the notice text is kept beside it. Returns the campaign's id.
    pub fn save_draft(&mut self, text: &str, dropped: &[String], edited: Option<&str>) -> Result<String> {
        let d = draft::draft(text, Registry::builtin()?.all());
        let (toml_text, profile) = match edited {
            Some(t) => (t.to_string(), crate::profile::parse(t, "草稿")?),
            None => {
                let mut p = d.profile.clone();
                for at in dropped {
                    drop_rule(&mut p, at);
                }
                let t = draft::to_toml(&draft::Draft { profile: p, ..d.clone() });
                let p = crate::profile::parse(&t, "草稿")?;
                (t, p)
            }
        };
        let n = crate::profile::NoticeText::parse(&d.notice_file);
        let problems = notice::audit(&profile, &n, crate::profile::form_text(&profile).as_ref());
        if !problems.is_empty() {
            return Err(Error::InvalidProfile { file: format!("{}.toml", profile.id), problems });
        }
        if Registry::builtin()?.get(&profile.id).is_ok() {
            // A draft never silently replaces a built-in campaign.
            return Err(Error::InvalidProfile {
                file: format!("{}.toml", profile.id),
                problems: vec![
                    crate::error::Problem::new("profile-duplicate-id", "id").arg("value", &profile.id)
                ],
            });
        }
        let dir = self.ws.profiles_dir();
        std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
        crate::fsutil::write_atomic(
            &dir.join(format!("{}.notice.txt", profile.id)),
            d.notice_file.as_bytes(),
        )?;
        crate::fsutil::write_atomic(&dir.join(format!("{}.toml", profile.id)), toml_text.as_bytes())?;
        self.registry = Registry::with_dir(&dir)?;
        Ok(profile.id)
    }
}
