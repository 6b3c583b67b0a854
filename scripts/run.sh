#!/usr/bin/env bash
# The main job: builds and starts the 荐报 desktop app on a fresh Debian/Ubuntu machine (installing the
# build packages when missing). The first start opens a 示例 workspace (the Ordos 2021 example unit)
# in the workspace folder: $JIANBAO_HOME, else ~/.local/share/jianbao. Without a display it runs in a
# virtual one (Xvfb), which is how CI sees the window open.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh
setup_packages
build_ui
cargo build -p jianbao-app --locked -q
if [ -z "${DISPLAY:-}" ]; then
  exec xvfb-run -a -s "-screen 0 1280x800x24" target/debug/jianbao-app "$@"
fi
exec target/debug/jianbao-app "$@"
