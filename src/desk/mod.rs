//! What the desktop app shows and does. Each function here is one button or one screen of the app:
//! it reads or changes the workspace through [`crate::store`], judges with [`crate::check`], renders
//! with [`crate::render`] and signs with [`crate::bundle`], and returns a serialisable view. The Tauri
//! commands are one line each over these functions, so everything the window can do is tested here
//! without a window.

pub mod care;
pub mod drafts;
pub mod review;
pub mod unit;

use std::path::{Path, PathBuf};

use serde::Serialize;

pub use care::KnownKey;
pub use drafts::DraftView;
pub use review::{BundleRow, KeyChange, ReviewCandidate, ReviewView};
pub use unit::{CandidateView, DeadlineView, ExportView, FileView, FindingView, UnitView};

use crate::bundle::keys;
use crate::error::{Error, Result};
use crate::i18n::{Lang, Localizer};
use crate::profile::{Profile, Registry};
use crate::store::Workspace;

/// The setting that records the example was offered (so a removed example stays removed).
const SAMPLE_OFFERED: &str = "sample-offered";
/// The campaign of the example workspace.
pub const SAMPLE_PROFILE: &str = "ordos-2021-zuimei";

/// An open workspace with the campaigns it knows, in the user's language.
#[derive(Debug)]
pub struct Desk {
    ws: Workspace,
    registry: Registry,
    lang: Lang,
    /// Re-checks of received units (which never change), by unit id.
    rechecks: std::cell::RefCell<std::collections::HashMap<i64, crate::check::Report>>,
    /// What each stored file is, by content hash (stored files never change), for the editor's facts.
    inspections: std::cell::RefCell<std::collections::HashMap<String, crate::media::Inspection>>,
}

/// The setting holding the name an organiser forwards under.
const ORGANISER_SETTING: &str = "organiser_name";

/// The start screen.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Home {
    /// The workspace folder.
    pub workspace: String,
    /// The units being prepared here (not those received).
    pub units: Vec<UnitCard>,
    /// Campaigns, built-in and added.
    pub profiles: Vec<ProfileCard>,
    /// Bundles received.
    pub received: usize,
    /// The signing key, once made.
    pub key: Option<KeyInfo>,
    /// The organiser's encryption recipient (`age1…`, what units encrypt to), once made.
    pub recipient: Option<String>,
    /// Its QR code image (PNG in the workspace's key folder), to show, print or put in the notice.
    pub recipient_qr: Option<String>,
    /// The name this organiser forwards under (转报上级), as last used.
    pub organiser: String,
    /// The language of messages.
    pub lang: String,
    /// First start: the example is being prepared.
    pub sample_pending: bool,
}

/// A unit on the start screen.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct UnitCard {
    /// Row id.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub id: i64,
    /// Campaign id.
    pub profile_id: String,
    /// Campaign title.
    pub profile_title: String,
    /// The unit's name.
    pub name: String,
    /// Number of candidates.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub candidates: i64,
    /// Last change, RFC 3339.
    pub updated_at: String,
    /// The example workspace.
    pub sample: bool,
}

/// A campaign on the start screen.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct ProfileCard {
    /// Profile id.
    pub id: String,
    /// Full title.
    pub title: String,
    /// Short title.
    pub short_title: String,
    /// Year.
    pub year: u16,
    /// Organiser.
    pub organiser: String,
    /// The deadline, judged today.
    pub deadline: Option<DeadlineView>,
    /// Compiled in (else added from a file).
    pub builtin: bool,
}

/// The unit's signing key.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct KeyInfo {
    /// Key ID (16 hex digits), as printed at the foot of every page.
    pub id: String,
    /// The public key file.
    pub public_key_path: String,
}

/// 字数 of a text, as Word counts it.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Words {
    /// Word's 字数.
    pub words: u32,
    /// Characters without spaces.
    pub chars: u32,
}

/// 字数 of a field's text against its limit, counted and judged by the core (the window only shows it).
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct FieldWords {
    /// Word's 字数.
    pub words: u32,
    /// Characters without spaces.
    pub chars: u32,
    /// How the count stands against the limit.
    pub state: crate::check::WordState,
    /// The limit in words (`不超过 1500 字`); empty without one.
    pub rule: String,
}

