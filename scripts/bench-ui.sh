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
python3 - "$work/王海涛视频.mp4" "$size_mib" <<'PY'
import os, struct, sys
seed = open("fuzz/corpus/mp4_walker/seed0.mp4", "rb").read()
ftyp_len = struct.unpack(">I", seed[:4])[0]
mdat_len = struct.unpack(">I", seed[ftyp_len:ftyp_len + 4])[0]
moov = seed[ftyp_len + mdat_len:]
n = int(sys.argv[2]) << 20
with open(sys.argv[1], "wb") as f:
    f.write(seed[:ftyp_len])
    f.write(struct.pack(">I4sQ", 1, b"mdat", n + 16))
    chunk = os.urandom(1 << 20)
    for i in range(n >> 20):
        f.write(chunk[:-8] + struct.pack(">Q", i))
    f.write(moov)
PY
xvfb-run -a -s "-screen 0 1280x800x24" node ui/e2e/bench-export.mjs "$work/王海涛视频.mp4"
