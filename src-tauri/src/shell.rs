//! Startup and the plumbing every adapter shares: the workspace behind a lock, errors as
//! `{code, message}`, long work on a blocking thread with progress events and cancellation, file
//! dialogs, and opening folders.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use jianbao::desk::{Desk, ErrorView};
use jianbao::progress::Task;
use serde::Deserialize;
use tauri::{AppHandle, Emitter, Manager, State};
use tauri_plugin_dialog::DialogExt;
use tauri_plugin_opener::OpenerExt;

/// What crosses to the window: a value, or an error with a stable code and a message.
pub type Out<T> = Result<T, ErrorView>;

/// The app's state as commands receive it.
pub type S<'a> = State<'a, App>;

/// The open workspace and the running tasks.
pub struct App {
    desk: Arc<Mutex<Desk>>,
    tasks: Mutex<HashMap<u32, Arc<Task>>>,
    /// Folders the user chose in a dialog (the only places besides the workspace that may be opened).
    chosen: Mutex<Vec<PathBuf>>,
}

fn busy() -> ErrorView {
    // The workspace's lock is lost with the task that held it: no desk to ask for the user's language.
    let e = jianbao::Error::WorkspaceBusy;
    ErrorView {
        code: e.code().into(),
        message: jianbao::i18n::Localizer::for_window(jianbao::i18n::Lang::Zh).error(&e),
    }
}

impl App {
    /// Runs `f` on the workspace.
    pub fn with<T>(&self, f: impl FnOnce(&mut Desk) -> jianbao::Result<T>) -> Out<T> {
        let mut d = self.desk.lock().map_err(|_| busy())?;
        f(&mut d).map_err(|e| d.error_view(&e))
    }

    /// Runs long work on a blocking thread, emitting `progress` events; `cancel(id)` stops it.
    pub async fn task<T: Send + 'static>(
        &self,
        app: AppHandle,
        id: u32,
        kind: &str,
        f: impl FnOnce(&Mutex<Desk>, &Task) -> jianbao::Result<T> + Send + 'static,
    ) -> Out<T> {
        let task = Arc::new(Task::new(id, kind, move |s| {
            let _ = app.emit("progress", s);
        }));
        self.tasks.lock().map_err(|_| busy())?.insert(id, task.clone());
        let desk = self.desk.clone();
        let result = tauri::async_runtime::spawn_blocking(move || {
            f(&desk, &task).map_err(|e| desk.lock().map(|d| d.error_view(&e)).unwrap_or_else(|_| busy()))
        })
        .await
        .unwrap_or_else(|_| Err(busy()));
        self.tasks.lock().map_err(|_| busy())?.remove(&id);
        result
    }

    /// Long work as plan → run → record: `plan` reads what the work needs from the workspace (a
    /// moment, holding it), `run` does the work on a blocking thread without the workspace — so every
    /// other command goes on meanwhile — with progress events and cancellation, and `record` writes
    /// the outcome back (a moment, holding it).
    pub async fn work<P: Send + 'static, T: Send + 'static, R>(
        &self,
        app: AppHandle,
        id: u32,
        kind: &str,
        plan: impl FnOnce(&mut Desk) -> jianbao::Result<P>,
        run: impl FnOnce(P, &Task) -> jianbao::Result<T> + Send + 'static,
        record: impl FnOnce(&mut Desk, T) -> jianbao::Result<R>,
    ) -> Out<R> {
        let planned = self.with(plan)?;
        let task = Arc::new(Task::new(id, kind, move |s| {
            let _ = app.emit("progress", s);
        }));
        self.tasks.lock().map_err(|_| busy())?.insert(id, task.clone());
        let t = task.clone();
        let done = tauri::async_runtime::spawn_blocking(move || run(planned, &t)).await;
        self.tasks.lock().map_err(|_| busy())?.remove(&id);
        match done {
            Ok(Ok(v)) => self.with(|d| record(d, v)),
            Ok(Err(e)) => Err(self.with(|d| Ok(d.error_view(&e)))?),
            Err(_) => Err(busy()),
        }
    }

    /// Asks a running task to stop.
    pub fn cancel(&self, id: u32) {
        if let Some(t) = self.tasks.lock().ok().and_then(|t| t.get(&id).cloned()) {
            t.cancel();
        }
    }

    /// A file or folder dialog. End-to-end tests cannot drive the native dialog, so when
    /// `JIANBAO_TEST_PICKS` names a file, each dialog instead takes that file's first line
    /// (paths separated by `|`; an empty line is "cancelled").
    pub async fn pick(&self, app: AppHandle, what: Pick) -> Out<Option<Vec<PathBuf>>> {
        let picked = match std::env::var_os("JIANBAO_TEST_PICKS") {
            Some(script) => scripted_pick(Path::new(&script)),
            None => {
                tauri::async_runtime::spawn_blocking(move || native_pick(&app, what)).await.unwrap_or(None)
            }
        };
        if let Some(paths) = &picked {
            let mut chosen = self.chosen.lock().map_err(|_| busy())?;
            chosen.extend(paths.iter().map(|p| Desk::folder_of(p)));
        }
        Ok(picked)
    }

    /// Opens a folder (or a file with its usual program: the PDF reader prints). Only the workspace
    /// and folders the user chose may be opened.
    pub fn open(&self, app: &AppHandle, path: &Path) -> Out<()> {
        let root = self.with(|d| Ok(d.workspace().root().to_path_buf()))?;
        let chosen = self.chosen.lock().map_err(|_| busy())?.clone();
        let allowed = |p: &Path| p.starts_with(&root) || chosen.iter().any(|c| p.starts_with(c));
        let canonical = path.canonicalize().unwrap_or_default();
        if !allowed(&canonical) && !allowed(path) {
            let outside =
                jianbao::Error::NotShown { path: path.to_path_buf(), why: jianbao::error::NotShown::Outside };
            return self.with(|_| Err(outside));
        }
        app.opener()
            .open_path(path.display().to_string(), None::<&str>)
            .map_err(|e| ErrorView { code: "err-io".into(), message: e.to_string() })
    }
}