/// One rendered file.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct OutputFile {
    /// File name.
    pub name: String,
    /// Full path.
    pub path: String,
    /// Size in bytes.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub size: u64,
}

impl OutputFile {
    fn of(path: &Path) -> Self {
        OutputFile {
            name: path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(),
            path: path.display().to_string(),
            size: std::fs::metadata(path).map(|m| m.len()).unwrap_or(0),
        }
    }
}

impl Desk {
    /// Opens the workspace at `root`. On the very first start the example is due
    /// ([`Desk::sample_due`]): the app prepares it in the background and installs it.
    pub fn open(root: &Path, lang: Lang) -> Result<Self> {
        let ws = Workspace::open(root)?;
        let registry = Registry::with_dir(&ws.profiles_dir())?;
        Ok(Desk { ws, registry, lang, rechecks: Default::default(), inspections: Default::default() })
    }

    /// Opens the workspace and, on the very first start, adds the example at once.
    pub fn open_with_sample(root: &Path, lang: Lang) -> Result<Self> {
        let mut desk = Desk::open(root, lang)?;
        if desk.sample_due()? {
            let files = prepare_sample(&desk.registry)?;
            desk.install_sample(files)?;
        }
        Ok(desk)
    }

    /// Whether this is the first start, when the example is added (once: a removed example stays
    /// removed).
    pub fn sample_due(&self) -> Result<bool> {
        Ok(self.ws.setting(SAMPLE_OFFERED)?.is_none())
    }

    /// Installs the prepared example on the first start; returns its unit id.
    pub fn install_sample(&mut self, files: SampleFiles) -> Result<Option<i64>> {
        if !self.sample_due()? {
            return Ok(None);
        }
        let id = self.import_sample(files)?;
        self.ws.set_setting(SAMPLE_OFFERED, "1")?;
        Ok(Some(id))
    }

    /// The workspace.
    pub fn workspace(&self) -> &Workspace {
        &self.ws
    }

    /// The campaigns known here.
    pub fn registry(&self) -> &Registry {
        &self.registry
    }

    /// Messages' language.
    pub fn set_lang(&mut self, lang: &str) -> Result<Home> {
        self.lang = Lang::parse(lang).unwrap_or(Lang::Zh);
        self.home()
    }

    pub(crate) fn localizer(&self) -> Localizer {
        Localizer::for_window(self.lang)
    }

    /// An error as the window shows it: `{code, message}` in the user's language.
    pub fn error_view(&self, e: &Error) -> ErrorView {
        ErrorView { code: e.code().to_string(), message: self.localizer().error(e) }
    }

    /// Adds the example unit: the Ordos 2021 sample's unit and first candidate, with real photos and
    /// documents, marked 示例.
    pub fn add_sample(&mut self) -> Result<i64> {
        let files = prepare_sample(&self.registry)?;
        self.import_sample(files)
    }

    fn import_sample(&mut self, files: SampleFiles) -> Result<i64> {
        let id = self.ws.import_packet(&files.loaded, &files.profile)?;
        self.ws.set_sample(id, true)?;
        // One candidate, as the example says, leaving room under the quota to add one.
        for (cid, _) in self.ws.unit_rows(id)?.candidates.into_iter().skip(1) {
            self.ws.remove_candidate(cid)?;
        }
        Ok(id)
    }

