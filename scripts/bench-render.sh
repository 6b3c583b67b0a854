#!/usr/bin/env bash
# Compares rendering one sample 推荐表 with Jianbao against LibreOffice converting the same form's
# .docx to PDF (what users get today from “save as PDF”), and reports the PDF's size against the
# photo's bytes. Needs soffice (libreoffice-writer-nogui) and builds the CLI in release mode.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release -q
bin=target/release/jianbao
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$bin" sample ordos-2021-zuimei --out "$work/sample" >/dev/null
"$bin" render "$work/sample/packet.json" --out "$work/warm" >/dev/null
runs=${RUNS:-5}
now() { date +%s.%N; }
t0=$(now); for i in $(seq "$runs"); do "$bin" render "$work/sample/packet.json" --out "$work/r$i" >/dev/null; done; t1=$(now)
# Jianbao renders every form of the packet (2 推荐表 PDF + DOCX, 汇总表 ×3) per run; LibreOffice converts one .docx.
docx="$work/warm/推荐表-王海涛.docx"
soffice -env:UserInstallation=file://$work/lo --headless --convert-to pdf --outdir "$work/lo-warm" "$docx" >/dev/null 2>&1
t2=$(now); for i in $(seq "$runs"); do soffice -env:UserInstallation=file://$work/lo --headless --convert-to pdf --outdir "$work/lo$i" "$docx" >/dev/null 2>&1; done; t3=$(now)
jb=$(echo "($t1 - $t0) / $runs" | bc -l)
lo=$(echo "($t3 - $t2) / $runs" | bc -l)
pdf=$(stat -c %s "$work/warm/推荐表-王海涛.pdf")
photo=$(stat -c %s "$work/sample/media/王海涛1.jpg")
printf 'jianbao render (whole packet, 7 files): %.3f s per run\n' "$jb"
printf 'LibreOffice docx→pdf (one 推荐表):        %.3f s per run\n' "$lo"
printf 'ratio LibreOffice / jianbao:            %.1f×\n' "$(echo "$lo / $jb" | bc -l)"
printf '推荐表 PDF %d bytes, photo %d bytes: PDF − photo = %d bytes\n' "$pdf" "$photo" "$((pdf - photo))"
