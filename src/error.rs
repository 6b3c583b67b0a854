//! Errors of the core, each with a stable code.
//!
//! The code is what the CLI prints next to the message, what the desktop UI switches on, and the key
//! of the message in the Fluent catalogs under `assets/i18n/`.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

/// One problem found in a file the user gave us (a profile or a packet): where and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Stable code, also the message id (`profile-duplicate-id`).
    pub code: &'static str,
    /// Where: a dotted key for TOML (`candidate_form.fields[3].kind`) or a JSON path
    /// (`$.candidates[0].fields.birth`).
    pub at: String,
    /// Named values for the message.
    pub args: BTreeMap<&'static str, String>,
}

impl Problem {
    /// A problem with a code and a location.
    pub fn new(code: &'static str, at: impl Into<String>) -> Self {
        Problem { code, at: at.into(), args: BTreeMap::new() }
    }

    /// Adds a named value for the message.
    pub fn arg(mut self, name: &'static str, value: impl ToString) -> Self {
        self.args.insert(name, value.to_string());
        self
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} at {}", self.code, self.at)?;
        for (k, v) in &self.args {
            write!(f, " {k}={v:?}")?;
        }
        Ok(())
    }
}

/// Why a backup file cannot be restored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BackupFault {
    /// The file does not exist or cannot be read.
    Unreadable,
    /// The file is not a Jianbao backup.
    NotBackup,
    /// The file is a backup, but something in it is cut short or changed.
    Damaged,
    /// A backup of a format this version does not know.
    NewerFormat,
}

/// Why the window is not shown a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotShown {
    /// It is outside the workspace.
    Outside,
    /// It is a secret key.
    Secret,
    /// It is too large to load into the window.
    TooLarge,
    /// It is not a photo a thumbnail can be made of (not a usable JPEG, or too many pixels).
    NoThumbnail,
}