    /// The start screen.
    pub fn home(&self) -> Result<Home> {
        let bundles = self.ws.received()?;
        let received: std::collections::HashSet<i64> = bundles.iter().filter_map(|r| r.unit_id).collect();
        let mut units = Vec::new();
        for u in self.ws.units()?.into_iter().filter(|u| !received.contains(&u.id)) {
            let rows = self.ws.unit_rows(u.id)?;
            let title = self.registry.get(&u.profile).map(|p| p.title.clone()).unwrap_or_default();
            units.push(UnitCard {
                id: u.id,
                profile_id: u.profile,
                profile_title: title,
                name: u.name,
                candidates: u.candidates,
                updated_at: u.updated_at,
                sample: rows.sample,
            });
        }
        let today = crate::check::Options::as_of(None).today;
        let profiles = self
            .registry
            .all()
            .iter()
            .map(|p| ProfileCard {
                id: p.id.clone(),
                title: p.title.clone(),
                short_title: p.short_title.clone(),
                year: p.year,
                organiser: p.organiser.clone(),
                deadline: unit::deadline(p, today),
                builtin: crate::profile::builtin_text(&p.id).is_some(),
            })
            .collect();
        Ok(Home {
            workspace: self.ws.root().display().to_string(),
            units,
            profiles,
            received: bundles.len(),
            sample_pending: self.sample_due()?,
            key: self.key(),
            recipient: self.recipient(),
            recipient_qr: self.recipient().and_then(|r| self.recipient_qr(&r).ok()),
            organiser: self.ws.setting(ORGANISER_SETTING)?.unwrap_or_default(),
            lang: if self.lang == Lang::En { "en" } else { "zh" }.to_string(),
        })
    }

    /// A campaign's profile (the UI generates the forms from it), with each choice field's standard
    /// list (民族, 政治面貌…) spelled out as its `choices`.
    pub fn profile(&self, id: &str) -> Result<Profile> {
        Ok(with_choices(self.registry.get(id)?))
    }

    /// Adds a campaign from a profile file: validated, then copied into the workspace's `profiles`
    /// folder (the original stays where it is). Returns its id.
    pub fn add_profile(&mut self, file: &Path) -> Result<String> {
        let profile = crate::profile::load_file(file)?;
        let text = std::fs::read(file).map_err(|e| Error::io(file, e))?;
        let dir = self.ws.profiles_dir();
        std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
        crate::fsutil::write_atomic(&dir.join(format!("{}.toml", profile.id)), &text)?;
        self.registry = Registry::with_dir(&dir)?;
        Ok(profile.id)
    }

    /// Starts a new unit for a campaign; returns its id.
    pub fn create_unit(&mut self, profile_id: &str) -> Result<i64> {
        self.registry.get(profile_id)?;
        self.ws.create_unit(profile_id, "")
    }

    /// Removes a unit (the example, or one no longer wanted). Media blobs stay in the store.
    pub fn remove_unit(&mut self, unit_id: i64) -> Result<Home> {
        self.ws.delete_unit(unit_id)?;
        self.home()
    }

    /// The signing key, if one was made.
    pub fn key(&self) -> Option<KeyInfo> {
        let dir = keys::default_dir(self.ws.root());
        let public = dir.join("jianbao.pub");
        let key = keys::PublicKey::load(&public).ok()?;
        Some(KeyInfo { id: key.id(), public_key_path: public.display().to_string() })
    }

    /// The organiser's encryption recipient, if its key pair was made.
    pub fn recipient(&self) -> Option<String> {
        let file = keys::default_dir(self.ws.root()).join(crate::bundle::seal::RECIPIENT_FILE);
        let text = std::fs::read_to_string(file).ok()?;
        crate::bundle::seal::recipient(text.trim()).ok().map(|r| r.to_string())
    }

    /// Makes the organiser's encryption key pair (once): the identity stays in the workspace's key
    /// folder (0600); the recipient is what the units encrypt to.
    pub fn create_encryption_key(&mut self) -> Result<Home> {
        crate::bundle::seal::keygen(&keys::default_dir(self.ws.root()))?;
        self.home()
    }

    /// Writes the recipient to `dest` (to send to the units, or put beside the notice): as its QR code
    /// when `dest` ends in `.png`, else as text.
    pub fn export_recipient(&self, dest: &Path) -> Result<OutputFile> {
        let r = self.recipient().ok_or_else(|| Error::BadRecipient { value: String::new() })?;
        if dest.extension().is_some_and(|e| e.eq_ignore_ascii_case("png")) {
            crate::fsutil::write_atomic(dest, &crate::bundle::seal::qr_png(&r)?)?;
        } else {
            crate::fsutil::write_atomic(dest, format!("{r}\n").as_bytes())?;
        }
        Ok(OutputFile::of(dest))
    }

    /// The QR code image of the recipient in the key folder (made when missing).
    fn recipient_qr(&self, recipient: &str) -> Result<String> {
        let path = keys::default_dir(self.ws.root()).join(crate::bundle::seal::QR_FILE);
        if !path.exists() {
            crate::fsutil::write_atomic(&path, &crate::bundle::seal::qr_png(recipient)?)?;
        }
        Ok(path.display().to_string())
    }

