//! `jianbao`: the command-line face of the core. Argument parsing and printing only; every action is
//! one call into the library.

/// Prints a line to stdout; a closed pipe (`jianbao … | head`) ends the program quietly instead of
/// panicking.
macro_rules! say {
    () => { $crate::say_line(String::new()) };
    ($($arg:tt)*) => { $crate::say_line(format!($($arg)*)) };
}

mod show;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};
use jianbao::i18n::{Lang, Localizer};
use jianbao::profile::Registry;
use jianbao::store::Workspace;
use jianbao::{packet, profile, sample, Error};

#[derive(Parser)]
#[command(
    name = "jianbao",
    version,
    about = "荐报：推荐材料的填写、检查、生成与签名报送 / award recommendation packets"
)]
struct Cli {
    /// Workspace folder (default: $JIANBAO_HOME, else the system data folder's `jianbao`).
    #[arg(long, global = true, value_name = "DIR")]
    workspace: Option<PathBuf>,
    /// Message language: zh (default) or en.
    #[arg(long, global = true, value_name = "LANG", env = "JIANBAO_LANG")]
    lang: Option<String>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// List the campaign profiles (built-in and the workspace's).
    Profiles {
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Show or check one campaign profile.
    Profile {
        #[command(subcommand)]
        command: ProfileCommand,
    },
    /// Write a realistic fictional packet for a profile, with real photos and documents.
    Sample {
        /// The profile's id.
        profile: String,
        /// Output folder (new or empty).
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
    },
    /// Print the JSON Schema of the profile or packet format.
    Schema {
        /// `profile` or `packet`.
        #[arg(value_parser = ["profile", "packet"])]
        what: String,
    },
    /// Check a packet against every rule of its campaign; exit 1 when there is an error.
    Check {
        /// The packet file (`packet.json`).
        packet: PathBuf,
        /// Print JSON.
        #[arg(long)]
        json: bool,
        /// Judge the deadline as of this day (YYYY-MM-DD) instead of the packet's `as_of` or today.
        #[arg(long, value_name = "DATE")]
        today: Option<String>,
        /// A profile file (or id) to check against, instead of the one the packet names.
        #[arg(long, value_name = "FILE_OR_ID")]
        profile: Option<String>,
    },
    /// Render the forms (推荐表, 汇总表…) of a packet to PDF.
    Render {
        /// The packet file (`packet.json`).
        packet: PathBuf,
        /// Output folder.
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// A printing variant of the profile (`blank-recommender`: 推荐单位 parts left blank); renders the
        /// 推荐表 copies only.
        #[arg(long, value_name = "NAME")]
        variant: Option<String>,
    },
    /// Make a signing key pair (minisign format); its ID is printed on every rendered form.
    Keygen {
        /// Folder for `jianbao.key` and `jianbao.pub` (default: the workspace's `keys/`).
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
        /// Protect the secret key with a password (read from JIANBAO_KEY_PASSWORD).
        #[arg(long)]
        password: bool,
        /// Make the organiser's encryption key pair instead (age X25519: `jianbao-age.key`, 0600,
        /// and `jianbao-age.pub`, the recipient units encrypt to).
        #[arg(long)]
        encryption: bool,
    },
    /// Export a checked packet as a signed bundle (BagIt + minisign) in zip parts.
    Export {
        /// The packet file (`packet.json`).
        packet: PathBuf,
        /// The secret key (`jianbao.key`).
        #[arg(long, value_name = "KEY")]
        key: PathBuf,
        /// Output folder.
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// Largest part: bytes, or with a unit (50MB, 2GiB), or `mail` (50 MB), `fat32` (4 GiB).
        #[arg(long, value_name = "SIZE")]
        part_size: Option<String>,
        /// Export although the check found warnings; they are recorded in the bundle.
        #[arg(long)]
        accept_warnings: bool,
        /// Encrypt each signed part to the organiser: its recipient (`age1…`) or a file holding it.
        /// Writes `*.zip.age` parts only.
        #[arg(long, value_name = "RECIPIENT_OR_FILE")]
        encrypt_to: Option<String>,
    },
    /// Copy bundle parts to a folder (a USB stick), read them back and verify them.
    Copy {
        /// The zip parts.
        #[arg(required = true)]
        bundles: Vec<PathBuf>,
        /// Destination folder.
        #[arg(long, value_name = "DIR")]
        to: PathBuf,
    },
    /// Verify received bundle parts: zip safety, BagIt, signature, the set as a whole.
    Verify {
        /// The zip parts.
        #[arg(required = true)]
        bundles: Vec<PathBuf>,
        /// The unit's public key (`jianbao.pub`); without it the key inside the bundle is used.
        #[arg(long, value_name = "FILE")]
        pubkey: Option<PathBuf>,
        /// The identity that decrypts `.zip.age` parts (default: the workspace's own).
        #[arg(long, value_name = "FILE")]
        identity: Option<PathBuf>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Reviewer: import received bundles into the workspace (verify, pin keys, re-check, merge).
    Import {
        /// The zip parts (any number, from any units).
        #[arg(required = true)]
        bundles: Vec<PathBuf>,
        /// Accept a unit's changed signing key (after confirming it with the unit).
        #[arg(long)]
        accept_key_change: bool,
        /// The identity that decrypts `.zip.age` parts (default: the workspace's own,
        /// `keys/jianbao-age.key`).
        #[arg(long, value_name = "FILE")]
        identity: Option<PathBuf>,
    },
    /// Reviewer: forward chosen candidates to the next level (转报上级): a new packet for the next
    /// campaign with this organiser as 推荐单位, fields and files carried over with proof of origin.
    Forward {
        /// A candidate: a name, or an ID as `workspace candidates` lists them (repeat for several).
        #[arg(long = "candidate", value_name = "ID_OR_NAME", required = true)]
        candidates: Vec<String>,
        /// The next level's campaign: a built-in profile id or a profile file.
        #[arg(long, value_name = "ID_OR_FILE")]
        profile: String,
        /// This organiser's name as 推荐单位 on the new form.
        #[arg(long, value_name = "NAME")]
        unit: Option<String>,
        /// Folder for the new packet (`packet.json` and its files), to check, render and export.
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// Also carry each unit's bundle parts themselves (from where they were imported, checked to
        /// be the parts the evidence describes; encrypted ones decrypted).
        #[arg(long)]
        with_originals: bool,
        /// Print the mapping report as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Reviewer: register a unit's public key before its bundles arrive (its fingerprint checked by
    /// phone); a bundle from that unit signed with another key is then refused.
    Trust {
        /// The unit's public key file (`jianbao.pub`).
        pubkey: PathBuf,
        /// The unit's name, exactly as it signs its bundles (its 推荐单位).
        #[arg(long, value_name = "NAME")]
        unit: String,
        /// Replace another key already registered for the unit.
        #[arg(long)]
        replace: bool,
    },
    /// Reviewer: 导出评审材料 — one folder per candidate (序号-单位-姓名) with its rendered forms,
    /// photos, videos and documents, and a contents sheet (目录.xlsx).
    Materials {
        /// Output folder (new or empty).
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// Only this campaign's candidates.
        #[arg(long, value_name = "ID")]
        profile: Option<String>,
        /// Print what was written as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Reviewer: the merged 汇总表 of every unit (.xlsx, .pdf or .docx by the file's extension).
    Summary {
        /// Output file.
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// The campaign, when the workspace holds several.
        #[arg(long, value_name = "ID")]
        profile: Option<String>,
    },
    /// Reviewer: a signed receipt for a received bundle; `receipt verify` on the unit's side.
    Receipt {
        #[command(subcommand)]
        command: Option<ReceiptCommand>,
        /// The bundle's number (see `import`).
        #[arg(long)]
        bundle: Option<i64>,
        /// The organiser's secret key.
        #[arg(long, value_name = "KEY")]
        key: Option<PathBuf>,
        /// Output file (JSON; the signature goes beside it as FILE.minisig).
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Tell what files really are, by content.
    Inspect {
        /// The files.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Count 字数 as Microsoft Word does (reads standard input without FILE).
    Wordcount {
        /// A UTF-8 text file.
        file: Option<PathBuf>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Import packets into the workspace and export them back out.
    Workspace {
        #[command(subcommand)]
        command: WorkspaceCommand,
    },
}

#[derive(Subcommand)]
enum ProfileCommand {
    /// Show a profile's rules, each with its authority (notice, form or advice) and clause.
    Show {
        /// The profile's id, or a profile file.
        id: String,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Check a profile file and report every problem with its key; with `X.notice.txt` beside
    /// `X.toml`, also that every quoted clause is in the notice, verbatim.
    Check {
        /// The profile file (TOML).
        file: PathBuf,
    },
    /// Draft a profile from a notice's text: every rule found quotes its sentence; what could not be
    /// decided is listed. Writes DRAFT.toml and, beside it, DRAFT.notice.txt.
    Draft {
        /// The notice, as plain text (UTF-8).
        notice: PathBuf,
        /// The profile file to write.
        #[arg(long, value_name = "DRAFT.toml")]
        out: PathBuf,
        /// Print what was found as JSON.
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
enum ReceiptCommand {
    /// Verify a receipt with the organiser's public key.
    Verify {
        /// The receipt (JSON).
        file: PathBuf,
        /// The organiser's public key.
        #[arg(long, value_name = "FILE")]
        pubkey: PathBuf,
    },
}

#[derive(Subcommand)]
enum WorkspaceCommand {
    /// Import a packet: copy its files into the workspace and record its data.
    Import {
        /// The packet file (`packet.json`).
        packet: PathBuf,
    },
    /// Export a unit as a packet (packet.json + files).
    Export {
        /// Output folder (new or empty).
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// The unit's number (see `workspace list`); needed when the workspace holds several.
        #[arg(long)]
        unit: Option<i64>,
    },
    /// List the units in the workspace.
    List {
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Reviewer: list the candidates of the bundles received (latest submission of each unit), with
    /// the IDs `forward --candidate` takes.
    Candidates {
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Write the whole workspace (database, stored files, profiles, keys, outputs) to one file. It
    /// holds the secret keys: keep it safe.
    Backup {
        /// The backup file to write (e.g. `工作区.jianbao-backup`), outside the workspace.
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// Restore a backup into the workspace folder (`--workspace`), which must be new or empty. Every
    /// file is checked first; a damaged backup restores nothing.
    Restore {
        /// The backup file.
        file: PathBuf,
    },
    /// Move the workspace to another folder (new or empty): every file is copied and read back
    /// before the old ones are removed; the old folder keeps a note of the new place.
    Move {
        /// The new folder.
        #[arg(long, value_name = "DIR")]
        to: PathBuf,
    },
}

/// The language asked for before the arguments are parsed (`--lang X`, `--lang=X`, `$JIANBAO_LANG`), so
/// that `--help` and usage errors come in it too.
fn early_lang() -> Lang {
    let args: Vec<String> = std::env::args().collect();
    let given = args.iter().enumerate().find_map(|(i, a)| {
        a.strip_prefix("--lang=")
            .map(str::to_string)
            .or_else(|| (a == "--lang").then(|| args.get(i + 1).cloned()).flatten())
    });
    given.or_else(|| std::env::var("JIANBAO_LANG").ok()).as_deref().and_then(Lang::parse).unwrap_or_default()
}

/// The command line with its help in `lang`: each command's and argument's text from the help
/// catalog (`help-<command path>`, `help-<path>--<argument>`, else `help--<argument>`), and the
/// headings translated. English is the documentation comments themselves.
fn localized(lang: Lang) -> clap::Command {
    let cmd = Cli::command();
    let Some(l) = Localizer::cli_help(lang) else { return cmd };
    let heading = |id: &str| l.plain(id);
    let template =
        format!("{{about-with-newline}}\n{}：{{usage}}\n\n{{all-args}}{{after-help}}", heading("help-usage"));
    fn walk(
        mut cmd: clap::Command,
        path: &str,
        l: &Localizer,
        template: &str,
        subs_heading: &str,
        opts: &str,
        args_heading: &str,
    ) -> clap::Command {
        if l.has(path) {
            cmd = cmd.about(l.plain(path));
        }
        cmd = cmd
            .help_template(template.to_string())
            .subcommand_help_heading(subs_heading.to_string())
            .disable_help_flag(true)
            .arg(
                clap::Arg::new("help")
                    .short('h')
                    .long("help")
                    .action(clap::ArgAction::Help)
                    .help(l.plain("help--help")),
            );
        let ids: Vec<(String, bool)> =
            cmd.get_arguments().map(|a| (a.get_id().to_string(), a.is_positional())).collect();
        for (id, positional) in ids {
            let own = format!("{path}--{id}");
            let text = if l.has(&own) {
                Some(l.plain(&own))
            } else if l.has(&format!("help--{id}")) {
                Some(l.plain(&format!("help--{id}")))
            } else {
                None
            };
            let heading = if positional { args_heading } else { opts };
            cmd = cmd.mut_arg(id, |a| {
                let a = a.help_heading(heading.to_string());
                match &text {
                    Some(t) => a.help(t.clone()),
                    None => a,
                }
            });
        }
        let names: Vec<String> = cmd.get_subcommands().map(|c| c.get_name().to_string()).collect();
        for name in names {
            let sub_path = format!("{path}-{name}");
            cmd = cmd
                .mut_subcommand(name, |c| walk(c, &sub_path, l, template, subs_heading, opts, args_heading));
        }
        cmd
    }
    let cmd = cmd.disable_version_flag(true).arg(
        clap::Arg::new("version")
            .short('V')
            .long("version")
            .action(clap::ArgAction::Version)
            .help(l.plain("help--version")),
    );
    walk(
        cmd,
        "help",
        &l,
        &template,
        &heading("help-commands"),
        &heading("help-options"),
        &heading("help-arguments"),
    )
    .disable_help_subcommand(true)
}

fn main() -> ExitCode {
    let cli = match Cli::from_arg_matches(&localized(early_lang()).get_matches()) {
        Ok(cli) => cli,
        Err(e) => e.exit(),
    };
    let lang = cli.lang.as_deref().and_then(Lang::parse).unwrap_or_default();
    let l10n = Localizer::new(lang);
    match run(cli, &l10n) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("{} [{}]", l10n.error(&e), e.code());
            if e.is_input_problem() {
                ExitCode::from(1)
            } else {
                ExitCode::from(2)
            }
        }
    }
}

/// Opens the workspace, saying on stderr what it cleaned up after interrupted work.
fn open_workspace(root: &std::path::Path, l: &Localizer) -> Result<Workspace, Error> {
    let w = Workspace::open(root)?;
    let c = w.cleaned();
    if c.files > 0 {
        let mb = format!("{:.1} MB", c.bytes as f64 / 1e6);
        eprintln!("{}", show::msg(l, "workspace-cleaned", &[("files", c.files.to_string()), ("size", mb)]));
    }
    Ok(w)
}

fn workspace_root(cli_ws: &Option<PathBuf>) -> PathBuf {
    cli_ws.clone().unwrap_or_else(jianbao::store::default_root)
}

/// Built-in profiles plus those in the workspace's `profiles/` folder, if a workspace exists.
fn registry(cli_ws: &Option<PathBuf>) -> Result<Registry, Error> {
    Registry::with_dir(&workspace_root(cli_ws).join("profiles"))
}

fn run(cli: Cli, l: &Localizer) -> Result<ExitCode, Error> {
    let ws = cli.workspace;
    match cli.command {
        Command::Profiles { json } => show::profiles(&registry(&ws)?, json, l),
        Command::Profile { command: ProfileCommand::Show { id, json } } => {
            let reg = registry(&ws)?;
            show::profile(&*profile::resolve(&reg, &id)?, json, l)
        }
        Command::Profile { command: ProfileCommand::Draft { notice, out, json } } => {
            let text = profile::read_text(&notice)?;
            let draft = profile::draft::draft(&text, Registry::builtin()?.all());
            let side = out.with_extension("notice.txt");
            jianbao::fsutil::write_atomic(&side, draft.notice_file.as_bytes())?;
            jianbao::fsutil::write_atomic(&out, profile::draft::to_toml(&draft).as_bytes())?;
            // What we wrote must pass our own check; if not, it is our bug, said plainly.
            let checked = profile::check_file(&out);
            show::draft(&draft, &out, json, l);
            checked?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Profile { command: ProfileCommand::Check { file } } => {
            let p = profile::check_file(&file)?;
            say!(
                "{}",
                show::msg(
                    l,
                    "cli-profile-ok",
                    &[
                        ("file", file.display().to_string()),
                        ("id", p.id.clone()),
                        ("title", p.title.clone()),
                        ("fields", p.candidate_form.fields.len().to_string()),
                        ("slots", (p.candidate_slots.len() + p.unit_slots.len()).to_string())
                    ]
                )
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Schema { what } => {
            let schema = if what == "profile" { profile::json_schema() } else { packet::json_schema() };
            say!("{}", serde_json::to_string_pretty(&schema).expect("schema serialises"));
            Ok(ExitCode::SUCCESS)
        }
        Command::Sample { profile: id, out } => {
            let reg = registry(&ws)?;
            let p = reg.get(&id)?;
            jianbao::fsutil::ensure_empty(&out)?;
            let file = sample::write_sample(p, &out)?;
            say!(
                "{}",
                show::msg(
                    l,
                    "cli-sample-written",
                    &[("file", file.display().to_string()), ("title", p.title.clone())]
                )
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Check { packet: file, json, today, profile: chosen } => {
            let mut reg = registry(&ws)?;
            let chosen = match &chosen {
                Some(p) => Some(profile::resolve(&reg, p)?.into_owned()),
                None => None,
            };
            if let Some(p) = &chosen {
                reg = reg.with_profile(p.clone());
            }
            let (loaded, own) = packet::load(&file, &reg)?;
            // The profile asked for on the command line wins over the one the packet names.
            let profile = chosen.unwrap_or(own);
            let opts = jianbao::check::Options::as_of(today.as_deref().or(loaded.packet.as_of.as_deref()));
            let report = jianbao::check::check(&loaded, &profile, opts);
            show::report(&report, &loaded, json, l);
            Ok(if report.errors() > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
        }
        Command::Render { packet: file, out, variant } => {
            let reg = registry(&ws)?;
            let (loaded, profile) = packet::load(&file, &reg)?;
            let opts = jianbao::render::RenderOptions { variant, key_id: None, for_bundle: false };
            let files = jianbao::render::render_packet(&loaded, &profile, &out, &opts)?;
            for f in files {
                say!("{}", f.display());
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Keygen { out, encryption: true, .. } => {
            let dir = out.unwrap_or_else(|| jianbao::bundle::keys::default_dir(&workspace_root(&ws)));
            let recipient = jianbao::bundle::seal::keygen(&dir)?;
            say!(
                "{}",
                show::msg(
                    l,
                    "cli-keygen-encryption",
                    &[
                        ("recipient", recipient),
                        ("identity", dir.join(jianbao::bundle::seal::IDENTITY_FILE).display().to_string()),
                        ("public", dir.join(jianbao::bundle::seal::RECIPIENT_FILE).display().to_string())
                    ]
                )
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Keygen { out, password, .. } => {
            let dir = out.unwrap_or_else(|| jianbao::bundle::keys::default_dir(&workspace_root(&ws)));
            let pw = if password {
                Some(std::env::var("JIANBAO_KEY_PASSWORD").unwrap_or_default()).filter(|p| !p.is_empty())
            } else {
                None
            };
            if password && pw.is_none() {
                return Err(Error::Key {
                    path: dir,
                    reason: "set JIANBAO_KEY_PASSWORD to the password".into(),
                });
            }
            let id = jianbao::bundle::keys::keygen(&dir, pw)?;
            let public =
                jianbao::bundle::keys::PublicKey::load(&dir.join(jianbao::bundle::keys::PUBLIC_FILE))?;
            say!("{}", show::msg(l, "cli-keygen", &[("id", id), ("dir", dir.display().to_string())]));
            say!("{}", show::msg(l, "cli-keygen-fingerprint", &[("fingerprint", public.fingerprint())]));
            Ok(ExitCode::SUCCESS)
        }
        Command::Export { packet: file, key, out, part_size, accept_warnings, encrypt_to } => {
            let reg = registry(&ws)?;
            let (loaded, profile) = packet::load(&file, &reg)?;
            let pw = std::env::var("JIANBAO_KEY_PASSWORD").ok();
            let signer = jianbao::bundle::keys::Signer25519::load(&key, pw)?;
            let part_size = match part_size.as_deref().map(parse_size) {
                None => None,
                Some(Some(n)) => Some(n),
                Some(None) => {
                    return Err(Error::Key {
                        path: PathBuf::from("--part-size"),
                        reason: "not a size".into(),
                    })
                }
            };
            let time = std::env::var("SOURCE_DATE_EPOCH")
                .ok()
                .and_then(|s| s.parse().ok())
                .unwrap_or_else(|| time::OffsetDateTime::now_utc().unix_timestamp());
            let opts =
                jianbao::bundle::export::ExportOptions { part_size, accept_warnings, time, encrypt_to };
            let done = match jianbao::bundle::export::export(&loaded, &profile, &signer, &out, &opts) {
                Err(e @ Error::NotReady { .. }) => {
                    let report = jianbao::check::check(
                        &loaded,
                        &profile,
                        jianbao::check::Options::as_of(loaded.packet.as_of.as_deref()),
                    );
                    show::report(&report, &loaded, false, l);
                    return Err(e);
                }
                other => other?,
            };
            for p in &done.parts {
                say!("{}", p.display());
            }
            say!(
                "{}",
                show::msg(
                    l,
                    "cli-exported-bundle",
                    &[
                        ("count", done.parts.len().to_string()),
                        ("id", done.key_id.clone()),
                        ("group", done.group.clone()),
                        ("warnings", done.warnings.to_string())
                    ]
                )
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Import { bundles, accept_key_change, identity } => {
            let root = workspace_root(&ws);
            let reg = Registry::with_dir(&root.join("profiles"))?;
            let mut w = open_workspace(&root, l)?;
            let done = jianbao::bundle::import::import(
                &mut w,
                &reg,
                &bundles,
                &jianbao::bundle::import::ImportOptions { accept_key_change, identity },
                time::OffsetDateTime::now_utc(),
            )?;
            show::imported(&done, l);
            Ok(if done.iter().all(|d| d.refused.is_empty()) { ExitCode::SUCCESS } else { ExitCode::from(1) })
        }
        Command::Forward { candidates, profile, unit, out, with_originals, json } => {
            if std::fs::read_dir(&out).is_ok_and(|mut d| d.next().is_some()) {
                return Err(Error::OutputNotEmpty { path: out });
            }
            let root = workspace_root(&ws);
            let reg = Registry::with_dir(&root.join("profiles"))?;
            let next = profile::resolve(&reg, &profile)?.into_owned();
            if reg.get(&next.id).is_err() {
                // A next level's profile given as a file joins the workspace, so that the new unit
                // opens in the window and checks the same way there.
                let dir = root.join("profiles");
                let copy = |e| Error::Io { path: dir.clone(), source: e };
                std::fs::create_dir_all(&dir).map_err(copy)?;
                std::fs::copy(&profile, dir.join(format!("{}.toml", next.id))).map_err(copy)?;
            }
            let reg = Registry::with_dir(&root.join("profiles"))?;
            let mut w = open_workspace(&root, l)?;
            let report = jianbao::bundle::forward::forward(
                &mut w,
                &reg,
                &candidates,
                &next,
                unit.as_deref().unwrap_or(""),
                with_originals,
            )?;
            let file = w.export_packet(report.unit_id, &out)?;
            show::forwarded(&report, &file, json, l);
            Ok(ExitCode::SUCCESS)
        }
        Command::Trust { pubkey, unit, replace } => {
            let key = jianbao::bundle::keys::PublicKey::load(&pubkey)?;
            let mut w = open_workspace(&workspace_root(&ws), l)?;
            let replaced = w.trust(&unit, &key, replace)?;
            let mut args = vec![
                ("unit", unit.trim().to_string()),
                ("key", jianbao::bundle::keys::grouped(&key.id())),
                ("fingerprint", key.fingerprint()),
            ];
            let id = match replaced {
                Some(old) => {
                    args.push(("old", jianbao::bundle::keys::grouped(&old.key_id)));
                    "cli-trusted-replaced"
                }
                None => "cli-trusted",
            };
            say!("{}", show::msg(l, id, &args));
            Ok(ExitCode::SUCCESS)
        }
        Command::Materials { out, profile, json } => {
            let root = workspace_root(&ws);
            let reg = Registry::with_dir(&root.join("profiles"))?;
            let w = open_workspace(&root, l)?;
            let done = jianbao::bundle::materials::write(
                &w,
                &reg,
                profile.as_deref(),
                &out,
                &jianbao::progress::Quiet,
            )?;
            if json {
                say!("{}", serde_json::to_string_pretty(&done).unwrap_or_default());
            } else {
                for f in &done.folders {
                    say!("{}/", f.folder);
                    for file in &f.files {
                        say!("  {file}");
                    }
                }
                say!(
                    "{}",
                    show::msg(
                        l,
                        "cli-materials",
                        &[
                            ("count", done.folders.len().to_string()),
                            ("dir", done.dir.display().to_string()),
                            ("index", done.index.display().to_string())
                        ]
                    )
                );
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Summary { out, profile } => {
            let root = workspace_root(&ws);
            let reg = Registry::with_dir(&root.join("profiles"))?;
            let w = open_workspace(&root, l)?;
            let written = jianbao::bundle::summary::merged(&w, &reg, profile.as_deref(), &out)?;
            say!(
                "{}",
                show::msg(
                    l,
                    "cli-summary",
                    &[
                        ("file", out.display().to_string()),
                        ("units", written.0.to_string()),
                        ("rows", written.1.to_string())
                    ]
                )
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Receipt { command: Some(ReceiptCommand::Verify { file, pubkey }), .. } => {
            let key = jianbao::bundle::keys::PublicKey::load(&pubkey)?;
            let r = jianbao::bundle::receipt::verify(&file, &key)?;
            say!(
                "{}",
                show::msg(
                    l,
                    "cli-receipt-ok",
                    &[("unit", r.unit), ("group", r.group), ("verdict", r.verdict), ("at", r.received_at)]
                )
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Receipt { command: None, bundle, key, out } => {
            let (Some(bundle), Some(key), Some(out)) = (bundle, key, out) else {
                return Err(Error::Key {
                    path: PathBuf::from("receipt"),
                    reason: "--bundle, --key and --out are needed".into(),
                });
            };
            let w = open_workspace(&workspace_root(&ws), l)?;
            let signer =
                jianbao::bundle::keys::Signer25519::load(&key, std::env::var("JIANBAO_KEY_PASSWORD").ok())?;
            let r = jianbao::bundle::receipt::write(&w, bundle, &signer, &out)?;
            say!(
                "{}",
                show::msg(
                    l,
                    "cli-receipt",
                    &[("file", out.display().to_string()), ("unit", r.unit), ("verdict", r.verdict)]
                )
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Copy { bundles, to } => {
            for b in &bundles {
                let dest = jianbao::bundle::copy::copy_verified(b, &to)?;
                say!("{}", show::msg(l, "cli-copied", &[("file", dest.display().to_string())]));
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Verify { bundles, pubkey, identity, json } => {
            let key = pubkey.as_deref().map(jianbao::bundle::keys::PublicKey::load).transpose()?;
            let scratch =
                tempfile::tempdir().map_err(|source| Error::Io { path: std::env::temp_dir(), source })?;
            let identity = identity.or_else(|| {
                let own = jianbao::bundle::keys::default_dir(&workspace_root(&ws))
                    .join(jianbao::bundle::seal::IDENTITY_FILE);
                own.exists().then_some(own)
            });
            let opened = jianbao::bundle::seal::open_parts(&bundles, identity.as_deref(), scratch.path())?;
            let mut parts = Vec::new();
            let mut verdicts = Vec::new();
            for (read, given) in &opened.parts {
                let (mut v, archive) = jianbao::bundle::verify::verify_archive(read, key.as_ref());
                v.file = given.clone();
                if let (Some(a), true) = (archive, v.valid) {
                    parts.push((v.clone(), a));
                }
                verdicts.push(v);
            }
            let set = jianbao::bundle::verify::check_set(&verdicts);
            let reg = Registry::builtin().ok();
            let chains = if set.is_empty() {
                jianbao::bundle::chain::of_verified(&parts, reg.as_ref())
            } else {
                vec![]
            };
            show::verdicts(&verdicts, &set, &chains, key.is_some(), json, l);
            let ok = verdicts.iter().all(|v| v.valid) && set.is_empty() && chains.iter().all(|c| c.intact);
            Ok(if ok { ExitCode::SUCCESS } else { ExitCode::from(1) })
        }
        Command::Inspect { files, json } => {
            let opts = jianbao::media::Options { decode_photos: true };
            let all: Vec<_> = files.iter().map(|f| (f.clone(), jianbao::media::inspect(f, opts))).collect();
            show::inspections(&all, json, l);
            let bad = all.iter().any(|(_, i)| i.problem.is_some() || i.kind == jianbao::media::Kind::Empty);
            Ok(if bad { ExitCode::from(1) } else { ExitCode::SUCCESS })
        }
        Command::Wordcount { file, json } => {
            let text = match &file {
                Some(f) => {
                    std::fs::read_to_string(f).map_err(|e| Error::Io { path: f.clone(), source: e })?
                }
                None => {
                    let mut s = String::new();
                    std::io::Read::read_to_string(&mut std::io::stdin(), &mut s)
                        .map_err(|e| Error::Io { path: PathBuf::from("-"), source: e })?;
                    s
                }
            };
            show::wordcount(&jianbao::wordcount::count(&text), json, l);
            Ok(ExitCode::SUCCESS)
        }
        Command::Workspace { command } => {
            let root = workspace_root(&ws);
            let reg = Registry::with_dir(&root.join("profiles"))?;
            match command {
                WorkspaceCommand::Import { packet: file } => {
                    let (loaded, profile) = packet::load(&file, &reg)?;
                    let mut w = open_workspace(&root, l)?;
                    let id = w.import_packet(&loaded, &profile)?;
                    let name = loaded
                        .packet
                        .unit_text(&profile.unit_form.name_field)
                        .unwrap_or_default()
                        .to_string();
                    say!(
                        "{}",
                        show::msg(
                            l,
                            "cli-imported",
                            &[
                                ("id", id.to_string()),
                                ("name", name),
                                ("count", loaded.packet.candidates.len().to_string()),
                                ("workspace", root.display().to_string())
                            ]
                        )
                    );
                    Ok(ExitCode::SUCCESS)
                }
                WorkspaceCommand::Export { out, unit } => {
                    let mut w = open_workspace(&root, l)?;
                    let id = w.pick_unit(unit)?;
                    let file = w.export_packet(id, &out)?;
                    say!(
                        "{}",
                        show::msg(
                            l,
                            "cli-exported",
                            &[("id", id.to_string()), ("file", file.display().to_string())]
                        )
                    );
                    Ok(ExitCode::SUCCESS)
                }
                WorkspaceCommand::List { json } => {
                    let w = open_workspace(&root, l)?;
                    show::units(&w.units()?, json, l)
                }
                WorkspaceCommand::Backup { out } => {
                    let w = open_workspace(&root, l)?;
                    let done = w.backup(&out, &jianbao::progress::Quiet)?;
                    say!("{}", show::copied(l, "cli-backup-done", &done));
                    Ok(ExitCode::SUCCESS)
                }
                WorkspaceCommand::Restore { file } => {
                    let done = jianbao::store::restore(&file, &root, &jianbao::progress::Quiet)?;
                    say!("{}", show::copied(l, "cli-restored", &done));
                    Ok(ExitCode::SUCCESS)
                }
                WorkspaceCommand::Move { to } => {
                    let mut w = open_workspace(&root, l)?;
                    let done = w.relocate(&to, &jianbao::progress::Quiet)?;
                    say!("{}", show::copied(l, "cli-moved", &done));
                    Ok(ExitCode::SUCCESS)
                }
                WorkspaceCommand::Candidates { json } => {
                    let w = open_workspace(&root, l)?;
                    show::received_candidates(
                        &jianbao::bundle::forward::received_candidates(&w, &reg)?,
                        json,
                        l,
                    );
                    Ok(ExitCode::SUCCESS)
                }
            }
        }
    }
}

fn say_line(line: String) {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    if let Err(e) = writeln!(out, "{line}") {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
        eprintln!("{e}");
        std::process::exit(2);
    }
}

/// `52428800`, `50MB`, `50MiB`, `2GiB`, `mail`, `fat32`.
fn parse_size(s: &str) -> Option<u64> {
    let s = s.trim().to_ascii_lowercase();
    match s.as_str() {
        "mail" | "email" => return Some(jianbao::bundle::export::MAIL_PART),
        "fat32" | "usb" => return Some(jianbao::bundle::export::FAT32_PART),
        _ => {}
    }
    let split = s.find(|c: char| !c.is_ascii_digit() && c != '.').unwrap_or(s.len());
    let (num, unit) = s.split_at(split);
    let n: f64 = num.parse().ok()?;
    let mult = match unit.trim() {
        "" | "b" => 1.0,
        "k" | "kb" => 1e3,
        "kib" => 1024.0,
        "m" | "mb" => 1e6,
        "mib" => 1048576.0,
        "g" | "gb" => 1e9,
        "gib" => 1073741824.0,
        _ => return None,
    };
    Some((n * mult) as u64)
}
