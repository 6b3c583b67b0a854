#!/usr/bin/env bash
# Runs every test of Jianbao on a fresh Debian/Ubuntu machine: installs the system packages the tests
# use (poppler-utils for pdftotext/pdffonts/pdfimages, qpdf, LibreOffice Writer to open the .docx files
# and a CJK font for it), then formatting, lints, docs and the test suite.
set -euo pipefail
cd "$(dirname "$0")/.."

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
if [ ${#need[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  echo "installing: ${need[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi

# bagit.py (the Library of Congress BagIt tool) validates exported bags independently.
command -v bagit.py >/dev/null || python3 -m pip install --quiet bagit

cargo fmt --all -- --check
cargo clippy --all-targets --locked -- -D warnings
RUSTDOCFLAGS="-D warnings" cargo doc --no-deps --locked -q
cargo test --locked