/// An error of the core library.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A file could not be read or written.
    #[error("io error on {}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        #[source]
        source: std::io::Error,
    },
    /// A profile file is not valid.
    #[error("invalid profile {file}: {}", list(problems))]
    InvalidProfile {
        /// The file (or built-in name).
        file: String,
        /// Every problem found.
        problems: Vec<Problem>,
    },
    /// No profile has this id.
    #[error("unknown profile {id}")]
    UnknownProfile {
        /// The id asked for.
        id: String,
        /// Ids that exist.
        known: Vec<String>,
    },
    /// A packet file is not valid.
    #[error("invalid packet {file}: {}", list(problems))]
    InvalidPacket {
        /// The packet file.
        file: String,
        /// Every problem found, each with its JSON path.
        problems: Vec<Problem>,
    },
    /// A file the packet names does not exist or cannot be read.
    #[error("packet {packet} names {path}, which cannot be read: {source}")]
    MissingFile {
        /// The packet file.
        packet: String,
        /// The path as written in the packet.
        path: String,
        /// The cause.
        #[source]
        source: std::io::Error,
    },
    /// The workspace database failed.
    #[error("workspace database {}: {source}", path.display())]
    Store {
        /// The database file.
        path: PathBuf,
        /// The cause.
        #[source]
        source: rusqlite::Error,
    },
    /// The workspace holds something that contradicts itself (a damaged store).
    #[error("workspace {}: {detail}", path.display())]
    CorruptStore {
        /// The workspace directory.
        path: PathBuf,
        /// What is wrong.
        detail: String,
    },
    /// The workspace holds no unit with this id, or several when one was expected.
    #[error("workspace unit not found: {wanted}")]
    UnitNotFound {
        /// What was asked for.
        wanted: String,
        /// Units that exist (id and name).
        known: Vec<String>,
    },
    /// No received candidate has this id or name (or several have the name).
    #[error("candidate not found: {wanted}")]
    CandidateNotFound {
        /// What was asked for.
        wanted: String,
        /// The candidates that match or exist (id, name, unit).
        known: Vec<String>,
    },
    /// An encrypted part cannot be opened with the identity at hand.
    #[error("cannot decrypt {}: {reason}", path.display())]
    Decrypt {
        /// The encrypted file.
        path: PathBuf,
        /// `no-identity` (encrypted to another recipient), `not-age` or what failed.
        reason: String,
    },
    /// Not an age recipient (`age1…`) nor a file holding one.
    #[error("not an encryption recipient: {value}")]
    BadRecipient {
        /// What was given.
        value: String,
    },
    /// A key file cannot be read or used.
    #[error("key {}: {reason}", path.display())]
    Key {
        /// The key file.
        path: PathBuf,
        /// Why.
        reason: String,
    },
    /// A key already exists where a new one would be written.
    #[error("a key already exists at {}", path.display())]
    KeyExists {
        /// The existing key.
        path: PathBuf,
    },
    /// The packet still has errors; export refuses it.
    #[error("the packet has {errors} error(s)")]
    NotReady {
        /// Number of errors.
        errors: usize,
        /// Number of warnings not accepted.
        warnings: usize,
    },
    /// A file is larger than the part size.
    #[error("{path} is larger than the part size")]
    TooLargeForPart {
        /// The file, as named in the bundle.
        path: String,
        /// Its size.
        size: u64,
        /// The part size.
        part: u64,
    },
    /// A copy could not be made or did not verify; no file was left under the final name.
    #[error("copy to {} failed: {reason}", path.display())]
    CopyFailed {
        /// The intended copy.
        path: PathBuf,
        /// Why.
        reason: String,
    },
    /// The profile has no printing variant of that name.
    #[error("unknown variant {wanted}")]
    UnknownVariant {
        /// What was asked for.
        wanted: String,
        /// Variants that exist.
        known: Vec<String>,
    },
    /// A document could not be rendered.
    #[error("cannot render {what}: {detail}")]
    Render {
        /// The document.
        what: String,
        /// Why.
        detail: String,
    },
    /// The user cancelled long work; nothing incomplete was left under a final name.
    #[error("cancelled")]
    Cancelled,
    /// A backup cannot be restored; nothing was written.
    #[error("backup {}: {fault:?} {}{detail}", path.display(), entry.as_deref().map(|e| format!("({e}) ")).unwrap_or_default())]
    BadBackup {
        /// The backup file.
        path: PathBuf,
        /// What is wrong.
        fault: BackupFault,
        /// The file inside the backup concerned, if any.
        entry: Option<String>,
        /// Technical detail.
        detail: String,
    },
    /// A backup or move target lies inside the workspace (or holds it).
    #[error("{} is inside the workspace", path.display())]
    InsideWorkspace {
        /// The target.
        path: PathBuf,
    },
    /// A file of the workspace has a name that would not read back the same on another system.
    #[error("{} cannot be carried: {reason}", path.display())]
    Unportable {
        /// The file.
        path: PathBuf,
        /// The name's problem (a bundle refusal code).
        reason: &'static str,
    },
    /// The window asked for a file it is not shown.
    #[error("{} is not shown: {why:?}", path.display())]
    NotShown {
        /// The file.
        path: PathBuf,
        /// Why.
        why: NotShown,
    },
    /// A file changed while it was being exported; no part was written under a final name.
    #[error("{} changed during the export", path.display())]
    ChangedDuringExport {
        /// The file.
        path: PathBuf,
    },
    /// An earlier task failed while holding the workspace; the app must be restarted.
    #[error("the workspace is unavailable after an earlier failure")]
    WorkspaceBusy,
    /// Another program has the workspace open, so it cannot be moved now.
    #[error("workspace {} is in use by another program", path.display())]
    WorkspaceInUse {
        /// The workspace.
        path: PathBuf,
    },
    /// A date was asked for a field (or table column) of the form that is not a date.
    #[error("{field} is not a date field of the campaign's form")]
    NotADate {
        /// The field (`history/from` for a column).
        field: String,
    },
    /// Another key is already registered for the unit.
    #[error("{unit} already has key {old}, not {key}")]
    TrustConflict {
        /// The unit.
        unit: String,
        /// The registered key's ID.
        old: String,
        /// The key offered.
        key: String,
    },
    /// The workspace was moved to a folder that is not there now (an unplugged disk).
    #[error("workspace {} was moved to {}, which is not available", from.display(), to.display())]
    WorkspaceMoved {
        /// The folder it was in.
        from: PathBuf,
        /// The folder it was moved to.
        to: PathBuf,
    },
    /// The output directory is not empty, and the command would mix its files with others.
    #[error("output directory {} is not empty", path.display())]
    OutputNotEmpty {
        /// The directory.
        path: PathBuf,
    },
}

