//! Campaign profiles: loading, validating and looking up the rules of one award notice.
//!
//! The five built-in profiles are the files under `assets/profiles/`, compiled into the binary by
//! `build.rs`; any other profile file can be loaded from a path ([`load_file`]) or put in a
//! workspace's `profiles/` folder ([`Registry::with_dir`]).

pub mod draft;
mod lists;
mod model;
pub mod naming;
pub mod notice;
mod validate;
#[cfg(test)]
pub(crate) use validate::{DATE_FORMATS, YEAR_MONTH_FORMATS};

use std::path::Path;

pub use lists::{standard_list, StandardList};
pub use model::*;
pub use notice::NoticeText;

use crate::error::{Error, Problem, Result};

include!(concat!(env!("OUT_DIR"), "/builtin_profiles.rs"));

/// Parses and validates a profile from TOML text. `file` names it in messages.
pub fn parse(text: &str, file: &str) -> Result<Profile> {
    let profile =
        deserialize(text).map_err(|p| Error::InvalidProfile { file: file.to_string(), problems: vec![p] })?;
    let problems = validate::validate(&profile);
    if problems.is_empty() {
        Ok(profile)
    } else {
        Err(Error::InvalidProfile { file: file.to_string(), problems })
    }
}

/// The text a profile's `form` clauses quote, when its form is a text of its own
/// (`form_source.text`, built in under `assets/notices/`).
pub fn form_text(p: &Profile) -> Option<NoticeText> {
    p.form_source.text.as_deref().and_then(NoticeText::builtin)
}

/// A built-in profile's notice as published, and its form's text when that is a text of its own.
pub fn notice_texts(p: &Profile) -> Option<(NoticeText, Option<NoticeText>)> {
    Some((NoticeText::builtin(&p.id)?, form_text(p)))
}

/// Reads a profile file, validates it, and checks its quotes against its notice text when one is
/// beside it (`X.notice.txt`): what `profile check` does.
pub fn check_file(path: &Path) -> Result<Profile> {
    let p = load_file(path)?;
    let side = path.with_extension("notice.txt");
    if side.is_file() {
        let notice = NoticeText::parse(&read_text(&side)?);
        let problems = notice::audit(&p, &notice, form_text(&p).as_ref());
        if !problems.is_empty() {
            return Err(Error::InvalidProfile { file: path.display().to_string(), problems });
        }
    }
    Ok(p)
}

/// A profile named on the command line: a file when the path exists (or ends in `.toml`), else an
/// id of the registry.
pub fn resolve<'a>(reg: &'a Registry, id_or_file: &str) -> Result<std::borrow::Cow<'a, Profile>> {
    let path = Path::new(id_or_file);
    if path.is_file() || id_or_file.ends_with(".toml") {
        return load_file(path).map(std::borrow::Cow::Owned);
    }
    reg.get(id_or_file).map(std::borrow::Cow::Borrowed)
}

/// Reads, parses and validates a profile file.
pub fn load_file(path: &Path) -> Result<Profile> {
    let text = read_text(path)?;
    parse(&text, &path.display().to_string())
}

/// Reads a small text file, refusing anything over 4 MiB (no profile or packet is that large).
pub fn read_text(path: &Path) -> Result<String> {
    use std::io::Read;
    const LIMIT: u64 = 4 << 20;
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let mut buf = Vec::new();
    file.take(LIMIT + 1).read_to_end(&mut buf).map_err(|e| Error::io(path, e))?;
    if buf.len() as u64 > LIMIT {
        return Err(Error::io(
            path,
            std::io::Error::new(std::io::ErrorKind::InvalidData, "file larger than 4 MiB"),
        ));
    }
    String::from_utf8(buf)
        .map_err(|_| Error::io(path, std::io::Error::new(std::io::ErrorKind::InvalidData, "not UTF-8 text")))
}

/// Deserialises with the key path of the first structural problem.
fn deserialize(text: &str) -> std::result::Result<Profile, Problem> {
    let de = toml::Deserializer::new(text);
    serde_path_to_error::deserialize(de).map_err(|err| {
        let at = err.path().to_string();
        let inner = err.into_inner();
        let message = inner.message().to_string();
        let line = inner.span().map(|s| line_of(text, s.start));
        let mut p = Problem::new(classify(&message), if at == "." { String::new() } else { at })
            .arg("detail", &message);
        if let Some(line) = line {
            p = p.arg("line", line);
        }
        p
    })
}

fn line_of(text: &str, offset: usize) -> usize {
    text.as_bytes()[..offset.min(text.len())].iter().filter(|&&b| b == b'\n').count() + 1
}

/// Maps serde's (stable) wording of a structural error onto our codes.
fn classify(message: &str) -> &'static str {
    if message.starts_with("unknown variant") {
        "profile-unknown-value"
    } else if message.starts_with("unknown field") {
        "profile-unknown-key"
    } else if message.starts_with("missing field") {
        "profile-missing-key"
    } else if message.starts_with("invalid value: integer `-") {
        "profile-negative-limit"
    } else if message.starts_with("invalid type") {
        "profile-wrong-type"
    } else if message.starts_with("invalid value") {
        "profile-invalid-value"
    } else {
        "profile-syntax"
    }
}

impl Profile {
    /// The form that holds `field_id`, with the field.
    pub fn candidate_field(&self, id: &str) -> Option<&Field> {
        self.candidate_form.fields.iter().find(|f| f.id == id)
    }

