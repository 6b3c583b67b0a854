#!/usr/bin/env bash
# Compares what one candidate's unit renders with Jianbao (推荐表 PDF + DOCX, 汇总表 PDF + DOCX + XLSX,
# one `jianbao render` process each run) against LibreOffice converting that same 推荐表 .docx to PDF
# (what users get today from “save as PDF”), and reports the PDF's size against the photo's bytes.
# Needs soffice (libreoffice-writer-nogui) and python3; builds the CLI in release mode.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release -q
bin=target/release/jianbao
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$bin" sample ordos-2021-zuimei --out "$work/sample" >/dev/null
# One candidate: the sample's first.
python3 - "$work/sample/packet.json" "$work/sample/one.json" <<'PY'
import json, sys
p = json.load(open(sys.argv[1]))
p["candidates"] = p["candidates"][:1]
json.dump(p, open(sys.argv[2], "w"), ensure_ascii=False)
PY
"$bin" render "$work/sample/one.json" --out "$work/warm" >/dev/null
runs=${RUNS:-10}
now() { date +%s.%N; }
t0=$(now); for i in $(seq "$runs"); do "$bin" render "$work/sample/one.json" --out "$work/r$i" >/dev/null; done; t1=$(now)
docx="$work/warm/推荐表-王海涛.docx"
soffice -env:UserInstallation=file://$work/lo --headless --convert-to pdf --outdir "$work/lo-warm" "$docx" >/dev/null 2>&1
t2=$(now); for i in $(seq "$runs"); do soffice -env:UserInstallation=file://$work/lo --headless --convert-to pdf --outdir "$work/lo$i" "$docx" >/dev/null 2>&1; done; t3=$(now)
jb=$(echo "($t1 - $t0) / $runs" | bc -l)
lo=$(echo "($t3 - $t2) / $runs" | bc -l)
pdf=$(stat -c %s "$work/warm/推荐表-王海涛.pdf")
photo=$(stat -c %s "$work/sample/media/王海涛1.jpg")
printf 'jianbao render (one candidate, 5 files): %.3f s per run\n' "$jb"
printf 'LibreOffice docx→pdf (the same 推荐表):   %.3f s per run\n' "$lo"
printf 'ratio jianbao / LibreOffice:             %.3f (target ≤ 0.05)\n' "$(echo "$jb / $lo" | bc -l)"
printf '推荐表 PDF %d bytes, photo %d bytes: PDF − photo = %d bytes\n' "$pdf" "$photo" "$((pdf - photo))"
