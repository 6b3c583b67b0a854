// The app's commands are listed here so that each gets an `allow-<command>` permission, which the
// window is then granted explicitly in `capabilities/main.json`.
fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(jianbao_app_commands::COMMANDS)),
    )
    .expect("tauri build");
}

#[path = "src/command_list.rs"]
mod jianbao_app_commands;