    /// A unit-form field by id.
    pub fn unit_field(&self, id: &str) -> Option<&Field> {
        self.unit_form.fields.iter().find(|f| f.id == id)
    }

    /// A per-candidate attachment slot by id.
    pub fn candidate_slot(&self, id: &str) -> Option<&Slot> {
        self.candidate_slots.iter().find(|s| s.id == id)
    }

    /// A per-unit attachment slot by id.
    pub fn unit_slot(&self, id: &str) -> Option<&Slot> {
        self.unit_slots.iter().find(|s| s.id == id)
    }
}

impl Field {
    /// The allowed values of a choice field: inline `choices`, else the standard list.
    pub fn allowed_values(&self) -> Vec<String> {
        if !self.choices.is_empty() {
            return self.choices.clone();
        }
        self.choice_list.as_deref().and_then(standard_list).map(|l| l.values.clone()).unwrap_or_default()
    }

    /// The label without the template's spacing (`姓  名` → `姓名`), for messages.
    pub fn plain_label(&self) -> String {
        plain_label(&self.label)
    }
}

/// Removes ASCII and ideographic spaces from a label.
pub fn plain_label(label: &str) -> String {
    label.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Built-in and workspace profiles, by id.
#[derive(Debug, Clone)]
pub struct Registry {
    profiles: Vec<Profile>,
}

impl Registry {
    /// The profiles compiled into the binary.
    pub fn builtin() -> Result<Self> {
        let mut profiles = Vec::with_capacity(BUILTIN.len());
        for (name, text) in BUILTIN {
            profiles.push(parse(text, &format!("assets/profiles/{name}"))?);
        }
        Ok(Registry { profiles })
    }

    /// This registry with one more profile (one of the same id is replaced).
    pub fn with_profile(mut self, p: Profile) -> Self {
        self.profiles.retain(|o| o.id != p.id);
        self.profiles.push(p);
        self
    }

    /// The built-in profiles plus every `*.toml` in `dir` (a profile there with a built-in's id
    /// replaces it: an organiser's corrected file wins). A missing folder adds nothing.
    pub fn with_dir(dir: &Path) -> Result<Self> {
        let mut reg = Self::builtin()?;
        let entries = match std::fs::read_dir(dir) {
            Ok(e) => e,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(reg),
            Err(e) => return Err(Error::io(dir, e)),
        };
        let mut paths: Vec<_> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "toml"))
            .collect();
        paths.sort();
        for path in paths {
            let profile = load_file(&path)?;
            reg.insert(profile);
        }
        Ok(reg)
    }

    /// Adds a profile, replacing one with the same id.
    pub fn insert(&mut self, profile: Profile) {
        match self.profiles.iter_mut().find(|p| p.id == profile.id) {
            Some(slot) => *slot = profile,
            None => self.profiles.push(profile),
        }
    }

    /// Every profile, built-ins first in file-name order.
    pub fn all(&self) -> &[Profile] {
        &self.profiles
    }

    /// The profile with this id.
    pub fn get(&self, id: &str) -> Result<&Profile> {
        self.profiles.iter().find(|p| p.id == id).ok_or_else(|| Error::UnknownProfile {
            id: id.to_string(),
            known: self.profiles.iter().map(|p| p.id.clone()).collect(),
        })
    }
}

/// The raw text of a built-in profile, by id (what a bundle carries as "the profile used").
pub fn builtin_text(id: &str) -> Option<&'static str> {
    BUILTIN.iter().find(|(name, _)| name.trim_end_matches(".toml") == id).map(|(_, t)| *t)
}

/// The JSON Schema of the profile format (`docs/profile.schema.json`).
pub fn json_schema() -> serde_json::Value {
    serde_json::to_value(schemars::schema_for!(Profile)).expect("schema serialises")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtins_are_valid_and_named_after_their_ids() {
        let reg = Registry::builtin().unwrap();
        assert_eq!(reg.all().len(), BUILTIN.len());
        for (name, _) in BUILTIN {
            let id = name.trim_end_matches(".toml");
            assert!(reg.get(id).is_ok(), "{name} must declare id = {id:?}");
        }
    }

    /// Every rule of every built-in profile quotes its notice (or its form) verbatim, and names the
    /// notice as published.
    #[test]
    fn builtins_quote_their_notices_verbatim() {
        let reg = Registry::builtin().unwrap();
        let l = crate::i18n::Localizer::new(crate::i18n::Lang::Zh);
        let mut all = Vec::new();
        for p in reg.all() {
            let (notice, form) = notice_texts(p).unwrap_or_else(|| panic!("assets/notices/{}.txt", p.id));
            if let Some(t) = &p.form_source.text {
                assert!(
                    form.is_some(),
                    "{}: form_source.text = {t:?} names no file in assets/notices/",
                    p.id
                );
            }
            for problem in notice::audit(p, &notice, form.as_ref()) {
                all.push(format!("{}: {}", p.id, l.problem(&problem)));
            }
        }
        assert!(all.is_empty(), "{} clauses are not verbatim:\n{}", all.len(), all.join("\n"));
    }

    #[test]
    fn classify_maps_serde_wording() {
        assert_eq!(classify("unknown variant `txt`, expected one of"), "profile-unknown-value");
        assert_eq!(classify("invalid value: integer `-3`, expected u32"), "profile-negative-limit");
        assert_eq!(classify("unknown field `foo`"), "profile-unknown-key");
    }
}
