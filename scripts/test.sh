#!/usr/bin/env bash
# Runs every test of Jianbao on a fresh Debian/Ubuntu machine: installs the system packages the tests
# use (poppler-utils for pdftotext/pdffonts/pdfimages, qpdf, age, minisign, LibreOffice Writer to open the .docx files
# and a CJK font for it; WebKitGTK, Xvfb, WebKitWebDriver and tauri-driver for the desktop app), then
# formatting, lints, docs, the core's tests, the UI's tests, the app's build and .deb, and the
# end-to-end tests in the real window.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh
setup_packages --test

need=()
command -v pdftotext >/dev/null || need+=(poppler-utils)
command -v qpdf >/dev/null || need+=(qpdf)
command -v soffice >/dev/null || need+=(libreoffice-writer-nogui)
# (grep -c reads to the end: with pipefail, grep -q would break fc-list's pipe and look like a miss)
[ "$(fc-list 2>/dev/null | grep -ci 'Noto Serif CJK\|Noto Sans CJK')" -gt 0 ] || need+=(fonts-noto-cjk)
command -v cc >/dev/null || need+=(build-essential)
command -v minisign >/dev/null || need+=(minisign)
command -v 7z >/dev/null || need+=(p7zip-full)
command -v unzip >/dev/null || need+=(unzip)
# age (the reference tool) decrypts our encrypted parts and encrypts parts we import.
command -v age >/dev/null || need+=(age)
if [ ${#need[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  echo "installing: ${need[*]}"
  $SUDO apt-get -o DPkg::Lock::Timeout=600 -o APT::Lock::Timeout=600 update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get -o DPkg::Lock::Timeout=600 -o APT::Lock::Timeout=600 install -y -qq "${need[@]}" >/dev/null
fi

# bagit.py (the Library of Congress BagIt tool) validates exported bags independently.
command -v bagit.py >/dev/null || python3 -m pip install --quiet bagit

cargo fmt --all -- --check
# The UI first (the app embeds ui/dist, so even clippy needs it): types, form generation (Vitest), build.
(cd ui && npm ci --no-audit --no-fund --loglevel=error && npm run typecheck --silent && npm test --silent \
  && npm run build --silent)
# The core must stay free of any GUI package.
if cargo tree -i tauri -p jianbao --locked -e normal 2>&1 | grep -q "^tauri v"; then
  echo "the core (package jianbao) depends on tauri" >&2; exit 1
fi
cargo clippy --workspace --all-targets --locked -- -D warnings
RUSTDOCFLAGS="-D warnings" cargo doc --no-deps --locked -q -p jianbao
cargo test --locked

# The app package's tests: generated TypeScript bindings current, capabilities, CSP.
cargo test -p jianbao-app --locked

# The app and its .deb (Tauri's bundler, debug profile: the binary the end-to-end tests drive).
ui/node_modules/.bin/tauri build --debug --bundles deb --ci
ls -l target/debug/bundle/deb/*.deb
cargo build --locked -q --bin jianbao

# End-to-end, in the real window under Xvfb at 1280×800 (screenshots in ui/e2e/screenshots).
timeout 900 xvfb-run -a -s "-screen 0 1280x800x24" node --test --test-concurrency=1 ui/e2e/