/// What a dialog asks for.
#[derive(Debug, Clone, Deserialize)]
pub struct Pick {
    /// Dialog title.
    title: String,
    /// `files`, `file`, `folder` or `save`.
    kind: String,
    /// File name filter: (label, extensions).
    #[serde(default)]
    filter: Option<(String, Vec<String>)>,
    /// Suggested file name for `save`.
    #[serde(default)]
    name: Option<String>,
}

fn native_pick(app: &AppHandle, what: Pick) -> Option<Vec<PathBuf>> {
    let mut d = app.dialog().file().set_title(&what.title);
    if let Some((label, exts)) = &what.filter {
        let exts: Vec<&str> = exts.iter().map(String::as_str).collect();
        d = d.add_filter(label, &exts);
    }
    if let Some(name) = &what.name {
        d = d.set_file_name(name);
    }
    let paths = match what.kind.as_str() {
        "files" => d.blocking_pick_files()?,
        "folder" => vec![d.blocking_pick_folder()?],
        "save" => vec![d.blocking_save_file()?],
        _ => vec![d.blocking_pick_file()?],
    };
    Some(paths.into_iter().filter_map(|p| p.into_path().ok()).collect())
}

fn scripted_pick(script: &Path) -> Option<Vec<PathBuf>> {
    let text = std::fs::read_to_string(script).ok()?;
    let mut lines = text.lines();
    let first = lines.next()?.to_string();
    let rest: Vec<&str> = lines.collect();
    let _ = std::fs::write(script, rest.join("\n"));
    let paths: Vec<PathBuf> = first.split('|').filter(|s| !s.is_empty()).map(PathBuf::from).collect();
    (!paths.is_empty()).then_some(paths)
}

/// Opens the workspace (`JIANBAO_HOME` or the system's data folder) and starts the window.
pub fn run(handler: impl Fn(tauri::ipc::Invoke) -> bool + Send + Sync + 'static) {
    let root = jianbao::store::default_root();
    let desk = match Desk::open(&root, jianbao::i18n::Lang::Zh) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("荐报无法打开工作区 {}：{e}", root.display());
            std::process::exit(2);
        }
    };
    let first_start = desk.sample_due().unwrap_or(false);
    let registry = desk.registry().clone();
    tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .manage(App { desk: Arc::new(Mutex::new(desk)), tasks: Mutex::default(), chosen: Mutex::default() })
        .invoke_handler(handler)
        .setup(move |app| {
            if let Some(w) = app.get_webview_window("main") {
                let _ = w.set_title("荐报 Jianbao");
                // The end-to-end tests look at every screen at the smaller laptop size too.
                if let Some((width, height)) = std::env::var("JIANBAO_WINDOW_SIZE").ok().and_then(|v| {
                    v.split_once('x').and_then(|(a, b)| Some((a.parse().ok()?, b.parse().ok()?)))
                }) {
                    let _ = w.set_size(tauri::LogicalSize::<f64>::new(width, height));
                }
            }
            // The first start's example is drawn while the window is already usable, then announced.
            if first_start {
                let handle = app.handle().clone();
                std::thread::spawn(move || {
                    let installed = jianbao::desk::prepare_sample(&registry).and_then(|files| {
                        match handle.state::<App>().desk.lock() {
                            Ok(mut d) => d.install_sample(files).map(|_| ()),
                            Err(_) => Ok(()),
                        }
                    });
                    if let Err(e) = installed {
                        eprintln!("示例工作区未能创建：{e}");
                    }
                    let _ = handle.emit("home-changed", ());
                });
            }
            Ok(())
        })
        .run(tauri::generate_context!())
        .expect("the window starts");
}
