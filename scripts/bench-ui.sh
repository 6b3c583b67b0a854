#!/usr/bin/env bash
# The window's start-to-interactive time and its responsiveness while exporting a bundle with a 1 GiB
# video (export + USB copy with read-back), under Xvfb through tauri-driver. Prints JSON; the figures
# are recorded in docs/benchmarks.md. Needs what scripts/test.sh installs, and the debug app built by it.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
size_mib=${SIZE_MIB:-1024}
# A 1 GiB MP4 meeting the Ordos video rule: the fuzz seed's container around random media data.
python3 scripts/make-mp4.py "$work/王海涛视频.mp4" "$size_mib"
xvfb-run -a -s "-screen 0 1280x800x24" node ui/e2e/bench-export.mjs "$work/王海涛视频.mp4"