fn list(problems: &[Problem]) -> String {
    problems.iter().map(|p| p.to_string()).collect::<Vec<_>>().join("; ")
}

impl Error {
    /// The stable code of this error, also its message id.
    pub fn code(&self) -> &'static str {
        match self {
            Error::Io { source, .. } if is_disk_full(source) => "err-disk-full",
            Error::Io { .. } => "err-io",
            Error::InvalidProfile { .. } => "err-profile-invalid",
            Error::UnknownProfile { .. } => "err-profile-unknown",
            Error::InvalidPacket { .. } => "err-packet-invalid",
            Error::MissingFile { .. } => "err-packet-missing-file",
            Error::Store { .. } => "err-store",
            Error::CorruptStore { .. } => "err-store-corrupt",
            Error::UnitNotFound { .. } => "err-unit-not-found",
            Error::OutputNotEmpty { .. } => "err-output-not-empty",
            Error::Render { .. } => "err-render",
            Error::UnknownVariant { .. } => "err-unknown-variant",
            Error::Key { .. } => "err-key",
            Error::CandidateNotFound { .. } => "err-candidate-not-found",
            Error::Decrypt { reason, .. } if reason == "no-identity" => "err-decrypt-not-for-us",
            Error::Decrypt { .. } => "err-decrypt",
            Error::BadRecipient { .. } => "err-bad-recipient",
            Error::CopyFailed { .. } => "err-copy-failed",
            Error::KeyExists { .. } => "err-key-exists",
            Error::NotReady { .. } => "err-not-ready",
            Error::TooLargeForPart { .. } => "err-too-large-for-part",
            Error::Cancelled => "err-cancelled",
            Error::BadBackup { fault: BackupFault::Unreadable, .. } => "err-backup-unreadable",
            Error::BadBackup { fault: BackupFault::NotBackup, .. } => "err-backup-not-backup",
            Error::BadBackup { fault: BackupFault::Damaged, .. } => "err-backup-damaged",
            Error::BadBackup { fault: BackupFault::NewerFormat, .. } => "err-backup-format",
            Error::InsideWorkspace { .. } => "err-inside-workspace",
            Error::Unportable { .. } => "err-unportable-name",
            Error::WorkspaceMoved { .. } => "err-workspace-moved",
            Error::TrustConflict { .. } => "err-trust-conflict",
            Error::NotADate { .. } => "err-not-a-date",
            Error::WorkspaceInUse { .. } => "err-workspace-in-use",
            Error::NotShown { why: NotShown::Outside, .. } => "err-not-shown-outside",
            Error::NotShown { why: NotShown::Secret, .. } => "err-not-shown-secret",
            Error::NotShown { why: NotShown::TooLarge, .. } => "err-not-shown-too-large",
            Error::NotShown { why: NotShown::NoThumbnail, .. } => "err-not-shown-no-thumbnail",
            Error::ChangedDuringExport { .. } => "err-changed-during-export",
            Error::WorkspaceBusy => "err-workspace-busy",
        }
    }

    /// Named values for the message.
    pub fn args(&self) -> BTreeMap<&'static str, String> {
        let mut a = BTreeMap::new();
        match self {
            Error::Io { path, source } => {
                a.insert("path", path.display().to_string());
                a.insert("reason", source.to_string());
            }
            Error::InvalidProfile { file, problems } | Error::InvalidPacket { file, problems } => {
                a.insert("file", file.clone());
                a.insert("count", problems.len().to_string());
            }
            Error::UnknownProfile { id, known } => {
                a.insert("id", id.clone());
                a.insert("known", known.join(", "));
            }
            Error::MissingFile { packet, path, source } => {
                a.insert("file", packet.clone());
                a.insert("path", path.clone());
                a.insert("reason", source.to_string());
            }
            Error::Store { path, source } => {
                a.insert("path", path.display().to_string());
                a.insert("reason", source.to_string());
            }
            Error::CorruptStore { path, detail } => {
                a.insert("path", path.display().to_string());
                a.insert("reason", detail.clone());
            }
            Error::UnitNotFound { wanted, known } => {
                a.insert("wanted", wanted.clone());
                a.insert("known", known.join("; "));
            }
            Error::CandidateNotFound { wanted, known } => {
                a.insert("wanted", wanted.clone());
                a.insert("known", if known.is_empty() { "-".to_string() } else { known.join("; ") });
            }
            Error::Decrypt { path, reason } => {
                a.insert("path", path.display().to_string());
                a.insert("reason", reason.clone());
            }
            Error::BadRecipient { value } => {
                a.insert("value", value.chars().take(80).collect());
            }
            Error::Key { path, reason } => {
                a.insert("path", path.display().to_string());
                a.insert("reason", reason.clone());
            }
            Error::CopyFailed { path, reason } => {
                a.insert("path", path.display().to_string());
                a.insert("reason", reason.clone());
            }
            Error::KeyExists { path } => {
                a.insert("path", path.display().to_string());
            }
            Error::NotReady { errors, warnings } => {
                a.insert("errors", errors.to_string());
                a.insert("warnings", warnings.to_string());
            }
            Error::TooLargeForPart { path, size, part } => {
                a.insert("path", path.clone());
                a.insert("size", format!("{:.1} MB", *size as f64 / 1048576.0));
                a.insert("part", format!("{:.1} MB", *part as f64 / 1048576.0));
            }
            Error::UnknownVariant { wanted, known } => {
                a.insert("wanted", wanted.clone());
                a.insert("known", if known.is_empty() { "-".to_string() } else { known.join(", ") });
            }
            Error::Render { what, detail } => {
                a.insert("what", what.clone());
                a.insert("reason", detail.clone());
            }
            Error::OutputNotEmpty { path } => {
                a.insert("path", path.display().to_string());
            }
            Error::Cancelled | Error::WorkspaceBusy => {}
            Error::BadBackup { path, entry, detail, .. } => {
                a.insert("path", path.display().to_string());
                a.insert("entry", entry.clone().unwrap_or_else(|| "-".into()));
                a.insert("reason", detail.clone());
            }
            Error::InsideWorkspace { path }
            | Error::Unportable { path, .. }
            | Error::WorkspaceInUse { path }
            | Error::NotShown { path, .. }
            | Error::ChangedDuringExport { path } => {
                a.insert("path", path.display().to_string());
            }
            Error::NotADate { field } => {
                a.insert("field", field.clone());
            }
            Error::TrustConflict { unit, old, key } => {
                a.insert("unit", unit.clone());
                a.insert("old", old.clone());
                a.insert("key", key.clone());
            }
            Error::WorkspaceMoved { from, to } => {
                a.insert("from", from.display().to_string());
                a.insert("to", to.display().to_string());
            }
        }
        a
    }

    /// The individual problems, for errors that carry several.
    pub fn problems(&self) -> &[Problem] {
        match self {
            Error::InvalidProfile { problems, .. } | Error::InvalidPacket { problems, .. } => problems,
            _ => &[],
        }
    }

    /// Whether the error is about the user's input (exit code 1) rather than usage or I/O (exit 2).
    pub fn is_input_problem(&self) -> bool {
        matches!(
            self,
            Error::InvalidProfile { .. }
                | Error::InvalidPacket { .. }
                | Error::MissingFile { .. }
                | Error::NotReady { .. }
        )
    }

    pub(crate) fn io(path: impl AsRef<Path>, source: std::io::Error) -> Self {
        // (a full disk keeps its kind through here; `code` tells it apart)
        Error::Io { path: path.as_ref().to_path_buf(), source }
    }
}

/// The result type of the core.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Whether an I/O error means the disk (or the user's quota) is full.
fn is_disk_full(e: &std::io::Error) -> bool {
    matches!(e.kind(), std::io::ErrorKind::StorageFull | std::io::ErrorKind::QuotaExceeded)
}