    /// The recipient in a file the user picked (a `.pub` the organiser sent, or a text holding one).
    pub fn read_recipient(path: &Path) -> Result<String> {
        crate::bundle::seal::recipient(&path.display().to_string()).map(|r| r.to_string())
    }

    /// 转报上级: makes a new unit for the `profile_id` campaign from received candidates (by their
    /// row ids), with `organiser` as 推荐单位 (remembered for next time).
    pub fn forward(
        &mut self,
        candidates: &[i64],
        profile_id: &str,
        organiser: &str,
        with_originals: bool,
    ) -> Result<crate::bundle::forward::ForwardReport> {
        let next = self.registry.get(profile_id)?.clone();
        let wanted: Vec<String> = candidates.iter().map(i64::to_string).collect();
        let report = crate::bundle::forward::forward(
            &mut self.ws,
            &self.registry,
            &wanted,
            &next,
            organiser,
            with_originals,
        )?
        .localize(&self.localizer());
        if !organiser.trim().is_empty() {
            self.ws.set_setting(ORGANISER_SETTING, organiser.trim())?;
        }
        Ok(report)
    }

    /// Makes the signing key (once).
    pub fn create_key(&mut self) -> Result<KeyInfo> {
        let dir = keys::default_dir(self.ws.root());
        keys::keygen(&dir, None)?;
        self.key().ok_or_else(|| Error::Key { path: dir, reason: "the new key cannot be read".into() })
    }

    /// Copies the public key to `dest` (for the organiser).
    pub fn export_public_key(&self, dest: &Path) -> Result<OutputFile> {
        let src = keys::default_dir(self.ws.root()).join("jianbao.pub");
        let text = std::fs::read(&src).map_err(|e| Error::io(&src, e))?;
        crate::fsutil::write_atomic(dest, &text)?;
        Ok(OutputFile::of(dest))
    }

    pub(crate) fn signer(&self) -> Result<keys::Signer25519> {
        let path = keys::default_dir(self.ws.root()).join("jianbao.key");
        if !path.exists() {
            return Err(Error::Key { path, reason: "no signing key yet / 尚未创建签名密钥".into() });
        }
        keys::Signer25519::load(&path, None)
    }

    /// 字数 as Word counts it.
    pub fn words(text: &str) -> Words {
        let c = crate::wordcount::count(text);
        Words { words: c.words as u32, chars: c.chars_no_spaces as u32 }
    }

    /// 字数 of `text` for a field of a unit's campaign (a candidate's field, else the unit's), with
    /// the verdict against the field's limit and the limit in the user's language.
    pub fn field_words(&self, unit_id: i64, field: &str, text: &str) -> Result<FieldWords> {
        let profile = self.registry.get(&self.ws.unit_rows(unit_id)?.profile)?;
        let limit = profile
            .candidate_field(field)
            .or_else(|| profile.unit_form.fields.iter().find(|f| f.id == field))
            .and_then(|f| f.words.as_ref());
        let c = crate::wordcount::count(text);
        let l = self.localizer();
        let arg = |n: Option<u32>| n.map(|v| v.to_string()).unwrap_or_default();
        let rule = match limit {
            None => String::new(),
            Some(w) => {
                let mut a = std::collections::BTreeMap::new();
                a.insert("target", arg(w.target));
                a.insert("min", arg(w.min));
                a.insert("max", arg(w.max));
                let id = match (w.target, w.min, w.max) {
                    (Some(_), _, _) => "words-rule-target",
                    (None, Some(_), Some(_)) => "words-rule-range",
                    (None, None, Some(_)) => "words-rule-max",
                    (None, Some(_), None) => "words-rule-min",
                    (None, None, None) => {
                        return Ok(FieldWords {
                            words: c.words as u32,
                            chars: c.chars_no_spaces as u32,
                            state: crate::check::word_state(None, c.words as u32),
                            rule: String::new(),
                        })
                    }
                };
                l.text(id, &a)
            }
        };
        Ok(FieldWords {
            words: c.words as u32,
            chars: c.chars_no_spaces as u32,
            state: crate::check::word_state(limit, c.words as u32),
            rule,
        })
    }

    /// The bytes of a file the app wrote (a rendered form, a bundle) for the preview; only files inside
    /// the workspace are served.
    pub fn output_bytes(&self, path: &Path) -> Result<Vec<u8>> {
        let inside = |p: &Path| -> Option<bool> {
            Some(p.canonicalize().ok()?.starts_with(self.ws.root().canonicalize().ok()?))
        };
        if inside(path) != Some(true) {
            return Err(Error::NotShown { path: path.to_path_buf(), why: crate::error::NotShown::Outside });
        }
        // Secret keys never reach the window: of the key folder, only public keys and the QR image.
        let keys_dir = keys::default_dir(self.ws.root()).canonicalize().ok();
        let in_keys = path.canonicalize().ok().zip(keys_dir).is_some_and(|(p, k)| p.starts_with(k));
        let public = path.extension().is_some_and(|e| e == "pub" || e == "png");
        if in_keys && !public {
            return Err(Error::NotShown { path: path.to_path_buf(), why: crate::error::NotShown::Secret });
        }
        // Previews are forms of a few MB; nothing larger is loaded into the window.
        let len = std::fs::metadata(path).map_err(|e| Error::io(path, e))?.len();
        if len > 256 << 20 {
            return Err(Error::NotShown { path: path.to_path_buf(), why: crate::error::NotShown::TooLarge });
        }
        std::fs::read(path).map_err(|e| Error::io(path, e))
    }

    /// A JPEG thumbnail (at most 360 px) of a stored photo, upright; none for other files.
    pub fn thumbnail(&self, sha256: &str) -> Result<Vec<u8>> {
        if sha256.len() != 64 || !sha256.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(Error::NotShown { path: sha256.into(), why: crate::error::NotShown::Outside });
        }
        let path = self.ws.media().path_of(sha256);
        unit::thumbnail(&path)
    }

    /// A fresh folder under the workspace for output of one kind (`报送包`, `预览`, `汇总`, `回执`).
    pub(crate) fn output_dir(&self, kind: &str, name: &str) -> PathBuf {
        self.ws.root().join(kind).join(crate::store::sanitize_name(name))
    }
}

/// The example's files, drawn and written outside the workspace lock (the slow part of a first start).
#[derive(Debug)]
pub struct SampleFiles {
    _dir: tempfile::TempDir,
    loaded: crate::packet::LoadedPacket,
    profile: Profile,
}

/// Writes the example (the Ordos 2021 sample: real JPEG photos and PDF documents) to a scratch folder.
pub fn prepare_sample(registry: &Registry) -> Result<SampleFiles> {
    let profile = registry.get(SAMPLE_PROFILE)?.clone();
    let dir = tempfile::tempdir().map_err(|e| Error::io(std::env::temp_dir(), e))?;
    let file = crate::sample::write_sample(&profile, dir.path())?;
    let (loaded, profile) = crate::packet::load(&file, registry)?;
    Ok(SampleFiles { _dir: dir, loaded, profile })
}

/// A profile as the window gets it: each choice field's standard list spelled out as its `choices`.
pub fn with_choices(profile: &Profile) -> Profile {
    let mut p = profile.clone();
    for f in p.candidate_form.fields.iter_mut().chain(p.unit_form.fields.iter_mut()) {
        if f.choices.is_empty() && f.choice_list.is_some() {
            f.choices = f.allowed_values();
        }
    }
    p
}

/// An error as it crosses to the window.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct ErrorView {
    /// Stable code (`err-not-ready`…).
    pub code: String,
    /// What is wrong and what to do, in the user's language.
    pub message: String,
}

/// The current time as a compact stamp for folder names (China Standard Time).
pub(crate) fn stamp() -> String {
    let cst = time::UtcOffset::from_hms(8, 0, 0).expect("valid offset");
    let t = time::OffsetDateTime::now_utc().to_offset(cst);
    format!(
        "{:04}{:02}{:02}-{:02}{:02}{:02}",
        t.year(),
        t.month() as u8,
        t.day(),
        t.hour(),
        t.minute(),
        t.second()
    )
}

#[cfg(test)]
mod tests;
